import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RuntimeConfig } from '../../config/runtime-config';
import { ConflictError, UnprocessableError } from '../errors/domain-error';

/** Keys and their stored responses live 24 h, as Stripe's. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a retry waits for the first request with its key before answering 409. */
const WAIT_MS = 15_000;
/** Anonymous routes (register) share one namespace: a replay must repeat the whole body. */
export const ANONYMOUS = '00000000-0000-0000-0000-000000000000';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** One request's key: who sent it, the key and the fingerprint of the request it names. */
export interface IdempotencyKey {
  userId: string;
  key: string;
  requestHash: Buffer;
}

/** Thrown inside the transaction when the key already holds an answer: nothing is done. */
export class ReplayInstead extends Error {
  constructor(readonly response: StoredResponse) {
    super('idempotent replay');
  }
}

/**
 * A key's row exists only once its request has committed: it is written in the same
 * transaction as the change (see IdempotencyInterceptor), so a committed change always
 * replays, and a request that fails or dies leaves nothing behind. While a request runs, its
 * key is held by a transaction-scoped advisory lock, which PostgreSQL releases the moment the
 * transaction ends — also when the process holding it is killed. Only hashes of the key and
 * of the request are stored; the response is encrypted with a key derived from the
 * Idempotency-Key itself (which is never stored) and the server secret, because it may carry a
 * secret shown once (an API token, a webhook secret) and a database dump must not reveal it.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly db: DataSource,
    private readonly config: RuntimeConfig,
  ) {}

  /** The stored answer for this key (422 when the key named another request), if any. */
  async lookup(
    id: IdempotencyKey,
    runner: DataSource | EntityManager = this.db,
  ): Promise<StoredResponse | undefined> {
    const keyHash = sha256(id.key);
    const rows: {
      request_hash: Buffer;
      status_code: number;
      response_headers: Record<string, string> | null;
      response_body: Buffer | null;
    }[] = await runner.query(
      `SELECT request_hash, status_code, response_headers, response_body
         FROM idempotency_keys
        WHERE user_id = $1 AND key_hash = $2 AND status_code IS NOT NULL
          AND created_at >= now() - make_interval(hours => $3)`,
      [id.userId, keyHash, IDEMPOTENCY_TTL_HOURS],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (!row.request_hash.equals(id.requestHash)) {
      throw new UnprocessableError(
        'idempotency-key-reused',
        'This Idempotency-Key was already used with another request (method, path or body); use a new key',
      );
    }
    return {
      status: row.status_code,
      headers: row.response_headers ?? {},
      body: this.decrypt(id.userId, id.key, row.response_body),
    };
  }

  /**
   * Inside the request's transaction, first: waits (up to 15 s, then 409) while another
   * request with the key is in its transaction, then replays its answer if it committed one.
   */
  async hold(m: EntityManager, id: IdempotencyKey): Promise<void> {
    const lockId = sha256(`${id.userId}\n${id.key}`).readBigInt64BE(0).toString();
    const [{ previous }]: { previous: string }[] = await m.query(
      `SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', $1, true)`,
      [`${WAIT_MS}ms`],
    );
    try {
      await m.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [lockId]);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') {
        throw new ConflictError(
          'idempotency-request-in-progress',
          'A request with this Idempotency-Key is still being processed; retry later',
        );
      }
      throw error;
    }
    await m.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]);
    const stored = await this.lookup(id, m);
    if (stored) throw new ReplayInstead(stored);
  }

  /** Inside the request's transaction, last: the answer, committed with the change. */
  async record(
    id: IdempotencyKey,
    response: StoredResponse,
    runner: EntityManager | DataSource = this.db,
  ): Promise<void> {
    await runner.query(
      `INSERT INTO idempotency_keys
              (user_id, key_hash, request_hash, status_code, response_headers, response_body,
               completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (user_id, key_hash) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
              response_headers = EXCLUDED.response_headers,
              response_body = EXCLUDED.response_body, created_at = now(), completed_at = now()`,
      [
        id.userId,
        sha256(id.key),
        id.requestHash,
        response.status,
        JSON.stringify(response.headers),
        this.encrypt(id.userId, id.key, response.body),
      ],
    );
    if (Math.random() < 0.01) void this.sweep();
  }

  /**
   * Keyed hash of the request: bodies may hold passwords (register), and a plain SHA-256 of a
   * guessable body could be brute-forced from a database dump.
   */
  fingerprint(request: string): Buffer {
    return createHmac('sha256', this.config.jwtSecret).update(request).digest();
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
