import type { VocabularyTerm } from '../i18n/vocabulary';
import type { BacklogEvents } from '../backlog/backlog.events';
import type { PokerEvents } from '../ceremony/poker/poker.events';
import type { ReviewEvents } from '../ceremony/review/review.events';
import type { CeremonyEvents } from '../ceremony/ceremony.events';
import type { TeamRole } from '../identity/access/permissions';
import type { RetroEvents } from '../retrospective/retro.events';
import type { SprintEvents } from '../sprint/sprint.events';

/**
 * Every event type ritmo emits, `<aggregate>.<past-tense verb>`, with the shape of its `data`.
 * Clients apply these to their view without a refetch; docs/realtime.md lists them.
 */
export interface EventCatalogue
  extends BacklogEvents, SprintEvents, PokerEvents, ReviewEvents, RetroEvents, CeremonyEvents {
  'team.created': { team: TeamSnapshot };
  'team.updated': { team: TeamSnapshot; changes: string[] };
  'team.member_added': { userId: string; displayName: string; role: TeamRole };
  'team.member_role_changed': { userId: string; from: TeamRole; to: TeamRole };
  'team.member_removed': { userId: string; role: TeamRole };
  'team.invitation_created': { invitationId: string; role: TeamRole; expiresAt: string };
  'team.invitation_revoked': { invitationId: string };
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
  'team.invitation_created',
  'team.invitation_revoked',
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
  'retro.created',
  'retro.updated',
  'retro.phase_changed',
  'retro.timer_set',
  'retro.card_added',
  'retro.card_updated',
  'retro.card_deleted',
  'retro.card_moved',
  'retro.group_created',
  'retro.group_updated',
  'retro.group_deleted',
  'retro.votes_changed',
  'retro.note_added',
  'retro.action_item_created',
  'retro.action_item_updated',
  'retro.action_item_linked',
  'retro.template_created',
  'poker.session_started',
  'poker.participant_joined',
  'poker.vote_cast',
  'poker.votes_revealed',
  'poker.round_started',
  'poker.estimate_accepted',
  'poker.current_item_changed',
  'poker.session_ended',
  'sprint_review.created',
  'sprint_review.item_decided',
  'sprint_review.feedback_added',
  'sprint_review.feedback_converted',
  'cadence.updated',
  'ceremony.scheduled',
  'ceremony.updated',
  'ceremony.cancelled',
  'ceremony.started',
  'ceremony.ended',
  'daily_scrum.entry_posted',
  'impediment.raised',
  'impediment.updated',
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
