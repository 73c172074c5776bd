import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (docs/notifications.md). One row per (source, recipient, kind): the unique key
 * is what makes a replayed event, a second scheduler instance or an edited comment never notify
 * twice. Preferences are per user, kind and team (team NULL = every team); settings hold the
 * digest's time, zone and days. `notification_runs` is the claim table of the scheduler: a
 * reminder of one ceremony occurrence, or one user's digest of one day, is sent by whichever
 * instance inserts its key first (insert-on-conflict), and never again, restarts included.
 */
export class Notifications1795801400000 implements MigrationInterface {
  name = 'Notifications1795801400000';

  async up(q: QueryRunner): Promise<void> {
    const kinds = `('mentioned', 'assigned', 'status_changed', 'impediment_resolved', 'invited',
      'ceremony_starting')`;
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ${kinds}),
        source_key text NOT NULL,
        event_id uuid,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        title text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'digest')),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        digested_at timestamptz,
        CONSTRAINT notifications_once UNIQUE (source_key, user_id, kind)
      )`);
    await q.query(
      `CREATE INDEX notifications_user_list ON notifications (user_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ${kinds}),
        channel text NOT NULL CHECK (channel IN ('off', 'in_app', 'email', 'digest')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_preferences_key UNIQUE NULLS NOT DISTINCT (user_id, team_id, kind)
      )`);
    await q.query(`
      CREATE TABLE notification_settings (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        digest_time text NOT NULL DEFAULT '08:00'
          CHECK (digest_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        timezone text NOT NULL,
        digest_days integer[] NOT NULL DEFAULT '{1,2,3,4,5}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE notification_runs (
        key text PRIMARY KEY,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        window_end timestamptz,
        claimed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notification_runs_digest ON notification_runs (user_id, window_end DESC)
         WHERE window_end IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_runs`);
    await q.query(`DROP TABLE notification_settings`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notifications`);
  }
}
