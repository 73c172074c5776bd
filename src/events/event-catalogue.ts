/**
 * Every event type ritmo emits, `<aggregate>.<past-tense verb>`, with the shape of its `data`.
 * Each module declares its own in its `x.events.ts` and merges them into this interface
 * (`declare module`), so the kernel names every type without importing any feature. Clients
 * apply these to their view without a refetch; docs/realtime.md lists them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the modules merge into it
export interface EventCatalogue {}

export type EventType = keyof EventCatalogue;

export const EVENT_TYPES = [
  'team.created',
  'team.updated',
  'team.member_added',
  'team.member_role_changed',
  'team.member_removed',
  'team.invitation_created',
  'team.invitation_revoked',
  'team.invitation_resent',
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
  'calendar.updated',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'import.queued',
  'import.progressed',
  'import.completed',
] as const satisfies readonly EventType[];

/** Fails to compile when a type of the catalogue is missing from EVENT_TYPES. */
type Unlisted = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
export const EVENT_TYPES_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

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
