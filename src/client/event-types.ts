/**
 * The whole event catalogue for a client. Each module merges its events into EventCatalogue
 * from its own `x.events.ts`; a program sees a type only when that file is part of it, so a
 * client (this reference client, the web app) takes the catalogue from here, which brings in
 * every module's events.
 */
export type { BacklogEvents } from '../backlog/backlog.events';
export type { CeremonyEvents } from '../ceremony/ceremony.events';
export type { CommentEvents } from '../comments/comments.events';
export type { PokerEvents } from '../ceremony/poker/poker.events';
export type { ReviewEvents } from '../ceremony/review/review.events';
export type { IdentityEvents } from '../identity/identity.events';
export type { ImportEvents } from '../imports/imports.events';
export type { RetroEvents } from '../retrospective/retro.events';
export type { SprintEvents } from '../sprint/sprint.events';
export type { WebhookEvents } from '../webhooks/webhooks.events';
export type { WorkdaysEvents } from '../workdays/workdays.events';
export type { EventCatalogue, EventEnvelope, EventType } from '../events/event-catalogue';
