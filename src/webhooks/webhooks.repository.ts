import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';

export interface SubscriptionRow {
  id: string;
  team_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  active: boolean;
  cursor_seq: string;
  generation: number;
  failure_count: number;
  first_failure_at: Date | null;
  next_attempt_at: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  claim_id: string | null;
  lease_until: Date | null;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_seq: string | null;
  event_type: string;
  kind: 'event' | 'ping' | 'redelivery';
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number | null;
  error: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  body: string | null;
  durationMs: number;
  error: string | null;
}

@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    m: EntityManager,
    s: {
      teamId: string;
      url: string;
      description: string | null;
      eventTypes: string[];
      secret: string;
      createdBy: string;
    },
  ): Promise<SubscriptionRow> {
    const [row] = await query<SubscriptionRow>(
      m,
      `INSERT INTO webhook_subscriptions (team_id, url, description, event_types, secret_encrypted, cursor_seq, created_by)
       SELECT $1, $2, $3, $4, $5, t.event_seq, $6 FROM teams t WHERE t.id = $1 RETURNING *`,
      [s.teamId, s.url, s.description, s.eventTypes, s.secret, s.createdBy],
    );
    return row;
  }

  async find(teamId: string, id: string, m?: EntityManager): Promise<SubscriptionRow | undefined> {
    const [row] = await query<SubscriptionRow>(
      m ?? this.dataSource,
      `SELECT * FROM webhook_subscriptions WHERE id = $1 AND team_id = $2`,
      [id, teamId],
    );
    return row;
  }

  async list(teamId: string): Promise<SubscriptionRow[]> {
    return query<SubscriptionRow>(
      this.dataSource,
      `SELECT * FROM webhook_subscriptions WHERE team_id = $1 ORDER BY created_at, id`,
      [teamId],
    );
  }

  async update(
    m: EntityManager,
    teamId: string,
    id: string,
    version: number,
    changes: { url?: string; description?: string; eventTypes?: string[]; active?: boolean },
  ): Promise<SubscriptionRow | undefined> {
    const [row] = await query<SubscriptionRow>(
      m,
      `UPDATE webhook_subscriptions SET
          url = COALESCE($4::text, url), description = COALESCE($5::text, description),
          event_types = COALESCE($6::text[], event_types), active = COALESCE($7::boolean, active),
          failure_count = CASE WHEN $7::boolean THEN 0 ELSE failure_count END,
          first_failure_at = CASE WHEN $7::boolean THEN NULL ELSE first_failure_at END,
          next_attempt_at = CASE WHEN $7::boolean THEN NULL ELSE next_attempt_at END,
          disabled_at = CASE WHEN $7::boolean THEN NULL ELSE disabled_at END,
          disabled_reason = CASE WHEN $7::boolean THEN NULL ELSE disabled_reason END,
          version = version + 1, updated_at = now()
        WHERE id = $1 AND team_id = $2 AND version = $3 RETURNING *`,
      [
        id,
        teamId,
        version,
        changes.url ?? null,
        changes.description ?? null,
        changes.eventTypes ?? null,
        changes.active ?? null,
      ],
    );
    return row;
  }

  async remove(m: EntityManager, teamId: string, id: string): Promise<boolean> {
    const rows = await query(
      m,
      `DELETE FROM webhook_subscriptions WHERE id = $1 AND team_id = $2 RETURNING id`,
      [id, teamId],
    );
    return rows.length === 1;
  }

  async rotateSecret(
    m: EntityManager,
    teamId: string,
    id: string,
    secret: string,
    graceHours: number,
  ) {
    const [row] = await query<SubscriptionRow>(
      m,
      `UPDATE webhook_subscriptions SET previous_secret_encrypted = secret_encrypted,
              previous_secret_expires_at = now() + make_interval(hours => $4), secret_encrypted = $3,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND team_id = $2 RETURNING *`,
      [id, teamId, secret, graceHours],
    );
    return row;
  }

  async replayFrom(m: EntityManager, teamId: string, id: string, fromSeq: number) {
    const [row] = await query<SubscriptionRow>(
      m,
      `UPDATE webhook_subscriptions SET cursor_seq = $3 - 1, generation = generation + 1, next_attempt_at = NULL,
              failure_count = 0, first_failure_at = NULL, version = version + 1, updated_at = now()
        WHERE id = $1 AND team_id = $2 RETURNING *`,
      [id, teamId, fromSeq],
    );
    return row;
  }

  async deliveries(subscriptionId: string, limit: number, before?: Date): Promise<DeliveryRow[]> {
    return query<DeliveryRow>(
      this.dataSource,
      `SELECT * FROM webhook_deliveries WHERE subscription_id = $1 AND created_at > now() - interval '30 days'
          AND ($3::timestamptz IS NULL OR created_at < $3)
        ORDER BY created_at DESC, id LIMIT $2`,
      [subscriptionId, limit, before ?? null],
    );
  }

  async delivery(subscriptionId: string, id: string): Promise<DeliveryRow | undefined> {
    const [row] = await query<DeliveryRow>(
      this.dataSource,
      `SELECT * FROM webhook_deliveries WHERE id = $1 AND subscription_id = $2`,
      [id, subscriptionId],
    );
    return row;
  }

  /**
   * One subscription with work to do and no live lease, leased to `claimId` for `leaseMs`
   * (SKIP LOCKED: concurrent claimers take different rows). Teams in `busyTeams` are passed
   * over, so that one tenant's slow receivers cannot take every worker.
   */
  async claimDue(
    m: EntityManager,
    claimId: string,
    leaseMs: number,
    busyTeams: string[],
  ): Promise<SubscriptionRow | undefined> {
    const [row] = await query<SubscriptionRow>(
      m,
      `UPDATE webhook_subscriptions SET claim_id = $1,
              lease_until = now() + $2::int * interval '1 millisecond'
        WHERE id = (
          SELECT s.id FROM webhook_subscriptions s JOIN teams t ON t.id = s.team_id
           WHERE s.active AND t.event_seq > s.cursor_seq
             AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= now())
             AND (s.lease_until IS NULL OR s.lease_until < now())
             AND s.team_id <> ALL($3::uuid[])
           ORDER BY s.next_attempt_at NULLS FIRST
           LIMIT 1 FOR UPDATE OF s SKIP LOCKED)
        RETURNING *`,
      [claimId, leaseMs, busyTeams],
    );
    return row;
  }

  /** The subscription as it is now, locked, if `claimId` still holds its lease. */
  async lockClaimed(
    m: EntityManager,
    id: string,
    claimId: string,
  ): Promise<SubscriptionRow | undefined> {
    const [row] = await query<SubscriptionRow>(
      m,
      `SELECT * FROM webhook_subscriptions WHERE id = $1 AND claim_id = $2 FOR UPDATE`,
      [id, claimId],
    );
    return row;
  }

  async release(m: EntityManager, id: string, claimId: string): Promise<void> {
    await query(
      m,
      `UPDATE webhook_subscriptions SET claim_id = NULL, lease_until = NULL
        WHERE id = $1 AND claim_id = $2`,
      [id, claimId],
    );
  }

  async pendingDelivery(
    m: EntityManager,
    s: SubscriptionRow,
    seq: number,
    type: string,
    id: string,
  ): Promise<DeliveryRow> {
    const [existing] = await query<DeliveryRow>(
      m,
      `SELECT * FROM webhook_deliveries WHERE id = $1`,
      [id],
    );
    return existing ?? this.newDelivery(m, s, 'event', seq, type, id);
  }

  async newDelivery(
    m: EntityManager | undefined,
    s: SubscriptionRow,
    kind: DeliveryRow['kind'],
    seq: number | null,
    type: string,
    id?: string,
  ): Promise<DeliveryRow> {
    const [row] = await query<DeliveryRow>(
      m ?? this.dataSource,
      `INSERT INTO webhook_deliveries (id, subscription_id, team_id, event_seq, event_type, generation, kind, status)
       VALUES (COALESCE($7::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, 'pending') RETURNING *`,
      [s.id, s.team_id, seq, type, s.generation, kind, id ?? null],
    );
    return row;
  }

  async recordAttempt(
    m: EntityManager | undefined,
    deliveryId: string,
    outcome: AttemptOutcome,
    final: boolean,
  ) {
    await query(
      m ?? this.dataSource,
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(),
              status = CASE WHEN $2 THEN 'succeeded' WHEN $7 THEN 'failed' ELSE 'pending' END,
              delivered_at = CASE WHEN $2 THEN now() ELSE NULL END,
              response_status = $3, response_body = $4, duration_ms = $5, error = $6
        WHERE id = $1`,
      [
        deliveryId,
        outcome.ok,
        outcome.status,
        outcome.body,
        outcome.durationMs,
        outcome.error,
        final,
      ],
    );
  }

  async advance(m: EntityManager, id: string, seq: number): Promise<void> {
    await query(
      m,
      `UPDATE webhook_subscriptions SET cursor_seq = $2, failure_count = 0, first_failure_at = NULL, next_attempt_at = NULL
        WHERE id = $1`,
      [id, seq],
    );
  }

  async failed(
    m: EntityManager,
    id: string,
    nextAttemptAt: Date | null,
    disabledReason: string | null,
  ): Promise<SubscriptionRow> {
    const [row] = await query<SubscriptionRow>(
      m,
      `UPDATE webhook_subscriptions SET failure_count = failure_count + 1, first_failure_at = COALESCE(first_failure_at, now()),
              next_attempt_at = $2, active = $3::text IS NULL, disabled_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END,
              disabled_reason = $3
        WHERE id = $1 RETURNING *`,
      [id, nextAttemptAt, disabledReason],
    );
    return row;
  }

  async pruneDeliveries(): Promise<void> {
    await query(
      this.dataSource,
      `DELETE FROM webhook_deliveries WHERE created_at < now() - interval '30 days'`,
    );
  }
}
