import { randomBytes } from 'node:crypto';
import { ActorName, MatrixContext, MatrixRow, own, route, teamAction } from './matrix';

type Json = Record<string, unknown>;
type Phase = 'collect' | 'group' | 'vote' | 'discuss';

/** Fixtures go through the API; `as` is a team member (read_token acts as the developer). */
async function api(
  c: MatrixContext,
  as: ActorName,
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const res = await fetch(`${c.t.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      authorization: `Bearer ${c.userOf(as)?.token ?? ''}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

const PARTICIPANTS: ActorName[] = ['developer', 'scrum_master', 'product_owner'];
/** Who writes the fixture card the actor then acts on: themselves when they may. */
const writer = (actor: ActorName): ActorName =>
  PARTICIPANTS.includes(actor) ? actor : 'developer';
const name = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;

interface Fixture {
  id: string;
  version: number;
  cardId: string;
  cardVersion: number;
  groupId?: string;
  groupVersion?: number;
}

/** A fresh retrospective run by the scrum master up to `phase`, with one card by `author`. */
async function retroIn(c: MatrixContext, phase: Phase, author: ActorName): Promise<Fixture> {
  const retro = await api(c, 'scrum_master', 'POST', `/teams/${c.team.id}/retrospectives`, {
    title: name('Retro'),
  });
  const id = retro.id as string;
  const card = await api(c, author, 'POST', `/retrospectives/${id}/cards`, {
    column: 'start',
    text: name('Scheda'),
  });
  const fixture: Fixture = {
    id,
    version: retro.version as number,
    cardId: card.id as string,
    cardVersion: card.version as number,
  };
  const steps = { collect: [], group: ['group'], vote: ['group', 'vote'] } as Record<
    string,
    string[]
  >;
  for (const next of steps[phase] ?? ['group', 'vote', 'discuss']) {
    const view = await api(c, 'scrum_master', 'POST', `/retrospectives/${id}/phase`, {
      phase: next,
    });
    fixture.version = view.version as number;
    const groups = view.groups as { id: string; version: number }[];
    if (groups.length > 0)
      [fixture.groupId, fixture.groupVersion] = [groups[0].id, groups[0].version];
  }
  return fixture;
}

async function groupIn(c: MatrixContext): Promise<Fixture> {
  const f = await retroIn(c, 'group', 'developer');
  const group = await api(c, 'developer', 'POST', `/retrospectives/${f.id}/groups`, {
    title: name('Gruppo'),
    cardIds: [f.cardId],
  });
  return { ...f, groupId: group.id as string, groupVersion: group.version as number };
}

async function actionItem(
  c: MatrixContext,
): Promise<{ retroId: string; id: string; version: number }> {
  const f = await retroIn(c, 'discuss', 'developer');
  const item = await api(c, 'scrum_master', 'POST', `/retrospectives/${f.id}/action-items`, {
    text: name('Azione'),
  });
  return { retroId: f.id, id: item.id as string, version: item.version as number };
}

const R = '/api/v1/retrospectives';
const read = (suffix: string, op: string): MatrixRow =>
  route(`GET /api/v1/retrospectives/{retroId}${op}`, teamAction('team.read', 200), async (c) => ({
    path: `${R}/${(await retroIn(c, 'collect', 'developer')).id}${suffix}`,
  }));

export const RETRO_ROWS: MatrixRow[] = [
  route('GET /api/v1/retro-templates', own(200, { write: false }), () => ({
    path: '/api/v1/retro-templates?locale=it',
  })),
  route('GET /api/v1/teams/{teamId}/retro-templates', teamAction('team.read', 200), (c) => ({
    path: `/api/v1/teams/${c.team.id}/retro-templates`,
  })),
  route(
    'POST /api/v1/teams/{teamId}/retro-templates',
    teamAction('retro.facilitate', 201),
    (c) => ({
      path: `/api/v1/teams/${c.team.id}/retro-templates`,
      body: {
        name: name('Modello'),
        columns: [{ key: 'ostacoli', title: 'Ostacoli', prompt: 'Che cosa ci ha rallentato?' }],
      },
    }),
  ),
  route('POST /api/v1/teams/{teamId}/retrospectives', teamAction('retro.facilitate', 201), (c) => ({
    path: `/api/v1/teams/${c.team.id}/retrospectives`,
    body: { title: name('Retro'), template: 'four_ls', anonymous: true },
  })),
  route('GET /api/v1/teams/{teamId}/retrospectives', teamAction('team.read', 200), (c) => ({
    path: `/api/v1/teams/${c.team.id}/retrospectives`,
  })),
  read('', ''),
  read('/export.md', '/export.md'),
  read('/export.json', '/export.json'),
  read('/votes/mine', '/votes/mine'),
  route(
    'PATCH /api/v1/retrospectives/{retroId}',
    teamAction('retro.facilitate', 200),
    async (c) => {
      const f = await retroIn(c, 'collect', 'developer');
      return {
        path: `${R}/${f.id}`,
        body: { title: name('Retro'), voteBudget: 4 },
        headers: { 'If-Match': `"${f.version}"` },
      };
    },
  ),
  route(
    'POST /api/v1/retrospectives/{retroId}/phase',
    teamAction('retro.facilitate', 200),
    async (c) => ({
      path: `${R}/${(await retroIn(c, 'collect', 'developer')).id}/phase`,
      body: { phase: 'group', durationSeconds: 300 },
    }),
  ),
  route(
    'PUT /api/v1/retrospectives/{retroId}/timer',
    teamAction('retro.facilitate', 200),
    async (c) => ({
      path: `${R}/${(await retroIn(c, 'collect', 'developer')).id}/timer`,
      body: { durationSeconds: 120 },
    }),
  ),
  route(
    'POST /api/v1/retrospectives/{retroId}/cards',
    teamAction('retro.participate', 201),
    async (c) => ({
      path: `${R}/${(await retroIn(c, 'collect', 'developer')).id}/cards`,
      body: { column: 'stop', text: name('Scheda') },
    }),
  ),
  route(
    'PATCH /api/v1/retrospectives/{retroId}/cards/{cardId}',
    teamAction('retro.participate', 200),
    async (c, actor) => {
      const f = await retroIn(c, 'collect', writer(actor));
      return {
        path: `${R}/${f.id}/cards/${f.cardId}`,
        body: { text: name('Scheda') },
        headers: { 'If-Match': `"${f.cardVersion}"` },
      };
    },
  ),
  route(
    'DELETE /api/v1/retrospectives/{retroId}/cards/{cardId}',
    teamAction('retro.participate', 204),
    async (c, actor) => {
      const f = await retroIn(c, 'collect', writer(actor));
      return {
        path: `${R}/${f.id}/cards/${f.cardId}`,
        headers: { 'If-Match': `"${f.cardVersion}"` },
      };
    },
  ),
  route(
    'PUT /api/v1/retrospectives/{retroId}/cards/{cardId}/group',
    teamAction('retro.participate', 200),
    async (c) => {
      const f = await groupIn(c);
      return { path: `${R}/${f.id}/cards/${f.cardId}/group`, body: { groupId: null } };
    },
  ),
  route(
    'POST /api/v1/retrospectives/{retroId}/groups',
    teamAction('retro.participate', 201),
    async (c) => {
      const f = await retroIn(c, 'group', 'developer');
      return { path: `${R}/${f.id}/groups`, body: { title: name('Gruppo'), cardIds: [f.cardId] } };
    },
  ),
  route(
    'PATCH /api/v1/retrospectives/{retroId}/groups/{groupId}',
    teamAction('retro.participate', 200),
    async (c) => {
      const f = await groupIn(c);
      return {
        path: `${R}/${f.id}/groups/${f.groupId}`,
        body: { title: name('Gruppo') },
        headers: { 'If-Match': `"${f.groupVersion}"` },
      };
    },
  ),
  route(
    'DELETE /api/v1/retrospectives/{retroId}/groups/{groupId}',
    teamAction('retro.participate', 204),
    async (c) => {
      const f = await groupIn(c);
      return {
        path: `${R}/${f.id}/groups/${f.groupId}`,
        headers: { 'If-Match': `"${f.groupVersion}"` },
      };
    },
  ),
  route(
    'POST /api/v1/retrospectives/{retroId}/votes',
    teamAction('retro.participate', 200),
    async (c) => {
      const f = await retroIn(c, 'vote', 'developer');
      return { path: `${R}/${f.id}/votes`, body: { groupId: f.groupId } };
    },
  ),
  route(
    'DELETE /api/v1/retrospectives/{retroId}/votes/{groupId}',
    teamAction('retro.participate', 200),
    async (c, actor) => {
      const f = await retroIn(c, 'vote', 'developer');
      await api(c, writer(actor), 'POST', `/retrospectives/${f.id}/votes`, { groupId: f.groupId });
      return { path: `${R}/${f.id}/votes/${f.groupId}` };
    },
  ),
  route(
    'POST /api/v1/retrospectives/{retroId}/notes',
    teamAction('retro.participate', 201),
    async (c) => ({
      path: `${R}/${(await retroIn(c, 'discuss', 'developer')).id}/notes`,
      body: { text: name('Nota') },
    }),
  ),
  route(
    'POST /api/v1/retrospectives/{retroId}/action-items',
    teamAction('retro.participate', 201),
    async (c) => ({
      path: `${R}/${(await retroIn(c, 'discuss', 'developer')).id}/action-items`,
      body: { text: name('Azione'), ownerId: c.userOf('developer')?.id, dueDate: '2026-12-18' },
    }),
  ),
  route(
    'PATCH /api/v1/retrospectives/{retroId}/action-items/{actionItemId}',
    teamAction('retro.participate', 200),
    async (c) => {
      const item = await actionItem(c);
      return {
        path: `${R}/${item.retroId}/action-items/${item.id}`,
        body: { done: true },
        headers: { 'If-Match': `"${item.version}"` },
      };
    },
  ),
  route(
    'POST /api/v1/retrospectives/{retroId}/action-items/{actionItemId}/to-backlog',
    teamAction('retro.participate', 201),
    async (c) => {
      const item = await actionItem(c);
      return { path: `${R}/${item.retroId}/action-items/${item.id}/to-backlog`, body: {} };
    },
  ),
];
