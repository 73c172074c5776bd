import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset by email (owned by src/identity). Every request is a row, whether or not an
 * account has the address, so that the per-address and per-IP limits count alike and the answer
 * says nothing; `email_hash` (SHA-256 of the normalised address) rather than the address keeps
 * unknown addresses out of the database. A request for an account also holds the SHA-256 of its
 * single-use token (never the token), valid one hour.
 */
export class PasswordResets1795801310000 implements MigrationInterface {
  name = 'PasswordResets1795801310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email_hash text NOT NULL,
        ip text NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        token_hash text UNIQUE,
        expires_at timestamptz,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT password_resets_token CHECK (
          (user_id IS NULL AND token_hash IS NULL AND expires_at IS NULL)
          OR (user_id IS NOT NULL AND token_hash IS NOT NULL AND expires_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX password_resets_email ON password_resets (email_hash, created_at)`);
    await q.query(`CREATE INDEX password_resets_ip ON password_resets (ip, created_at)`);
    await q.query(
      `CREATE INDEX password_resets_user ON password_resets (user_id) WHERE used_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_resets`);
  }
}
