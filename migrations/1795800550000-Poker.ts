import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planning poker and sprint reviews.
 *
 * `ceremony_id` names the calendar ceremony a session or review belongs to. The ceremonies
 * table comes from another migration; its foreign key is added when both are merged.
 * Votes are kept per round, so a revote leaves the earlier rounds as history. A vote's card is
 * the only place a value lives before the reveal: no event and no other reader's response
 * carries it until `revealed_rounds` includes that round.
 */
export class Poker1795800550000 implements MigrationInterface {
  name = 'Poker1795800550000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE poker_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        ceremony_id uuid,
        facilitator_id uuid NOT NULL REFERENCES users (id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        deck text NOT NULL
          CHECK (deck IN ('fibonacci', 'modified_fibonacci', 'tshirt', 'powers_of_two', 'team')),
        cards text[] NOT NULL,
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'ended')),
        current_position integer,
        round integer NOT NULL DEFAULT 1,
        round_state text NOT NULL DEFAULT 'voting' CHECK (round_state IN ('voting', 'revealed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT poker_sessions_team_id_key UNIQUE (team_id, id)
      )`);
    await q.query(`CREATE INDEX poker_sessions_team ON poker_sessions (team_id, created_at)`);
    await q.query(`
      CREATE TABLE poker_session_items (
        session_id uuid NOT NULL,
        team_id uuid NOT NULL,
        item_id uuid NOT NULL,
        position integer NOT NULL,
        outcome text CHECK (outcome IN ('accepted', 'skipped')),
        accepted_card text,
        estimate numeric,
        PRIMARY KEY (session_id, position),
        CONSTRAINT poker_session_items_item_key UNIQUE (session_id, item_id),
        FOREIGN KEY (team_id, session_id) REFERENCES poker_sessions (team_id, id) ON DELETE CASCADE,
        FOREIGN KEY (team_id, item_id) REFERENCES backlog_items (team_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE poker_participants (
        session_id uuid NOT NULL REFERENCES poker_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('participant', 'spectator')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE poker_votes (
        session_id uuid NOT NULL REFERENCES poker_sessions (id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        round integer NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        card text NOT NULL,
        voted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, item_id, round, user_id)
      )`);
    await q.query(`
      CREATE TABLE poker_rounds (
        session_id uuid NOT NULL REFERENCES poker_sessions (id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        round integer NOT NULL,
        revealed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, item_id, round)
      )`);

    await q.query(`
      CREATE TABLE sprint_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        sprint_id uuid NOT NULL,
        ceremony_id uuid,
        notes text NOT NULL DEFAULT '' CHECK (char_length(notes) <= 20000),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT sprint_reviews_team_id_key UNIQUE (team_id, id),
        CONSTRAINT sprint_reviews_sprint_key UNIQUE (sprint_id),
        FOREIGN KEY (team_id, sprint_id) REFERENCES sprints (team_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE sprint_review_items (
        review_id uuid NOT NULL,
        team_id uuid NOT NULL,
        item_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('accepted', 'not_accepted')),
        note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
        decided_by uuid NOT NULL REFERENCES users (id),
        decided_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (review_id, item_id),
        FOREIGN KEY (team_id, review_id) REFERENCES sprint_reviews (team_id, id) ON DELETE CASCADE,
        FOREIGN KEY (team_id, item_id) REFERENCES backlog_items (team_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE sprint_review_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL,
        team_id uuid NOT NULL,
        author_id uuid NOT NULL REFERENCES users (id),
        item_id uuid,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 5000),
        backlog_item_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (team_id, review_id) REFERENCES sprint_reviews (team_id, id) ON DELETE CASCADE,
        FOREIGN KEY (team_id, item_id) REFERENCES backlog_items (team_id, id) ON DELETE CASCADE,
        FOREIGN KEY (team_id, backlog_item_id) REFERENCES backlog_items (team_id, id)
      )`);
    await q.query(
      `CREATE INDEX sprint_review_feedback_review ON sprint_review_feedback (review_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sprint_review_feedback`);
    await q.query(`DROP TABLE sprint_review_items`);
    await q.query(`DROP TABLE sprint_reviews`);
    await q.query(`DROP TABLE poker_rounds`);
    await q.query(`DROP TABLE poker_votes`);
    await q.query(`DROP TABLE poker_participants`);
    await q.query(`DROP TABLE poker_session_items`);
    await q.query(`DROP TABLE poker_sessions`);
  }
}
