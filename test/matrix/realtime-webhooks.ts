import { WebhooksService } from '../../src/webhooks/webhooks.service';
import { MatrixContext, MatrixRow, route, teamAction } from './matrix';

// The matrix app allows private http targets (WEBHOOK_ALLOW_PRIVATE/HTTP); port 9 refuses at once.
const TARGET = 'http://127.0.0.1:9/hook';
const hooks = (c: MatrixContext) => `/api/v1/teams/${c.team.id}/webhooks`;

async function freshWebhook(c: MatrixContext): Promise<{ id: string; version: number }> {
  const admin = c.team.admin.actor;
  const created = await c.t.ritmo.app
    .get(WebhooksService)
    .create(admin, c.team.id, { url: TARGET, events: ['team.*'] });
  return { id: created.id, version: created.version };
}

async function freshDelivery(c: MatrixContext): Promise<{ hook: string; delivery: string }> {
  const { id } = await freshWebhook(c);
  const [row] = await c.t.db.query<{ id: string }[]>(
    `INSERT INTO webhook_deliveries (subscription_id, team_id, event_seq, event_type, generation, kind, status)
     VALUES ($1, $2, 1, 'team.created', 1, 'event', 'failed') RETURNING id`,
    [id, c.team.id],
  );
  return { hook: id, delivery: row.id };
}

export const REALTIME_AND_WEBHOOK_ROWS: MatrixRow[] = [
  route('GET /api/v1/teams/{teamId}/events', teamAction('team.read', 200), (c) => ({
    path: `/api/v1/teams/${c.team.id}/events?after=0`,
  })),
  route('POST /api/v1/teams/{teamId}/webhooks', teamAction('webhooks.manage', 201), (c) => ({
    path: hooks(c),
    body: { url: TARGET, events: ['team.updated'] },
  })),
  route('GET /api/v1/teams/{teamId}/webhooks', teamAction('webhooks.manage', 200), (c) => ({
    path: hooks(c),
  })),
  route(
    'GET /api/v1/teams/{teamId}/webhooks/{webhookId}',
    teamAction('webhooks.manage', 200),
    async (c) => ({
      path: `${hooks(c)}/${(await freshWebhook(c)).id}`,
    }),
  ),
  route(
    'PATCH /api/v1/teams/{teamId}/webhooks/{webhookId}',
    teamAction('webhooks.manage', 200),
    async (c) => {
      const hook = await freshWebhook(c);
      return {
        path: `${hooks(c)}/${hook.id}`,
        body: { description: 'Sportello' },
        headers: { 'If-Match': `"${hook.version}"` },
      };
    },
  ),
  route(
    'DELETE /api/v1/teams/{teamId}/webhooks/{webhookId}',
    teamAction('webhooks.manage', 204),
    async (c) => ({
      path: `${hooks(c)}/${(await freshWebhook(c)).id}`,
    }),
  ),
  route(
    'POST /api/v1/teams/{teamId}/webhooks/{webhookId}/rotate-secret',
    teamAction('webhooks.manage', 200),
    async (c) => ({
      path: `${hooks(c)}/${(await freshWebhook(c)).id}/rotate-secret`,
      body: { graceHours: 1 },
    }),
  ),
  route(
    'POST /api/v1/teams/{teamId}/webhooks/{webhookId}/ping',
    teamAction('webhooks.manage', 200),
    async (c) => ({
      path: `${hooks(c)}/${(await freshWebhook(c)).id}/ping`,
    }),
  ),
  route(
    'GET /api/v1/teams/{teamId}/webhooks/{webhookId}/deliveries',
    teamAction('webhooks.manage', 200),
    async (c) => ({
      path: `${hooks(c)}/${(await freshWebhook(c)).id}/deliveries`,
    }),
  ),
  route(
    'POST /api/v1/teams/{teamId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    teamAction('webhooks.manage', 200),
    async (c) => {
      const { hook, delivery } = await freshDelivery(c);
      return { path: `${hooks(c)}/${hook}/deliveries/${delivery}/redeliver` };
    },
  ),
  route(
    'POST /api/v1/teams/{teamId}/webhooks/{webhookId}/replay',
    teamAction('webhooks.manage', 200),
    async (c) => ({
      path: `${hooks(c)}/${(await freshWebhook(c)).id}/replay`,
      body: { fromSeq: 1 },
    }),
  ),
];
