import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Backlog: labels and backlog items. Rank keys are fractional-indexing keys compared byte by
 * byte (`COLLATE "C"`), unique per team. The unique constraint is DEFERRABLE INITIALLY
 * IMMEDIATE so that it is checked at the end of each statement rather than row by row: a move
 * or a rebalance rewrites several keys in one UPDATE whose intermediate states may collide.
 */
export class Backlog1795800100000 implements MigrationInterface {
  name = 'Backlog1795800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE labels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
        color text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX labels_team_name ON labels (team_id, lower(name))`);

    await q.query(`
      CREATE TABLE backlog_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('epic', 'story', 'bug', 'task', 'spike')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 20000),
        acceptance_criteria text[] NOT NULL DEFAULT '{}',
        estimate numeric,
        status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
        label_ids uuid[] NOT NULL DEFAULT '{}',
        assignee_id uuid REFERENCES users (id),
        parent_id uuid,
        sprint_id uuid,
        ready_checklist jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(ready_checklist) = 'array'),
        ready boolean GENERATED ALWAYS AS (
          estimate IS NOT NULL
          AND jsonb_array_length(ready_checklist) > 0
          AND NOT jsonb_path_exists(ready_checklist, '$[*] ? (@.done != true)')
        ) STORED,
        rank text COLLATE "C" NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT backlog_items_team_id_key UNIQUE (team_id, id),
        CONSTRAINT backlog_items_parent_fkey FOREIGN KEY (team_id, parent_id)
          REFERENCES backlog_items (team_id, id),
        CONSTRAINT backlog_items_team_rank_key UNIQUE (team_id, rank) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT backlog_items_not_own_parent CHECK (parent_id <> id)
      )`);
    // The unique constraint's index (team_id, rank) also serves every list in rank order.
    await q.query(
      `CREATE INDEX backlog_items_parent ON backlog_items (team_id, parent_id) WHERE parent_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX backlog_items_labels ON backlog_items USING gin (label_ids)`);
    for (const config of ['italian', 'english']) {
      await q.query(
        `CREATE INDEX backlog_items_search_${config} ON backlog_items
           USING gin (to_tsvector('${config}'::regconfig, title || ' ' || description))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE backlog_items`);
    await q.query(`DROP TABLE labels`);
  }
}
