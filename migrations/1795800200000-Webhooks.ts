import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1795800200000 implements MigrationInterface {
  name = 'Webhooks1795800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        url text NOT NULL,
        description text,
        event_types text[] NOT NULL,
        secret_encrypted text NOT NULL,
        previous_secret_encrypted text,
        previous_secret_expires_at timestamptz,
        active boolean NOT NULL DEFAULT true,
        cursor_seq bigint NOT NULL,
        generation integer NOT NULL DEFAULT 1,
        failure_count integer NOT NULL DEFAULT 0,
        first_failure_at timestamptz,
        next_attempt_at timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_team ON webhook_subscriptions (team_id)`);
    await q.query(
      `CREATE INDEX webhook_subscriptions_due ON webhook_subscriptions (next_attempt_at) WHERE active`,
    );
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        team_id uuid NOT NULL,
        event_seq bigint,
        event_type text NOT NULL,
        generation integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('event', 'ping', 'redelivery')),
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        response_status integer,
        response_body text,
        duration_ms integer,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        delivered_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (subscription_id, generation, event_seq) WHERE kind = 'event'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
  }
}
