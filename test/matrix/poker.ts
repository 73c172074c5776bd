import { randomBytes } from 'node:crypto';
import { MatrixContext, MatrixRow, route, teamAction } from './matrix';

type Json = Record<string, unknown>;

/** Fixtures go through the API as the team's scrum master (the facilitator of every session). */
async function api(c: MatrixContext, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${c.t.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      authorization: `Bearer ${c.userOf('scrum_master')?.token ?? ''}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

const team = (c: MatrixContext) => `/api/v1/teams/${c.team.id}`;
const name = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;

async function freshItem(c: MatrixContext): Promise<string> {
  const item = await api(c, 'POST', `${team(c)}/backlog-items`, { title: name('Pratica') });
  return item.id as string;
}

/** A new open session on one new item, moved to the state the call needs; its path. */
async function freshSession(
  c: MatrixContext,
  state: 'voting' | 'revealed' | 'accepted' = 'voting',
): Promise<string> {
  return `/api/v1/poker-sessions/${await freshSessionId(c, state)}`;
}

/** The same, for socket messages that name the session in their payload. */
export async function freshSessionId(
  c: MatrixContext,
  state: 'voting' | 'revealed' | 'accepted' = 'voting',
): Promise<string> {
  const session = await api(c, 'POST', `${team(c)}/poker-sessions`, {
    deck: 'fibonacci',
    itemIds: [await freshItem(c)],
  });
  const path = `/api/v1/poker-sessions/${session.id as string}`;
  if (state !== 'voting') await api(c, 'POST', `${path}/reveal`, {});
  if (state === 'accepted') await api(c, 'POST', `${path}/accept`, { card: '3' });
  return session.id as string;
}

async function freshReview(c: MatrixContext): Promise<string> {
  const sprint = await api(c, 'POST', `${team(c)}/sprints`, { name: name('Ciclo') });
  const review = await api(c, 'POST', `${team(c)}/sprint-reviews`, { sprintId: sprint.id });
  return `/api/v1/sprint-reviews/${review.id as string}`;
}

const reviews = new WeakMap<MatrixContext, Promise<string>>();
/** One review that rows only add to (decisions, feedback). */
function sharedReview(c: MatrixContext): Promise<string> {
  let review = reviews.get(c);
  if (!review) {
    review = freshReview(c);
    reviews.set(c, review);
  }
  return review;
}

const facilitate = (op: string, state: 'voting' | 'revealed' | 'accepted', body?: Json) =>
  route(
    `POST /api/v1/poker-sessions/{sessionId}/${op}`,
    teamAction('ceremony.manage', 200),
    async (c) => ({ path: `${await freshSession(c, state)}/${op}`, body: body ?? {} }),
  );

export const POKER_ROWS: MatrixRow[] = [
  route(
    'POST /api/v1/teams/{teamId}/poker-sessions',
    teamAction('ceremony.manage', 201),
    async (c) => ({
      path: `${team(c)}/poker-sessions`,
      body: { deck: 'modified_fibonacci', itemIds: [await freshItem(c)] },
    }),
  ),
  route('GET /api/v1/teams/{teamId}/poker-sessions', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/poker-sessions`,
  })),
  route('GET /api/v1/poker-sessions/{sessionId}', teamAction('team.read', 200), async (c) => ({
    path: await freshSession(c),
  })),
  route(
    'POST /api/v1/poker-sessions/{sessionId}/join',
    teamAction('ceremony.participate', 200),
    async (c) => ({ path: `${await freshSession(c)}/join`, body: { as: 'spectator' } }),
  ),
  route(
    'POST /api/v1/poker-sessions/{sessionId}/votes',
    teamAction('poker.vote', 200),
    async (c) => ({
      path: `${await freshSession(c)}/votes`,
      body: { card: '5' },
    }),
  ),
  facilitate('reveal', 'voting'),
  facilitate('revote', 'revealed'),
  facilitate('accept', 'revealed', { card: '5' }),
  facilitate('next', 'accepted'),
  facilitate('skip', 'voting'),
  facilitate('end', 'voting'),
];

export const REVIEW_ROWS: MatrixRow[] = [
  route(
    'POST /api/v1/teams/{teamId}/sprint-reviews',
    teamAction('ceremony.manage', 201),
    async (c) => ({
      path: `${team(c)}/sprint-reviews`,
      body: {
        sprintId: (await api(c, 'POST', `${team(c)}/sprints`, { name: name('Ciclo') })).id,
        notes: 'Demo allo sportello',
      },
    }),
  ),
  route('GET /api/v1/teams/{teamId}/sprint-reviews', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/sprint-reviews`,
  })),
  route('GET /api/v1/sprint-reviews/{reviewId}', teamAction('team.read', 200), async (c) => ({
    path: await sharedReview(c),
  })),
  route(
    'PUT /api/v1/sprint-reviews/{reviewId}/items/{itemId}',
    teamAction('backlog.accept', 200),
    async (c) => ({
      path: `${await sharedReview(c)}/items/${await freshItem(c)}`,
      body: { decision: 'accepted', note: 'Come concordato' },
    }),
  ),
  route(
    'POST /api/v1/sprint-reviews/{reviewId}/feedback',
    teamAction('ceremony.participate', 201),
    async (c) => ({
      path: `${await sharedReview(c)}/feedback`,
      body: { text: 'Serve anche la versione in inglese' },
    }),
  ),
  route(
    'POST /api/v1/sprint-reviews/{reviewId}/feedback/{feedbackId}/to-backlog',
    teamAction('backlog.create', 201),
    async (c) => {
      const review = await sharedReview(c);
      const feedback = await api(c, 'POST', `${review}/feedback`, { text: name('Richiesta') });
      return { path: `${review}/feedback/${feedback.id as string}/to-backlog`, body: {} };
    },
  ),
];
