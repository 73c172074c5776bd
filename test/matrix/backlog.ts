import { randomBytes } from 'node:crypto';
import { MatrixContext, MatrixRow, route, teamAction } from './matrix';

const items = (c: MatrixContext) => `/api/v1/teams/${c.team.id}/backlog-items`;
const labels = (c: MatrixContext) => `/api/v1/teams/${c.team.id}/labels`;

/** A new item of the target team, created by its admin's team (inserted through the API's own service path). */
async function freshItem(c: MatrixContext): Promise<{ id: string; version: number }> {
  const author = c.userOf('developer');
  const res = await fetch(`${c.t.url}${items(c)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${author?.token ?? ''}` },
    body: JSON.stringify({ type: 'story', title: `Pratica ${randomBytes(3).toString('hex')}` }),
  });
  if (res.status !== 201) throw new Error(`fixture item: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; version: number };
  return { id: body.id, version: body.version };
}

async function freshLabel(c: MatrixContext): Promise<{ id: string; version: number }> {
  const author = c.userOf('developer');
  const res = await fetch(`${c.t.url}${labels(c)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${author?.token ?? ''}` },
    body: JSON.stringify({ name: `Etichetta ${randomBytes(3).toString('hex')}`, color: '#1f6feb' }),
  });
  if (res.status !== 201) throw new Error(`fixture label: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; version: number };
}

export const BACKLOG_ROWS: MatrixRow[] = [
  route('POST /api/v1/teams/{teamId}/backlog-items', teamAction('backlog.create', 201), (c) => ({
    path: items(c),
    body: { type: 'bug', title: 'Certificato di residenza non scaricabile' },
  })),
  route(
    'POST /api/v1/teams/{teamId}/backlog-items/bulk',
    teamAction('backlog.create', 201),
    (c) => ({
      path: `${items(c)}/bulk`,
      body: { text: 'Modulo iscrizione mensa\nRimborso pre-scuola' },
    }),
  ),
  route('GET /api/v1/teams/{teamId}/backlog-items', teamAction('team.read', 200), (c) => ({
    path: items(c),
  })),
  route(
    'POST /api/v1/teams/{teamId}/backlog-items/rank',
    teamAction('backlog.rank', 200),
    async (c) => ({
      path: `${items(c)}/rank`,
      body: { ids: [(await freshItem(c)).id], position: 'top' },
    }),
  ),
  route(
    'GET /api/v1/teams/{teamId}/backlog-items/rank-check',
    teamAction('team.read', 200),
    (c) => ({
      path: `${items(c)}/rank-check`,
    }),
  ),
  route('GET /api/v1/backlog-items/{itemId}', teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/backlog-items/${(await freshItem(c)).id}`,
  })),
  route('PATCH /api/v1/backlog-items/{itemId}', teamAction('backlog.update', 200), async (c) => {
    const item = await freshItem(c);
    return {
      path: `/api/v1/backlog-items/${item.id}`,
      body: { title: 'Titolo rivisto' },
      headers: { 'If-Match': `"${item.version}"` },
    };
  }),
  route('DELETE /api/v1/backlog-items/{itemId}', teamAction('backlog.update', 204), async (c) => {
    const item = await freshItem(c);
    return {
      path: `/api/v1/backlog-items/${item.id}`,
      headers: { 'If-Match': `"${item.version}"` },
    };
  }),
  route('GET /api/v1/backlog-items/{itemId}/history', teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/backlog-items/${(await freshItem(c)).id}/history`,
  })),
  route('GET /api/v1/teams/{teamId}/labels', teamAction('team.read', 200), (c) => ({
    path: labels(c),
  })),
  route('POST /api/v1/teams/{teamId}/labels', teamAction('backlog.update', 201), (c) => ({
    path: labels(c),
    body: { name: `Urgente ${randomBytes(3).toString('hex')}`, color: '#d73a4a' },
  })),
  route(
    'PATCH /api/v1/teams/{teamId}/labels/{labelId}',
    teamAction('backlog.update', 200),
    async (c) => {
      const label = await freshLabel(c);
      return {
        path: `${labels(c)}/${label.id}`,
        body: { color: '#0e8a16' },
        headers: { 'If-Match': `"${label.version}"` },
      };
    },
  ),
  route(
    'DELETE /api/v1/teams/{teamId}/labels/{labelId}',
    teamAction('backlog.update', 204),
    async (c) => {
      const label = await freshLabel(c);
      return { path: `${labels(c)}/${label.id}`, headers: { 'If-Match': `"${label.version}"` } };
    },
  ),
];
