import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records. The key itself is not stored (only its SHA-256), and the response is
 * encrypted with a key derived from it: see src/common/idempotency/idempotency.service.ts.
 * `status_code IS NULL` marks a request still in flight (the reservation that serializes retries).
 */
export class Idempotency1795800400000 implements MigrationInterface {
  name = 'Idempotency1795800400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key_hash bytea NOT NULL,
        request_hash bytea NOT NULL,
        status_code integer,
        response_headers jsonb,
        response_body bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (user_id, key_hash)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
