import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports (docs/import-export.md). `imports` is the job: at most one queued or running per team
 * (the partial unique index), claimed by one instance at a time with a lease, so a job whose
 * server stopped is taken up again. `import_rows` is the planned content, written once with the
 * job, so that the job survives a restart without the file. `import_sources` keeps, per team,
 * which item each source row became: a re-import of the same rows creates nothing.
 */
export class Imports1795801600000 implements MigrationInterface {
  name = 'Imports1795801600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        created_by uuid NOT NULL REFERENCES users (id),
        source text NOT NULL CHECK (source IN ('spreadsheet', 'jira', 'trello', 'ritmo')),
        file_name text NOT NULL,
        state text NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
        total integer NOT NULL,
        done integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        claim_id uuid,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX imports_one_active ON imports (team_id) WHERE state IN ('queued', 'running')`,
    );
    await q.query(`CREATE INDEX imports_team ON imports (team_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE import_rows (
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        position integer NOT NULL,
        source_key text NOT NULL,
        item jsonb NOT NULL,
        done boolean NOT NULL DEFAULT false,
        PRIMARY KEY (import_id, position)
      )`);
    await q.query(`
      CREATE TABLE import_sources (
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        source_key text NOT NULL,
        item_id uuid NOT NULL REFERENCES backlog_items (id) ON DELETE CASCADE,
        import_id uuid REFERENCES imports (id) ON DELETE SET NULL,
        PRIMARY KEY (team_id, source_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_sources`);
    await q.query(`DROP TABLE import_rows`);
    await q.query(`DROP TABLE imports`);
  }
}
