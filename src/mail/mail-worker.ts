import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RuntimeConfig } from '../config/runtime-config';
import { MailRow } from './mail-message';
import { MailRepository } from './mail.repository';
import { MailTransport, MAX_SEND_MS } from './mail-transport';

/** Loops per instance, each sending one message at a time. */
const WORKERS = 2;
export const MAX_ATTEMPTS = 12;
const CAP_FACTOR = 120; // 1 h with the default 30 s base
/** Longer than any send can last (its timeouts), so a live worker never outlives its claim. */
export const LEASE_MS = 2 * MAX_SEND_MS;
const SWEEP_EVERY_MS = 30_000;
const PRUNE_EVERY_MS = 3_600_000;
const KEEP_SENT_DAYS = 30;
export const INTERRUPTED =
  'Interrupted while sending (the server stopped): not sent again, so that it is never sent twice';

/** base, 2 × base, 4 × base … capped at 120 × base, ±20 % jitter so instances spread out. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  const delay = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), baseMs * CAP_FACTOR);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/**
 * Delivers the outbox, never inside a request. Each message is claimed by one worker of one
 * instance (FOR UPDATE SKIP LOCKED, committed at once, with a lease), sent with no transaction
 * open, then marked sent, or pending again with an exponential backoff, or failed: after
 * MAX_ATTEMPTS, at once for a permanent refusal (5xx), or when the worker died mid-send.
 * A message is handed to the mail server at most once.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private timer?: NodeJS.Timeout;
  private running = 0;
  private stopped = false;
  private lastSweep = 0;
  private lastPrune = 0;
  /** A kick while every loop is busy: they look once more before stopping. */
  private again = false;

  constructor(
    private readonly repository: MailRepository,
    private readonly transport: MailTransport,
    private readonly config: RuntimeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log(
      this.transport.mode === 'smtp'
        ? `Email is sent through ${this.transport.describe()} from ${this.config.mail.from}`
        : `Email: SMTP_URL is not set, so every message is written as an .eml file (open it with a mail client) into ${this.transport.describe()}`,
    );
    this.timer = setInterval(() => this.kick(), this.config.mail.pollMs);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Something was enqueued (after its commit), or the poll came: look for due messages. */
  kick(): void {
    this.again = true;
    while (!this.stopped && this.running < WORKERS) {
      this.running += 1;
      void this.work()
        .catch((error: unknown) => this.logger.warn(`Mail worker: ${String(error)}`))
        .finally(() => (this.running -= 1));
    }
  }

  private async work(): Promise<void> {
    await this.housekeeping();
    while (!this.stopped) {
      this.again = false;
      const [row] = await this.repository.claim(randomUUID(), 1, LEASE_MS);
      if (row) {
        await this.deliver(row);
        continue;
      }
      if (!this.again) return;
    }
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    // Often enough that a claim left by a dead instance turns into a visible failure soon.
    if (now - this.lastSweep > Math.min(SWEEP_EVERY_MS, this.config.mail.pollMs * 10)) {
      this.lastSweep = now;
      for (const row of await this.repository.expireLeases(INTERRUPTED))
        this.logger.warn(`Mail ${row.id} (${row.kind}): ${INTERRUPTED}`);
    }
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.repository.pruneSent(KEEP_SENT_DAYS);
    }
  }

  private async deliver(row: MailRow): Promise<void> {
    const claimId = row.claim_id as string;
    const outcome = await this.transport.send(row);
    if (outcome.ok) {
      await this.repository.markSent(row.id, claimId);
      return;
    }
    const final = outcome.permanent || row.attempts >= MAX_ATTEMPTS;
    const retryAt = final
      ? null
      : new Date(Date.now() + retryDelayMs(row.attempts, this.config.mail.retryBaseMs));
    const error = outcome.error ?? 'Unknown error';
    await this.repository.markFailed(row.id, claimId, error, outcome.responseCode, retryAt);
    if (final)
      this.logger.warn(
        `Mail ${row.id} (${row.kind}) failed after ${row.attempts} attempt(s): ${error}`,
      );
  }
}
