import type { VocabularyTerm } from '../i18n/vocabulary';
import type { BacklogEvents } from '../backlog/backlog.events';
import type { TeamRole } from '../identity/access/permissions';
import type { SprintEvents } from '../sprint/sprint.events';

/**
 * Every event type ritmo emits, `<aggregate>.<past-tense verb>`, with the shape of its `data`.
 * Clients apply these to their view without a refetch; docs/realtime.md lists them.
 */
export interface EventCatalogue extends BacklogEvents, SprintEvents {
  'team.created': { team: TeamSnapshot };
  'team.updated': { team: TeamSnapshot; changes: string[] };
  'team.member_added': { userId: string; displayName: string; role: TeamRole };
  'team.member_role_changed': { userId: string; from: TeamRole; to: TeamRole };
  'team.member_removed': { userId: string; role: TeamRole };
  'webhook.created': { webhook: WebhookSnapshot };
  'webhook.updated': { webhook: WebhookSnapshot; changes: string[] };
  'webhook.deleted': { webhookId: string };
}

/** A webhook subscription as events show it: never its secret. */
export interface WebhookSnapshot {
  id: string;
  url: string;
  events: string[];
  active: boolean;
}

export type EventType = keyof EventCatalogue;

export const EVENT_TYPES = [
  'team.created',
  'team.updated',
  'team.member_added',
  'team.member_role_changed',
  'team.member_removed',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'backlog_item.created',
  'backlog_item.updated',
  'backlog_item.ranked',
  'backlog_item.rebalanced',
  'backlog_item.archived',
  'label.created',
  'label.updated',
  'label.deleted',
  'sprint.created',
  'sprint.updated',
  'sprint.started',
  'sprint.completed',
  'sprint.items_added',
  'sprint.items_removed',
  'board.item_moved',
  'workflow.status_created',
  'workflow.status_updated',
  'workflow.status_deleted',
  'workflow.updated',
  'capacity.updated',
] as const satisfies readonly EventType[];

export interface TeamSnapshot {
  id: string;
  workspaceId: string;
  name: string;
  process: 'scrum' | 'kanban';
  locale: 'it' | 'en';
  timezone: string;
  pointScale: number[];
  version: number;
  /** The Scrum terms the team renamed (src/i18n/vocabulary.ts). */
  vocabulary: Partial<Record<VocabularyTerm, string>>;
}

/** The envelope, identical on sockets, over REST catch-up and in webhooks. */
export interface EventEnvelope<T extends EventType = EventType> {
  seq: number;
  id: string;
  teamId: string;
  type: T;
  occurredAt: string;
  actorId: string | null;
  data: EventCatalogue[T];
}
