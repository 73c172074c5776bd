import type { WebhookSnapshot } from './webhooks.events';
import { DeliveryDto, WebhookDto } from './dto/webhook.dto';
import { DeliveryRow, SubscriptionRow } from './webhooks.repository';

export function toWebhookDto(row: SubscriptionRow): WebhookDto {
  return {
    id: row.id,
    teamId: row.team_id,
    url: row.url,
    description: row.description,
    events: row.event_types,
    active: row.active,
    cursorSeq: Number(row.cursor_seq),
    failureCount: row.failure_count,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    disabledReason: row.disabled_reason,
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    kind: row.kind,
    eventSeq: row.event_seq === null ? null : Number(row.event_seq),
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

/** What webhook events carry: never the secret. */
export function toWebhookSnapshot(row: SubscriptionRow): WebhookSnapshot {
  return { id: row.id, url: row.url, events: row.event_types, active: row.active };
}
