/** A webhook subscription as events show it: never its secret. */
export interface WebhookSnapshot {
  id: string;
  url: string;
  events: string[];
  active: boolean;
}

/** The data of the events the webhooks module emits (listed in src/events/event-catalogue.ts). */
export interface WebhookEvents {
  'webhook.created': { webhook: WebhookSnapshot };
  'webhook.updated': { webhook: WebhookSnapshot; changes: string[] };
  'webhook.deleted': { webhookId: string };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends WebhookEvents {}
}
