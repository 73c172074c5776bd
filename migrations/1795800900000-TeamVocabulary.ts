import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Scrum terms a team renamed (`{"sprint": "Ciclo di lavoro"}`); absent terms keep the
 * defaults of the reader's language (src/i18n/<lang>/vocabulary.json).
 */
export class TeamVocabulary1795800900000 implements MigrationInterface {
  name = 'TeamVocabulary1795800900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE teams ADD COLUMN vocabulary jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(vocabulary) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE teams DROP COLUMN vocabulary`);
  }
}
