import { createHash } from 'node:crypto';
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

const WORKERS = 3;
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

/**
 * Delivers each subscription's events in seq order, from its durable cursor. A subscription is
 * claimed with FOR UPDATE SKIP LOCKED inside a transaction that lasts while its events are sent,
 * so with several instances each delivery is made by exactly one of them, and a crash rolls the
 * cursor back: the event is sent again (at least once) under the same Ritmo-Delivery id.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly box: SecretBox;
  private timer?: NodeJS.Timeout;
  private running = 0;
  private stopped = false;
  private lastPrune = 0;

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

  kick(): void {
    while (!this.stopped && this.running < WORKERS) {
      this.running += 1;
      void this.work()
        .catch((error: unknown) => this.logger.warn(`Webhook worker: ${String(error)}`))
        .finally(() => (this.running -= 1));
    }
  }

  /** Claims due subscriptions one at a time until none is left. */
  private async work(): Promise<void> {
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      await this.repository.pruneDeliveries();
    }
    while (!this.stopped) {
      const worked = await this.tx.run(async (m) => {
        const [subscription] = await this.repository.claimDue(m, 1);
        if (!subscription) return false;
        await this.deliverNext(m, subscription);
        return true;
      });
      if (!worked) return;
    }
  }

  /**
   * Skips events the filter does not want, then makes one delivery attempt and returns, so the
   * transaction (cursor, delivery log) commits right after each attempt: a crash re-sends at
   * most the one event that was in flight.
   */
  private async deliverNext(m: EntityManager, s: SubscriptionRow): Promise<void> {
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
      const outcome = await this.post(s, delivery.id, event);
      const failures = s.failure_count + 1;
      const giveUp = !outcome.ok && failures >= MAX_ATTEMPTS;
      await this.repository.recordAttempt(m, delivery.id, outcome, outcome.ok || giveUp);
      if (outcome.ok) {
        await this.repository.advance(m, s.id, event.seq);
        return;
      }
      const reason = giveUp
        ? `Disabled after ${failures} failed attempts to deliver seq ${event.seq}: ${outcome.error ?? `HTTP ${outcome.status}`}`
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
      return;
    }
    if (skippedTo !== undefined) await this.repository.advance(m, s.id, skippedTo);
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
