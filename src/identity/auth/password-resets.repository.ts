import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../../database/sql';

export interface PasswordResetRow {
  id: string;
  user_id: string | null;
  token_hash: string | null;
  expires_at: Date | null;
  used_at: Date | null;
  created_at: Date;
}

/** The password_resets table: requests (for the limits) and their single-use tokens. */
@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serializes the requests for one address, so two at once cannot both pass the limit; the
   * lock ends with the transaction.
   */
  async lockAddress(m: EntityManager, emailHash: string): Promise<void> {
    await query(m, `SELECT pg_advisory_xact_lock(hashtextextended($1, 7372002))`, [emailHash]);
  }

  /** Requests since `since` for the address and from the IP, and when the oldest counted ends. */
  async recent(
    m: EntityManager,
    emailHash: string,
    ip: string,
    since: Date,
  ): Promise<{ byEmail: number; byIp: number; oldestEmail: Date | null; oldestIp: Date | null }> {
    const [row] = await query<{
      by_email: string;
      by_ip: string;
      oldest_email: Date | null;
      oldest_ip: Date | null;
    }>(
      m,
      `SELECT count(*) FILTER (WHERE email_hash = $1) AS by_email,
              count(*) FILTER (WHERE ip = $2) AS by_ip,
              min(created_at) FILTER (WHERE email_hash = $1) AS oldest_email,
              min(created_at) FILTER (WHERE ip = $2) AS oldest_ip
         FROM password_resets
        WHERE (email_hash = $1 OR ip = $2) AND created_at > $3`,
      [emailHash, ip, since],
    );
    return {
      byEmail: Number(row.by_email),
      byIp: Number(row.by_ip),
      oldestEmail: row.oldest_email,
      oldestIp: row.oldest_ip,
    };
  }

  async insert(
    m: EntityManager,
    request: {
      emailHash: string;
      ip: string;
      userId: string | null;
      tokenHash: string | null;
      expiresAt: Date | null;
    },
  ): Promise<PasswordResetRow> {
    const [row] = await query<PasswordResetRow>(
      m,
      `INSERT INTO password_resets (email_hash, ip, user_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [request.emailHash, request.ip, request.userId, request.tokenHash, request.expiresAt],
    );
    return row;
  }

  /** Only the newest link works: the earlier unused ones of the user are spent. */
  async spendOthers(m: EntityManager, userId: string, keepId: string | null): Promise<void> {
    await query(
      m,
      `UPDATE password_resets SET used_at = now()
        WHERE user_id = $1 AND used_at IS NULL AND id IS DISTINCT FROM $2`,
      [userId, keepId],
    );
  }

  async findByTokenHash(hash: string, m?: EntityManager): Promise<PasswordResetRow | undefined> {
    const [row] = await query<PasswordResetRow>(
      m ?? this.dataSource,
      `SELECT * FROM password_resets WHERE token_hash = $1${m ? ' FOR UPDATE' : ''}`,
      [hash],
    );
    return row;
  }

  async markUsed(m: EntityManager, id: string): Promise<boolean> {
    const rows = await query<{ id: string }>(
      m,
      `UPDATE password_resets SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  /** Rows older than any limit or token are of no use. */
  async prune(m: EntityManager): Promise<void> {
    await query(m, `DELETE FROM password_resets WHERE created_at < now() - interval '2 days'`);
  }
}
