import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import { MailRow, OutgoingMail } from './mail-message';

/** Every query of the mail_outbox table (owned by this module). */
@Injectable()
export class MailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** In the caller's transaction; undefined when a message with this key exists already. */
  async insert(m: EntityManager, mail: OutgoingMail): Promise<{ id: string } | undefined> {
    const [row] = await query<{ id: string }>(
      m,
      `INSERT INTO mail_outbox
         (dedupe_key, kind, locale, to_address, user_id, workspace_id, subject, text_body, html_body, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        mail.key,
        mail.kind,
        mail.locale,
        mail.to,
        mail.userId ?? null,
        mail.workspaceId ?? null,
        mail.subject,
        mail.text,
        mail.html,
        JSON.stringify(mail.headers ?? {}),
      ],
    );
    return row;
  }

  /**
   * Claims due messages for one worker: SKIP LOCKED lets several instances claim at once
   * without waiting for or taking each other's rows, and the claim commits before anything is
   * sent, so no transaction stays open while a mail server answers.
   */
  async claim(claimId: string, limit: number, leaseMs: number): Promise<MailRow[]> {
    return query<MailRow>(
      this.dataSource,
      `WITH due AS (
         SELECT id FROM mail_outbox
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, created_at LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE mail_outbox o
          SET status = 'sending', attempts = o.attempts + 1, claim_id = $1,
              lease_until = now() + $3::int * interval '1 millisecond'
         FROM due WHERE o.id = due.id
       RETURNING o.*`,
      [claimId, limit, leaseMs],
    );
  }

  async markSent(id: string, claimId: string): Promise<boolean> {
    const rows = await query<{ id: string }>(
      this.dataSource,
      `UPDATE mail_outbox
          SET status = 'sent', sent_at = now(), claim_id = NULL, lease_until = NULL,
              text_body = NULL, html_body = NULL
        WHERE id = $1 AND claim_id = $2 AND status = 'sending' RETURNING id`,
      [id, claimId],
    );
    return rows.length === 1;
  }

  /** A failure to retry at `retryAt`, or a final one (retryAt null). */
  async markFailed(
    id: string,
    claimId: string,
    error: string,
    responseCode: number | null,
    retryAt: Date | null,
  ): Promise<boolean> {
    const rows = await query<{ id: string }>(
      this.dataSource,
      retryAt
        ? `UPDATE mail_outbox
              SET status = 'pending', next_attempt_at = $5, claim_id = NULL, lease_until = NULL,
                  last_error = $3, last_response_code = $4
            WHERE id = $1 AND claim_id = $2 AND status = 'sending' RETURNING id`
        : `UPDATE mail_outbox
              SET status = 'failed', failed_at = now(), claim_id = NULL, lease_until = NULL,
                  last_error = $3, last_response_code = $4, text_body = NULL, html_body = NULL
            WHERE id = $1 AND claim_id = $2 AND status = 'sending' RETURNING id`,
      retryAt ? [id, claimId, error, responseCode, retryAt] : [id, claimId, error, responseCode],
    );
    return rows.length === 1;
  }

  /**
   * A claim whose lease ran out: its worker stopped while sending, so whether the server got
   * the message is unknown. It is not sent again (at most once per message id): it becomes a
   * failure that admins see.
   */
  async expireLeases(error: string): Promise<MailRow[]> {
    return query<MailRow>(
      this.dataSource,
      `UPDATE mail_outbox
          SET status = 'failed', failed_at = now(), claim_id = NULL, lease_until = NULL,
              last_error = $1, text_body = NULL, html_body = NULL
        WHERE status = 'sending' AND lease_until < now() RETURNING *`,
      [error],
    );
  }

  /** Failed messages, newest first: of one workspace, or of the whole installation. */
  async failures(
    scope: { workspaceId: string } | 'all',
    limit: number,
    afterId?: string,
  ): Promise<MailRow[]> {
    const params: unknown[] = [limit];
    const where = [`o.status = 'failed'`];
    if (scope !== 'all') {
      params.push(scope.workspaceId);
      where.push(`o.workspace_id = $${params.length}`);
    }
    if (afterId) {
      // Keyset on the row itself: timestamps keep their microseconds in SQL.
      params.push(afterId);
      where.push(
        `(o.failed_at, o.id) < (SELECT c.failed_at, c.id FROM mail_outbox c WHERE c.id = $${params.length})`,
      );
    }
    return query<MailRow>(
      this.dataSource,
      `SELECT o.* FROM mail_outbox o WHERE ${where.join(' AND ')}
        ORDER BY o.failed_at DESC, o.id DESC LIMIT $1`,
      params,
    );
  }

  /** Sent messages are kept a while for the record (without their bodies), then removed. */
  async pruneSent(olderThanDays: number): Promise<void> {
    await query(
      this.dataSource,
      `DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < now() - $1::int * interval '1 day'`,
      [olderThanDays],
    );
  }
}
