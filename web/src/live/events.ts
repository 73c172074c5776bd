// The event catalogue of the server, type-only: nothing of the server reaches the bundle.
export type { EventEnvelope, EventType, EventCatalogue } from '@ritmo/events';
