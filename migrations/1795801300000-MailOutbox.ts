import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of email (owned by src/mail): a row is inserted in the same
 * transaction as the change that causes the message, and a worker delivers it afterwards.
 * `dedupe_key` is the message id the caller chooses: a second enqueue with the same key adds
 * nothing. A worker claims a row by setting `status = 'sending'` with a lease and a fresh
 * `claim_id` (FOR UPDATE SKIP LOCKED), sends outside any transaction, then records the outcome
 * only if its claim still holds. Bodies are cleared once the outcome is final: they may hold a
 * single-use link.
 */
export class MailOutbox1795801300000 implements MigrationInterface {
  name = 'MailOutbox1795801300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL UNIQUE CHECK (char_length(dedupe_key) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (char_length(kind) BETWEEN 1 AND 60),
        locale text NOT NULL CHECK (locale IN ('it', 'en')),
        to_address text NOT NULL CHECK (char_length(to_address) BETWEEN 3 AND 254),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        workspace_id uuid REFERENCES workspaces (id) ON DELETE SET NULL,
        subject text NOT NULL,
        text_body text,
        html_body text,
        headers jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claim_id uuid,
        lease_until timestamptz,
        last_error text,
        last_response_code integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX mail_outbox_leased ON mail_outbox (lease_until) WHERE status = 'sending'`,
    );
    await q.query(
      `CREATE INDEX mail_outbox_failed ON mail_outbox (workspace_id, failed_at DESC)
         WHERE status = 'failed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_outbox`);
  }
}
