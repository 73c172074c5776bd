import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { ceremonyState, mentions } from './support/poker';
import { connectClient } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM_KEYS = [
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'requestId',
  'resource',
  'errors',
];
const HIDDEN = '89';

/**
 * Every refused poker request: the status and problem type, nothing written (rows, estimates
 * and the team's event seq unchanged) and no hidden card in the answer.
 */
describe('planning poker: bad input', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let otherSm: TestUser;
  let dev: TestUser;
  let dev2: TestUser;
  let po: TestUser;
  let stakeholder: TestUser;
  let outsider: TestUser;
  let items: string[];
  let foreignItem: string;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    otherSm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
    dev2 = await f.member(team, 'developer');
    po = await f.member(team, 'product_owner');
    stakeholder = await f.member(team, 'stakeholder');
    const other = await f.team();
    outsider = await f.member(other, 'scrum_master');
    items = (await api.items(sm, team, ['Pratiche edilizie', 'Albo pretorio', 'Tributi'])).map(
      (i) => i.id,
    );
    [foreignItem] = (await api.items(outsider, other, ['Altrui'])).map((i) => i.id);
  });
  afterAll(() => t.close());

  /** A fresh session on the team's items; the developer has cast the hidden card. */
  async function session(deck = 'fibonacci'): Promise<string> {
    const res = await api
      .post(sm, `/teams/${team.id}/poker-sessions`, { deck, itemIds: items.slice(0, 2) })
      .expect(201);
    await api.post(dev, `/poker-sessions/${res.body.id}/votes`, { card: HIDDEN }).expect(200);
    return res.body.id as string;
  }

  /** Runs a refused request; checks the problem, that nothing changed and nothing leaked. */
  async function expectRefused(
    send: () => Promise<Response>,
    status: number,
    type: string,
  ): Promise<Response> {
    const before = await ceremonyState(t, team);
    const res = await send();
    expect({ status: res.status, type: res.body.type }).toEqual({
      status,
      type: `urn:ritmo:problem:${type}`,
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Object.keys(res.body).filter((k) => !PROBLEM_KEYS.includes(k))).toEqual([]);
    // The deck's card list (in parentheses) is public; a voter's card is not.
    const text = JSON.stringify(res.body).replace(/\([^)]*\)/g, '');
    expect(mentions(text, HIDDEN)).toBe(false);
    expect(await ceremonyState(t, team)).toEqual(before);
    return res;
  }

  it('refuses a vote outside an open round: revealed, ended, or after the last item', async () => {
    const id = await session();
    await api.post(sm, `/poker-sessions/${id}/reveal`, {}).expect(200);
    await expectRefused(
      () => api.post(dev2, `/poker-sessions/${id}/votes`, { card: '3' }),
      409,
      'round-not-open',
    );
    await api.post(sm, `/poker-sessions/${id}/end`, {}).expect(200);
    await expectRefused(
      () => api.post(dev2, `/poker-sessions/${id}/votes`, { card: '3' }),
      409,
      'session-ended',
    );
    const other = await session();
    await api.post(sm, `/poker-sessions/${other}/skip`, {}).expect(200);
    await api.post(sm, `/poker-sessions/${other}/skip`, {}).expect(200);
    await expectRefused(
      () => api.post(dev2, `/poker-sessions/${other}/votes`, { card: '3' }),
      409,
      'no-current-item',
    );
  });

  it('replaces a first vote with the second', async () => {
    const id = await session();
    const seq = await api.lastSeq(team);
    const res = await api.post(dev, `/poker-sessions/${id}/votes`, { card: '2' }).expect(200);
    expect(res.body.currentRound).toMatchObject({
      myCard: '2',
      votes: [{ userId: dev.id, card: null }],
    });
    const rows = await t.db.query(`SELECT user_id, card FROM poker_votes WHERE session_id = $1`, [
      id,
    ]);
    expect(rows).toEqual([{ user_id: dev.id, card: '2' }]);
    const [event] = await api.events(team, seq);
    expect(event).toMatchObject({
      type: 'poker.vote_cast',
      data: { userId: dev.id, replaced: true, votedCount: 1 },
    });
    expect(JSON.stringify(event.data)).not.toContain('"2"');
  });

  it('refuses a card that is not on the deck', async () => {
    const id = await session();
    for (const card of ['4', 'XL', '☕', '', ' 5']) {
      const res = await expectRefused(
        () => api.post(dev2, `/poker-sessions/${id}/votes`, { card }),
        400,
        'validation-failed',
      );
      expect(fieldsOf(res.body)).toEqual(['card']);
    }
    const res = await expectRefused(
      () => api.post(dev2, `/poker-sessions/${id}/votes`, { card: 5 }),
      400,
      'validation-failed',
    );
    expect(fieldsOf(res.body)).toContain('card');
  });

  it('refuses votes by spectators (403) and outsiders (404)', async () => {
    const id = await session();
    await expectRefused(
      () => api.post(stakeholder, `/poker-sessions/${id}/votes`, { card: '3' }),
      403,
      'permission-denied',
    );
    await expectRefused(
      () => api.post(stakeholder, `/poker-sessions/${id}/join`, { as: 'participant' }),
      403,
      'permission-denied',
    );
    await api.post(dev2, `/poker-sessions/${id}/join`, { as: 'spectator' }).expect(200);
    await expectRefused(
      () => api.post(dev2, `/poker-sessions/${id}/votes`, { card: '3' }),
      403,
      'spectator',
    );
    await expectRefused(
      () => api.post(outsider, `/poker-sessions/${id}/votes`, { card: '3' }),
      404,
      'not-found',
    );
    await expectRefused(() => api.get(outsider, `/poker-sessions/${id}`), 404, 'not-found');
    await expectRefused(
      () => api.post(dev, `/poker-sessions/${randomUUID()}/votes`, { card: '3' }),
      404,
      'not-found',
    );
  });

  it('lets only the facilitator reveal, revote, accept, move on and end', async () => {
    const id = await session();
    for (const path of ['reveal', 'revote', 'next', 'skip', 'end']) {
      await expectRefused(
        () => api.post(dev, `/poker-sessions/${id}/${path}`, {}),
        403,
        'permission-denied',
      );
      await expectRefused(
        () => api.post(po, `/poker-sessions/${id}/${path}`, {}),
        403,
        'permission-denied',
      );
      await expectRefused(
        () => api.post(otherSm, `/poker-sessions/${id}/${path}`, {}),
        403,
        'not-facilitator',
      );
      await expectRefused(
        () => api.post(outsider, `/poker-sessions/${id}/${path}`, {}),
        404,
        'not-found',
      );
    }
    await expectRefused(
      () => api.post(otherSm, `/poker-sessions/${id}/accept`, { card: '3' }),
      403,
      'not-facilitator',
    );
  });

  it('refuses to accept a value that is not on the deck or the scale, or before the reveal', async () => {
    const id = await session();
    await expectRefused(
      () => api.post(sm, `/poker-sessions/${id}/accept`, { card: '3' }),
      409,
      'round-not-revealed',
    );
    await api.post(sm, `/poker-sessions/${id}/reveal`, {}).expect(200);
    // 34 is a Fibonacci card, but the team's scale stops at 21.
    for (const card of ['34', '?', 'XXL', '4']) {
      const res = await expectRefused(
        () => api.post(sm, `/poker-sessions/${id}/accept`, { card }),
        400,
        'validation-failed',
      );
      expect(fieldsOf(res.body)).toEqual(['card']);
    }
    await expectRefused(
      () => api.post(sm, `/poker-sessions/${id}/next`, {}),
      409,
      'item-not-estimated',
    );
    await api.post(sm, `/poker-sessions/${id}/accept`, { card: '21' }).expect(200);
    await expectRefused(() => api.post(sm, `/poker-sessions/${id}/skip`, {}), 409, 'item-accepted');
    await expectRefused(
      () => api.post(sm, `/poker-sessions/${id}/reveal`, {}),
      409,
      'round-revealed',
    );
  });

  it('refuses a revote while the round is still open', async () => {
    const id = await session();
    await expectRefused(() => api.post(sm, `/poker-sessions/${id}/revote`, {}), 409, 'round-open');
  });

  it('answers a second end with 409', async () => {
    const id = await session();
    await api.post(sm, `/poker-sessions/${id}/end`, {}).expect(200);
    await expectRefused(() => api.post(sm, `/poker-sessions/${id}/end`, {}), 409, 'session-ended');
    await expectRefused(
      () => api.post(dev, `/poker-sessions/${id}/join`, { as: 'spectator' }),
      409,
      'session-ended',
    );
  });

  it("refuses another team's items, unknown and archived ones, and only scrum masters open sessions", async () => {
    const archived = (await api.items(sm, team, ['Archiviata']))[0];
    await api.delete(sm, `/backlog-items/${archived.id}`, archived.version).expect(204);
    for (const [itemIds, field] of [
      [[items[0], foreignItem], 'itemIds.1'],
      [[randomUUID()], 'itemIds.0'],
      [[archived.id], 'itemIds.0'],
    ] as const) {
      const res = await expectRefused(
        () => api.post(sm, `/teams/${team.id}/poker-sessions`, { deck: 'fibonacci', itemIds }),
        400,
        'validation-failed',
      );
      expect(fieldsOf(res.body)).toEqual([field]);
      expect(JSON.stringify(res.body)).not.toContain('Altrui');
    }
    for (const body of [
      { deck: 'tarocchi', itemIds: [items[0]] },
      { deck: 'fibonacci', itemIds: [] },
      { deck: 'fibonacci', itemIds: [items[0], items[0]] },
      { deck: 'fibonacci', itemIds: [items[0]], title: 'nul\u0000byte' },
      { deck: 'fibonacci', itemIds: [items[0]], ceremonyId: 'not-a-uuid' },
      { deck: 'fibonacci', itemIds: [items[0]], cards: ['1'] },
    ])
      await expectRefused(
        () => api.post(sm, `/teams/${team.id}/poker-sessions`, body),
        400,
        'validation-failed',
      );
    await expectRefused(
      () =>
        api.post(dev, `/teams/${team.id}/poker-sessions`, {
          deck: 'fibonacci',
          itemIds: [items[0]],
        }),
      403,
      'permission-denied',
    );
    await expectRefused(
      () =>
        api.post(outsider, `/teams/${team.id}/poker-sessions`, {
          deck: 'fibonacci',
          itemIds: [foreignItem],
        }),
      404,
      'not-found',
    );
  });

  it('keeps the optional ceremony id and the T-shirt mapping', async () => {
    const ceremonyId = (
      await api
        .post(sm, `/teams/${team.id}/ceremonies`, {
          type: 'backlog_refinement',
          startsAt: '2026-03-11T13:00:00Z',
          endsAt: '2026-03-11T15:00:00Z',
        })
        .expect(201)
    ).body.id as string;
    const res = await api
      .post(sm, `/teams/${team.id}/poker-sessions`, {
        deck: 'tshirt',
        itemIds: [items[2]],
        ceremonyId,
        title: 'Stima tributi',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      ceremonyId,
      title: 'Stima tributi',
      cards: ['XS', 'S', 'M', 'L', 'XL', 'XXL', '?'],
    });
    const id = res.body.id as string;
    await api.post(dev, `/poker-sessions/${id}/votes`, { card: 'L' }).expect(200);
    await api.post(sm, `/poker-sessions/${id}/reveal`, {}).expect(200);
    const accepted = await api.post(sm, `/poker-sessions/${id}/accept`, { card: 'L' }).expect(200);
    expect(accepted.body.items[0]).toMatchObject({ acceptedCard: 'L', estimate: 5 });
    expect((await api.get(dev, `/backlog-items/${items[2]}`).expect(200)).body.estimate).toBe(5);
  });

  it('refuses the same way over the socket door, writing nothing', async () => {
    const id = await session();
    const send = async (user: TestUser, message: string, payload: object) => {
      const { client } = await connectClient(t.url, user.token);
      try {
        const before = await ceremonyState(t, team);
        const ack = (await client.socket.timeout(10_000).emitWithAck(message, payload)) as {
          ok: boolean;
          error?: { status: number; type: string };
        };
        expect(await ceremonyState(t, team)).toEqual(before);
        expect(mentions(JSON.stringify(ack).replace(/\([^)]*\)/g, ''), HIDDEN)).toBe(false);
        return ack.error;
      } finally {
        client.close();
      }
    };
    const problem = (status: number, type: string) => ({
      status,
      type: `urn:ritmo:problem:${type}`,
    });
    expect(await send(stakeholder, 'poker.vote', { sessionId: id, card: '3' })).toMatchObject(
      problem(403, 'permission-denied'),
    );
    expect(await send(outsider, 'poker.vote', { sessionId: id, card: '3' })).toMatchObject(
      problem(404, 'not-found'),
    );
    expect(await send(dev2, 'poker.vote', { sessionId: id, card: '4' })).toMatchObject(
      problem(400, 'validation-failed'),
    );
    expect(await send(dev2, 'poker.vote', { sessionId: 'x', card: '3' })).toMatchObject(
      problem(400, 'validation-failed'),
    );
    expect(await send(otherSm, 'poker.reveal', { sessionId: id })).toMatchObject(
      problem(403, 'not-facilitator'),
    );
    expect(await send(sm, 'poker.accept', { sessionId: id, card: '3' })).toMatchObject(
      problem(409, 'round-not-revealed'),
    );
  });
});
