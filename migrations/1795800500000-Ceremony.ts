import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ceremonies: each team's cadence, the calendar (generated per sprint or added by hand,
 * optionally recurring with an RFC 5545 rule), live sessions with their attendance, secret
 * iCalendar feed tokens (hashed), daily scrum entries and impediments.
 */
export class Ceremony1795800500000 implements MigrationInterface {
  name = 'Ceremony1795800500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team_cadences (
        team_id uuid PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
        sprint_length_days integer NOT NULL CHECK (sprint_length_days BETWEEN 1 AND 31),
        daily_time text NOT NULL CHECK (daily_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        working_days integer[] NOT NULL,
        timezone text,
        daily_prompts jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE ceremonies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        sprint_id uuid,
        type text NOT NULL CHECK (type IN ('sprint_planning', 'daily_scrum', 'sprint_review',
          'sprint_retrospective', 'backlog_refinement')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        timezone text NOT NULL,
        recurrence text,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        attendee_ids uuid[] NOT NULL DEFAULT '{}',
        agenda text NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        outcomes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT ceremonies_team_id_key UNIQUE (team_id, id),
        CONSTRAINT ceremonies_sprint_fkey FOREIGN KEY (team_id, sprint_id)
          REFERENCES sprints (team_id, id) ON DELETE CASCADE,
        CONSTRAINT ceremonies_times CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX ceremonies_team_start ON ceremonies (team_id, starts_at)`);
    await q.query(`
      CREATE TABLE ceremony_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        ceremony_id uuid NOT NULL,
        facilitator_id uuid NOT NULL REFERENCES users (id),
        started_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        ended_at timestamptz,
        attendance uuid[] NOT NULL DEFAULT '{}',
        CONSTRAINT ceremony_sessions_ceremony_fkey FOREIGN KEY (team_id, ceremony_id)
          REFERENCES ceremonies (team_id, id) ON DELETE CASCADE
      )`);
    // One live session per ceremony, also under races.
    await q.query(
      `CREATE UNIQUE INDEX ceremony_sessions_one_live ON ceremony_sessions (ceremony_id)
         WHERE ended_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE calendar_feeds (
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE daily_scrum_entries (
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        day date NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        answers jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, day, user_id)
      )`);
    await q.query(`
      CREATE TABLE impediments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        owner_id uuid REFERENCES users (id),
        reported_by uuid NOT NULL REFERENCES users (id),
        item_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX impediments_team ON impediments (team_id, status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE impediments`);
    await q.query(`DROP TABLE daily_scrum_entries`);
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE ceremony_sessions`);
    await q.query(`DROP TABLE ceremonies`);
    await q.query(`DROP TABLE team_cadences`);
  }
}
