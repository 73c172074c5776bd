import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retrospectives: team templates, retrospectives with their phase, cards, groups, votes,
 * discussion notes and action items.
 *
 * An anonymous card keeps no `author_id`: only `author_key`, an HMAC of (retrospective, user)
 * under a server secret, so the author can still edit their card while someone reading the
 * table cannot tell who wrote it. `ceremony_id` names the `sprint_retrospective` ceremony when
 * there is one; its foreign key comes with the ceremonies table. Foreign keys on the composite
 * (team or retrospective, id) pairs keep every reference inside its tenant; removing a group
 * first takes its cards, notes and action items out of it (the repository does), so no
 * `ON DELETE SET NULL (column)` — PostgreSQL 15 syntax — is needed.
 */
export class Retrospective1795800600000 implements MigrationInterface {
  name = 'Retrospective1795800600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE retro_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        columns jsonb NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX retro_templates_team_name ON retro_templates (team_id, lower(name))`,
    );
    await q.query(`
      CREATE TABLE retrospectives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        sprint_id uuid,
        ceremony_id uuid,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        template text NOT NULL,
        columns jsonb NOT NULL,
        facilitator_id uuid REFERENCES users (id) ON DELETE SET NULL,
        phase text NOT NULL DEFAULT 'collect'
          CHECK (phase IN ('collect', 'group', 'vote', 'discuss', 'closed')),
        anonymous boolean NOT NULL DEFAULT false,
        private_writing boolean NOT NULL DEFAULT false,
        vote_budget integer NOT NULL DEFAULT 5 CHECK (vote_budget BETWEEN 1 AND 50),
        votes_per_group integer NOT NULL DEFAULT 3 CHECK (votes_per_group BETWEEN 1 AND 50),
        phase_started_at timestamptz NOT NULL DEFAULT now(),
        phase_ends_at timestamptz,
        previous_id uuid REFERENCES retrospectives (id) ON DELETE SET NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT retrospectives_team_id_key UNIQUE (team_id, id),
        CONSTRAINT retrospectives_sprint_fkey FOREIGN KEY (team_id, sprint_id)
          REFERENCES sprints (team_id, id)
      )`);
    await q.query(`CREATE INDEX retrospectives_team ON retrospectives (team_id, created_at)`);
    await q.query(`
      CREATE TABLE retro_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        retro_id uuid NOT NULL,
        title text NOT NULL DEFAULT '' CHECK (char_length(title) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT retro_groups_retro_id_key UNIQUE (retro_id, id),
        CONSTRAINT retro_groups_retro_fkey FOREIGN KEY (team_id, retro_id)
          REFERENCES retrospectives (team_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE retro_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        retro_id uuid NOT NULL,
        column_key text NOT NULL,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        author_key text,
        group_id uuid,
        revealed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT retro_cards_retro_fkey FOREIGN KEY (team_id, retro_id)
          REFERENCES retrospectives (team_id, id) ON DELETE CASCADE,
        CONSTRAINT retro_cards_group_fkey FOREIGN KEY (retro_id, group_id)
          REFERENCES retro_groups (retro_id, id),
        CONSTRAINT retro_cards_one_author CHECK (author_id IS NULL OR author_key IS NULL)
      )`);
    await q.query(`CREATE INDEX retro_cards_retro ON retro_cards (retro_id, created_at)`);
    await q.query(`
      CREATE TABLE retro_votes (
        retro_id uuid NOT NULL,
        group_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (group_id, user_id),
        CONSTRAINT retro_votes_group_fkey FOREIGN KEY (retro_id, group_id)
          REFERENCES retro_groups (retro_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX retro_votes_retro_user ON retro_votes (retro_id, user_id)`);
    await q.query(`
      CREATE TABLE retro_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        retro_id uuid NOT NULL,
        group_id uuid,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 5000),
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT retro_notes_retro_fkey FOREIGN KEY (team_id, retro_id)
          REFERENCES retrospectives (team_id, id) ON DELETE CASCADE,
        CONSTRAINT retro_notes_group_fkey FOREIGN KEY (retro_id, group_id)
          REFERENCES retro_groups (retro_id, id)
      )`);
    await q.query(`
      CREATE TABLE retro_action_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        retro_id uuid NOT NULL,
        group_id uuid,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
        owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
        due_date date,
        done boolean NOT NULL DEFAULT false,
        backlog_item_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT retro_action_items_retro_fkey FOREIGN KEY (team_id, retro_id)
          REFERENCES retrospectives (team_id, id) ON DELETE CASCADE,
        CONSTRAINT retro_action_items_group_fkey FOREIGN KEY (retro_id, group_id)
          REFERENCES retro_groups (retro_id, id),
        CONSTRAINT retro_action_items_item_fkey FOREIGN KEY (team_id, backlog_item_id)
          REFERENCES backlog_items (team_id, id)
      )`);
    await q.query(`CREATE INDEX retro_action_items_retro ON retro_action_items (retro_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retro_action_items`);
    await q.query(`DROP TABLE retro_notes`);
    await q.query(`DROP TABLE retro_votes`);
    await q.query(`DROP TABLE retro_cards`);
    await q.query(`DROP TABLE retro_groups`);
    await q.query(`DROP TABLE retrospectives`);
    await q.query(`DROP TABLE retro_templates`);
  }
}
