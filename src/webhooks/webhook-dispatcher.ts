import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RuntimeConfig } from '../config/runtime-config';
import { query } from '../database/sql';
import { TransactionService } from '../database/transaction.service';
import { EventEnvelope } from '../events/event-catalogue';
import { EventLog, EventRow, toEnvelope } from '../events/event-log';
import { OnCommitted } from '../events/on-committed.decorator';
import { matchesFilter } from './event-filter';
import { SecretBox, signatureHeader } from './webhook-crypto';
import { toWebhookSnapshot } from './webhook.mapper';
import { send, SendResult } from './webhook-sender';
import { SubscriptionRow, WebhooksRepository } from './webhooks.repository';

/** Deliveries in flight per instance; each holds a database connection only to claim and record. */
const WORKERS = 6;
/** Of those, at most this many for one team: a tenant's slow receivers leave the rest to others. */
const WORKERS_PER_TEAM = 2;
/** Events read per claim, to skip quickly past those the filter does not want. */
const EVENTS_PER_CLAIM = 100;
export const MAX_ATTEMPTS = 12;
const CAP_FACTOR = 360; // 6 h when the base is 1 min

/** 1, 2, 4 … base, capped at 360 × base, ±20 % jitter: with a 1-minute base, ~26 h over 12 attempts. */
export function retryDelayMs(failures: number, baseMs: number): number {
  const delay = Math.min(baseMs * 2 ** Math.max(0, failures - 1), baseMs * CAP_FACTOR);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/** Stable per (subscription, replay generation, event): the receiver's dedupe key survives crashes. */
export function deliveryId(subscriptionId: string, generation: number, seq: number): string {
  const hex = createHash('sha256').update(`${subscriptionId}:${generation}:${seq}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One event to send, claimed under a lease; nothing is locked while it is sent. */
interface Job {
  s: SubscriptionRow;
  claimId: string;
  /** The cursor the claim found, after skipping the events the filter does not want. */
  cursor: number;
  deliveryId: string;
  event: EventEnvelope;
}

/**
 * Delivers each subscription's events in seq order, from its durable cursor. A subscription is
 * claimed (FOR UPDATE SKIP LOCKED, then a lease committed at once), its next event is sent with
 * no transaction open and within the delivery deadline, and the attempt is recorded in a
 * transaction of its own. With several instances each delivery is made by one of them; a crash
 * leaves the lease to run out (twice the deadline) and the event is sent again (at least once)
 * under the same Ritmo-Delivery id.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly box: SecretBox;
  private timer?: NodeJS.Timeout;
  private running = 0;
  private stopped = false;
  private lastPrune = 0;
  /** Deliveries this instance has in flight, per team. */
  private readonly inFlight = new Map<string, number>();
  private claiming: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tx: TransactionService,
    private readonly events: EventLog,
    private readonly repository: WebhooksRepository,
    private readonly config: RuntimeConfig,
  ) {
    this.box = new SecretBox(config.jwtSecret);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.webhooks.pollMs);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** A committed event may be due to some subscription: look now rather than at the next poll. */
  @OnCommitted()
  onCommitted(): void {
    this.kick();
  }

  /**
   * Starts one more worker; a worker that finds a job kicks again before it sends, so workers
   * multiply only while there is work. Every commit kicks: starting all of them at once would
   * cost six empty claims per event on an installation without webhooks.
   */
  kick(): void {
    if (this.stopped || this.running >= WORKERS) return;
    this.running += 1;
    void this.work()
      .catch((error: unknown) => this.logger.warn(`Webhook worker: ${String(error)}`))
      .finally(() => (this.running -= 1));
  }

  /** Claims due subscriptions one at a time until none is left. */
  private async work(): Promise<void> {
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      await this.repository.pruneDeliveries();
    }
    while (!this.stopped) {
      const job = await this.claimNext();
      if (job === undefined) return;
      if (job === 'skipped') continue;
      this.kick();
      const team = job.s.team_id;
      try {
        const outcome = await this.post(job.s, job.deliveryId, job.event);
        await this.tx.run((m) => this.record(m, job, outcome));
      } finally {
        const left = (this.inFlight.get(team) ?? 1) - 1;
        if (left > 0) this.inFlight.set(team, left);
        else this.inFlight.delete(team);
      }
    }
  }

  /**
   * One claim at a time per instance, counted before the next one looks: claims running side
   * by side would all see a team as not yet busy.
   */
  private claimNext(): Promise<Job | 'skipped' | undefined> {
    const claimed = this.claiming.then(() =>
      this.tx
        .run((m) => this.claim(m))
        .then((job) => {
          if (job && job !== 'skipped')
            this.inFlight.set(job.s.team_id, (this.inFlight.get(job.s.team_id) ?? 0) + 1);
          return job;
        }),
    );
    this.claiming = claimed.catch(() => undefined);
    return claimed;
  }

  private busyTeams(): string[] {
    return [...this.inFlight].filter(([, n]) => n >= WORKERS_PER_TEAM).map(([team]) => team);
  }

  /**
   * Leases a due subscription, skips the events its filter does not want, and returns the next
   * one to send with its pending delivery row, or 'skipped' when this batch held none.
   */
  private async claim(m: EntityManager): Promise<Job | 'skipped' | undefined> {
    const claimId = randomUUID();
    const leaseMs = 2 * this.config.webhooks.timeoutMs;
    const s = await this.repository.claimDue(m, claimId, leaseMs, this.busyTeams());
    if (!s) return undefined;
    const rows = await query<EventRow>(
      m,
      `SELECT seq, id, team_id, type, occurred_at, actor_id, data FROM events
        WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [s.team_id, s.cursor_seq, EVENTS_PER_CLAIM],
    );
    // Events the filter skips move the cursor once, to the last of them, not one UPDATE each.
    let skippedTo: number | undefined;
    for (const row of rows) {
      const event = toEnvelope(row);
      if (!matchesFilter(s.event_types, event.type)) {
        skippedTo = event.seq;
        continue;
      }
      if (skippedTo !== undefined) await this.repository.advance(m, s.id, skippedTo);
      const delivery = await this.repository.pendingDelivery(
        m,
        s,
        event.seq,
        event.type,
        deliveryId(s.id, s.generation, event.seq),
      );
      return { s, claimId, cursor: event.seq - 1, deliveryId: delivery.id, event };
    }
    if (skippedTo !== undefined) await this.repository.advance(m, s.id, skippedTo);
    await this.repository.release(m, s.id, claimId);
    // No event left to read (the log was pruned under the cursor): stop rather than spin.
    return rows.length > 0 ? 'skipped' : undefined;
  }

  /**
   * The attempt is logged whatever happened meanwhile; the cursor moves only if the lease is
   * still ours and nobody replayed, paused or moved the subscription while the event was out.
   */
  private async record(m: EntityManager, job: Job, outcome: SendResult): Promise<void> {
    const s = await this.repository.lockClaimed(m, job.s.id, job.claimId);
    const unchanged =
      s !== undefined && s.generation === job.s.generation && Number(s.cursor_seq) === job.cursor;
    const failures = (s?.failure_count ?? job.s.failure_count) + 1;
    const giveUp = unchanged && s.active && !outcome.ok && failures >= MAX_ATTEMPTS;
    await this.repository.recordAttempt(m, job.deliveryId, outcome, outcome.ok || giveUp);
    if (!s) return;
    await this.repository.release(m, s.id, job.claimId);
    if (!unchanged) return;
    if (outcome.ok) {
      await this.repository.advance(m, s.id, job.event.seq);
      return;
    }
    // Paused while the event was out: it waits for the subscription to come back.
    if (!s.active) return;
    const reason = giveUp
      ? `Disabled after ${failures} failed attempts to deliver seq ${job.event.seq}: ${outcome.error ?? `HTTP ${outcome.status}`}`
      : null;
    const next = giveUp
      ? null
      : new Date(Date.now() + retryDelayMs(failures, this.config.webhooks.retryBaseMs));
    const updated = await this.repository.failed(m, s.id, next, reason);
    if (giveUp) {
      // Appended last, so the team row is locked only for the end of this short transaction.
      await this.events.append(m, {
        teamId: s.team_id,
        type: 'webhook.updated',
        actorId: null,
        data: { webhook: toWebhookSnapshot(updated), changes: ['active'] },
      });
      this.logger.warn(`Webhook ${s.id} of team ${s.team_id}: ${reason}`);
    }
  }

  /** Signs and sends one body; also used for pings and manual redeliveries. */
  post(
    s: SubscriptionRow,
    id: string,
    event: EventEnvelope | Record<string, unknown>,
  ): Promise<SendResult> {
    const body = JSON.stringify(event);
    const secrets = [this.box.open(s.secret_encrypted)];
    if (
      s.previous_secret_encrypted &&
      s.previous_secret_expires_at &&
      s.previous_secret_expires_at.getTime() > Date.now()
    ) {
      secrets.push(this.box.open(s.previous_secret_encrypted));
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'ritmo-webhooks/1',
      'ritmo-event': String((event as { type?: unknown }).type),
      'ritmo-delivery': id,
      'ritmo-signature': signatureHeader(body, secrets, Math.floor(Date.now() / 1000)),
    };
    return send(s.url, headers, body, this.config.webhooks);
  }
}
