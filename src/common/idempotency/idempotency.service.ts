import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RuntimeConfig } from '../../config/runtime-config';
import { ConflictError, UnprocessableError } from '../errors/domain-error';

/** Keys and their stored responses live 24 h, as Stripe's. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a retry waits for the first request with its key before answering 409. */
const WAIT_MS = 15_000;
const POLL_MS = 25;
/** A reservation older than this belongs to a request that died (crash): it may be taken over. */
const ABANDONED_AFTER_S = 60;
/** Anonymous routes (register) share one namespace: a replay must repeat the whole body. */
export const ANONYMOUS = '00000000-0000-0000-0000-000000000000';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Reservation = { kind: 'reserved' } | { kind: 'replay'; response: StoredResponse };

/**
 * Serializes requests per (user, key) with a reservation row committed before the handler runs,
 * so no database connection is held while waiting. Only hashes of the key and of the request are
 * stored; the response is encrypted with a key derived from the Idempotency-Key itself (which is
 * never stored) and the server secret, because it may carry a secret shown once (an API token, a
 * webhook secret) and a database dump must not reveal it.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly db: DataSource,
    private readonly config: RuntimeConfig,
  ) {}

  async reserve(userId: string, key: string, requestHash: Buffer): Promise<Reservation> {
    const keyHash = sha256(key);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      // Expired or abandoned reservations make room; this is also the table's only sweep it
      // needs for the key at hand (a global sweep runs now and then below).
      await this.db.query(
        `DELETE FROM idempotency_keys WHERE user_id = $1 AND key_hash = $2
           AND (created_at < now() - make_interval(hours => $3)
                OR (status_code IS NULL AND created_at < now() - make_interval(secs => $4)))`,
        [userId, keyHash, IDEMPOTENCY_TTL_HOURS, ABANDONED_AFTER_S],
      );
      const inserted: unknown[] = await this.db.query(
        `INSERT INTO idempotency_keys (user_id, key_hash, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [userId, keyHash, requestHash],
      );
      if (inserted.length === 1) {
        if (Math.random() < 0.01) void this.sweep();
        return { kind: 'reserved' };
      }
      const rows: {
        request_hash: Buffer;
        status_code: number | null;
        response_headers: Record<string, string> | null;
        response_body: Buffer | null;
      }[] = await this.db.query(
        `SELECT request_hash, status_code, response_headers, response_body
           FROM idempotency_keys WHERE user_id = $1 AND key_hash = $2`,
        [userId, keyHash],
      );
      const row = rows[0];
      if (row && !row.request_hash.equals(requestHash)) {
        throw new UnprocessableError(
          'idempotency-key-reused',
          'This Idempotency-Key was already used with another request (method, path or body); use a new key',
        );
      }
      if (row && row.status_code !== null) {
        return {
          kind: 'replay',
          response: {
            status: row.status_code,
            headers: row.response_headers ?? {},
            body: this.decrypt(userId, key, row.response_body),
          },
        };
      }
      // Still in flight (row) or just released after a failure (no row): wait and look again.
      if (Date.now() > deadline) {
        throw new ConflictError(
          'idempotency-request-in-progress',
          'A request with this Idempotency-Key is still being processed; retry later',
        );
      }
      await sleep(POLL_MS);
    }
  }

  /**
   * Keyed hash of the request: bodies may hold passwords (register), and a plain SHA-256 of a
   * guessable body could be brute-forced from a database dump.
   */
  fingerprint(request: string): Buffer {
    return createHmac('sha256', this.config.jwtSecret).update(request).digest();
  }

  async complete(userId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET status_code = $3, response_headers = $4, response_body = $5,
              completed_at = now()
        WHERE user_id = $1 AND key_hash = $2`,
      [
        userId,
        sha256(key),
        response.status,
        JSON.stringify(response.headers),
        this.encrypt(userId, key, response.body),
      ],
    );
  }

  /** The request failed: nothing was done, so the key may be used again (as Stripe does for 4xx). */
  async release(userId: string, key: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key_hash = $2 AND status_code IS NULL`,
      [userId, sha256(key)],
    );
  }

  private async sweep(): Promise<void> {
    await this.db
      .query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [
        IDEMPOTENCY_TTL_HOURS,
      ])
      .catch(() => undefined);
  }

  private cipherKey(userId: string, key: string): Buffer {
    return Buffer.from(hkdfSync('sha256', key, this.config.jwtSecret, `ritmo-idem:${userId}`, 32));
  }

  private encrypt(userId: string, key: string, body: unknown): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.cipherKey(userId, key), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(body ?? null)), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  }

  private decrypt(userId: string, key: string, stored: Buffer | null): unknown {
    if (!stored) return null;
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.cipherKey(userId, key),
      stored.subarray(0, 12),
    );
    decipher.setAuthTag(stored.subarray(12, 28));
    const text = Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]);
    return JSON.parse(text.toString('utf8')) as unknown;
  }
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Same JSON whatever the order of object keys, so a re-serialized retry is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
