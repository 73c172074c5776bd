import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook subscription is claimed with a lease (committed at once) rather than a row lock
 * held for the whole HTTP request: a slow receiver no longer keeps a transaction, and one of
 * the pool's connections, open. `claim_id` names the claim, so that a worker whose lease ran
 * out (and was taken over) cannot write over its successor's progress.
 */
export class WebhookLeases1795801520000 implements MigrationInterface {
  name = 'WebhookLeases1795801520000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE webhook_subscriptions ADD COLUMN claim_id uuid, ADD COLUMN lease_until timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE webhook_subscriptions DROP COLUMN claim_id, DROP COLUMN lease_until`,
    );
  }
}
