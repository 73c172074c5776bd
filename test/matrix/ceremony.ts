import { randomBytes } from 'node:crypto';
import type { TestUser } from '../support/factories';
import { ActorName, MatrixContext, MatrixRow, open, route, teamAction } from './matrix';

type Json = Record<string, unknown>;

async function call(
  token: string,
  c: MatrixContext,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${c.t.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      authorization: `Bearer ${token}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** Fixtures go through the API as the team's scrum master (or developer for items). */
async function api(
  c: MatrixContext,
  as: 'scrum_master' | 'developer',
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const res = await call(c.userOf(as)?.token ?? '', c, method, path, body);
  if (res.status >= 300)
    throw new Error(`fixture ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const team = (c: MatrixContext) => `/api/v1/teams/${c.team.id}`;
const name = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;

export async function freshCeremony(c: MatrixContext): Promise<{ id: string; version: number }> {
  const ceremony = await api(c, 'scrum_master', 'POST', `${team(c)}/ceremonies`, {
    type: 'backlog_refinement',
    title: name('Affinamento'),
    startsAt: '2026-12-02T14:00:00+01:00',
    endsAt: '2026-12-02T15:00:00+01:00',
  });
  return { id: ceremony.id as string, version: ceremony.version as number };
}

async function liveCeremony(c: MatrixContext): Promise<string> {
  const { id } = await freshCeremony(c);
  await api(c, 'scrum_master', 'POST', `/api/v1/ceremonies/${id}/start`, {});
  return id;
}

const shared = new WeakMap<MatrixContext, Promise<string>>();
/** A ceremony that has had a session, for the read rows. */
function sharedLive(c: MatrixContext): Promise<string> {
  let id = shared.get(c);
  if (!id) {
    id = liveCeremony(c);
    shared.set(c, id);
  }
  return id;
}

const feeds = new WeakMap<MatrixContext, Promise<string>>();
/** A feed token of a member no row rotates: the feed URL is the only credential. */
function feedToken(c: MatrixContext): Promise<string> {
  let token = feeds.get(c);
  if (!token) {
    token = c
      .freshMember('developer')
      .then((u: TestUser) => call(u.token, c, 'POST', `${team(c)}/calendar-feed`, {}))
      .then((res) => res.body.token as string);
    feeds.set(c, token);
  }
  return token;
}

async function freshImpediment(c: MatrixContext): Promise<{ id: string; version: number }> {
  const impediment = await api(c, 'developer', 'POST', `${team(c)}/impediments`, {
    title: name('Impedimento'),
  });
  return { id: impediment.id as string, version: impediment.version as number };
}

/** The caller's own feed, so that revoking it succeeds for those who may. */
async function ownFeed(c: MatrixContext, actor: ActorName): Promise<void> {
  const user = c.userOf(actor);
  if (user) await call(user.token, c, 'POST', `${team(c)}/calendar-feed`, {});
}

/** Each accepted PUT moves the cadence's version on. */
async function cadenceVersion(c: MatrixContext): Promise<number> {
  const res = await fetch(`${c.t.url}${team(c)}/cadence`, {
    headers: { authorization: `Bearer ${c.userOf('scrum_master')?.token ?? ''}` },
  });
  return ((await res.json()) as { version: number }).version;
}

export const CEREMONY_ROWS: MatrixRow[] = [
  route('GET /api/v1/teams/{teamId}/cadence', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/cadence`,
  })),
  route('PUT /api/v1/teams/{teamId}/cadence', teamAction('ceremony.manage', 200), async (c) => ({
    path: `${team(c)}/cadence`,
    body: { dailyTime: '09:30', workingDays: [1, 2, 3, 4, 5] },
    headers: { 'If-Match': `"${await cadenceVersion(c)}"` },
  })),
  route('GET /api/v1/teams/{teamId}/ceremonies', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/ceremonies`,
  })),
  route('POST /api/v1/teams/{teamId}/ceremonies', teamAction('ceremony.manage', 201), (c) => ({
    path: `${team(c)}/ceremonies`,
    body: {
      type: 'daily_scrum',
      startsAt: '2026-12-01T09:30:00+01:00',
      endsAt: '2026-12-01T09:45:00+01:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10',
    },
  })),
  route('GET /api/v1/ceremonies/{ceremonyId}', teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/ceremonies/${(await freshCeremony(c)).id}`,
  })),
  route('PATCH /api/v1/ceremonies/{ceremonyId}', teamAction('ceremony.manage', 200), async (c) => {
    const ceremony = await freshCeremony(c);
    return {
      path: `/api/v1/ceremonies/${ceremony.id}`,
      body: { startsAt: '2026-12-03T14:00:00+01:00', endsAt: '2026-12-03T15:00:00+01:00' },
      headers: { 'If-Match': `"${ceremony.version}"` },
    };
  }),
  route(
    'POST /api/v1/ceremonies/{ceremonyId}/cancel',
    teamAction('ceremony.manage', 200),
    async (c) => {
      const ceremony = await freshCeremony(c);
      return {
        path: `/api/v1/ceremonies/${ceremony.id}/cancel`,
        headers: { 'If-Match': `"${ceremony.version}"` },
      };
    },
  ),
  route(
    'POST /api/v1/ceremonies/{ceremonyId}/start',
    teamAction('ceremony.manage', 200),
    async (c) => ({ path: `/api/v1/ceremonies/${(await freshCeremony(c)).id}/start`, body: {} }),
  ),
  route(
    'POST /api/v1/ceremonies/{ceremonyId}/end',
    teamAction('ceremony.manage', 200),
    async (c) => ({ path: `/api/v1/ceremonies/${await liveCeremony(c)}/end` }),
  ),
  route('GET /api/v1/ceremonies/{ceremonyId}/session', teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/ceremonies/${await sharedLive(c)}/session`,
  })),
  // Calendar apps send no credentials: the secret token of the URL decides, for anyone.
  route('GET /api/v1/teams/{teamId}/calendar.ics', open(200), async (c) => ({
    path: `${team(c)}/calendar.ics?token=${await feedToken(c)}`,
  })),
  route(
    'POST /api/v1/teams/{teamId}/calendar-feed',
    teamAction('ceremony.participate', 201),
    (c) => ({ path: `${team(c)}/calendar-feed` }),
  ),
  route(
    'DELETE /api/v1/teams/{teamId}/calendar-feed',
    teamAction('ceremony.participate', 204),
    async (c, actor) => {
      await ownFeed(c, actor);
      return { path: `${team(c)}/calendar-feed` };
    },
  ),
  route(
    'PUT /api/v1/teams/{teamId}/daily-scrums/{date}/entries/me',
    teamAction('ceremony.participate', 200),
    (c) => ({
      path: `${team(c)}/daily-scrums/2026-12-01/entries/me`,
      body: { answers: { done: 'Protocollo', plan: 'Mensa', impediments: '' } },
    }),
  ),
  route('GET /api/v1/teams/{teamId}/daily-scrums/{date}', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/daily-scrums/2026-12-01`,
  })),
  route(
    'POST /api/v1/teams/{teamId}/impediments',
    teamAction('ceremony.participate', 201),
    (c) => ({ path: `${team(c)}/impediments`, body: { title: name('Impedimento') } }),
  ),
  route('GET /api/v1/teams/{teamId}/impediments', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/impediments?status=open`,
  })),
  route(
    'PATCH /api/v1/impediments/{impedimentId}',
    teamAction('ceremony.participate', 200),
    async (c) => {
      const impediment = await freshImpediment(c);
      return {
        path: `/api/v1/impediments/${impediment.id}`,
        body: { status: 'resolved' },
        headers: { 'If-Match': `"${impediment.version}"` },
      };
    },
  ),
];
