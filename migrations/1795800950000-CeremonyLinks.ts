import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Poker sessions, sprint reviews and retrospectives were built beside the calendar and could
 * only keep `ceremony_id` as a loose uuid; now it must be a ceremony of the same team. Ids that
 * point nowhere are cleared first; a ceremony that goes (with its sprint) leaves the link empty.
 */
export class CeremonyLinks1795800950000 implements MigrationInterface {
  name = 'CeremonyLinks1795800950000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(
        `UPDATE ${table} x SET ceremony_id = NULL
          WHERE ceremony_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM ceremonies c WHERE c.team_id = x.team_id AND c.id = x.ceremony_id)`,
      );
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_ceremony_fkey
           FOREIGN KEY (team_id, ceremony_id) REFERENCES ceremonies (team_id, id) ON DELETE SET NULL (ceremony_id)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_ceremony_fkey`);
    }
  }
}

const TABLES = ['poker_sessions', 'sprint_reviews', 'retrospectives'];
