/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import type { EventEnvelope } from '../src/events/event-catalogue';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A whole planning poker session run by three people over their sockets (votes and the
 * facilitator's commands are socket messages; the session is opened over REST, a spectator
 * joins over REST), each socket subscribed to the team: every event they receive is asserted,
 * then the estimates and the item history.
 */
describe('planning poker: a full session driven over sockets by three clients', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let dev: TestUser;
  let po: TestUser;
  let watcher: TestUser;
  const clients: TestClient[] = [];
  const socketOf = new Map<TestUser, TestClient>();

  /** A poker message over the user's socket; the ack carries the session as they see it. */
  async function send(user: TestUser, message: string, payload: object) {
    const ack = (await socketOf
      .get(user)!
      .client.socket.timeout(10_000)
      .emitWithAck(message, payload)) as {
      ok: boolean;
      session?: unknown;
      error?: unknown;
    };
    if (!ack.ok) throw new Error(`${message}: ${JSON.stringify(ack.error)}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON payloads, like supertest bodies
    return { body: ack.session as any };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
    po = await f.member(team, 'product_owner');
    watcher = await f.member(team, 'stakeholder');
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await t.close();
  });

  const poker = (type: string) => (e: EventEnvelope) =>
    e.type.startsWith('poker.') || e.type === type;

  it('estimates two items, skips one, and writes the estimates with the session as source', async () => {
    const [a, b, c] = await api.items(sm, team, [
      'Iscrizioni mensa online',
      'Ricevuta PagoPA via email',
      'Archivio delibere',
    ]);
    for (const user of [sm, dev, po]) {
      const client = await connectClient(t.url, user.token);
      const ack = await client.client.subscribe(team.id);
      if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
      clients.push(client);
      socketOf.set(user, client);
    }
    const seq0 = await api.lastSeq(team);

    const created = await api
      .post(sm, `/teams/${team.id}/poker-sessions`, {
        deck: 'fibonacci',
        itemIds: [a.id, b.id, c.id],
      })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      title: 'Stima a carte (planning poker)',
      deck: 'fibonacci',
      facilitatorId: sm.id,
      state: 'open',
      currentItemId: a.id,
      round: 1,
      roundState: 'voting',
      myRole: 'participant',
      currentRound: { itemId: a.id, round: 1, state: 'voting', votes: [], myCard: null },
    });
    expect(created.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([a.id, b.id, c.id]);

    // A stakeholder joins to watch; the three vote on A, the developer changes their mind.
    await api.post(watcher, `/poker-sessions/${id}/join`, { as: 'spectator' }).expect(200);
    await send(sm, 'poker.vote', { sessionId: id, card: '3' });
    await send(dev, 'poker.vote', { sessionId: id, card: '8' });
    const mine = await send(dev, 'poker.vote', { sessionId: id, card: '5' });
    expect(mine.body.currentRound).toMatchObject({ myCard: '5', state: 'voting', stats: null });
    expect(mine.body.currentRound.votes).toEqual([
      { userId: sm.id, card: null },
      { userId: dev.id, card: null },
    ]);
    await send(po, 'poker.vote', { sessionId: id, card: '5' });

    const revealed = await send(sm, 'poker.reveal', { sessionId: id });
    expect(revealed.body.currentRound).toMatchObject({
      state: 'revealed',
      stats: { min: 3, max: 5, median: 5, consensus: false, votes: 3 },
    });
    // No consensus: a second round, where everybody agrees.
    await send(sm, 'poker.revote', { sessionId: id });
    for (const user of [sm, dev, po]) await send(user, 'poker.vote', { sessionId: id, card: '5' });
    const second = await send(sm, 'poker.reveal', { sessionId: id });
    expect(second.body.currentRound.stats).toMatchObject({ consensus: true, median: 5 });
    expect(second.body.history).toHaveLength(2);
    await send(sm, 'poker.accept', { sessionId: id, card: '5' });
    await send(sm, 'poker.next', { sessionId: id });

    // B: one round, the facilitator accepts the median; C is skipped.
    await send(sm, 'poker.vote', { sessionId: id, card: '13' });
    await send(dev, 'poker.vote', { sessionId: id, card: '8' });
    await send(po, 'poker.vote', { sessionId: id, card: '?' });
    const b1 = await send(sm, 'poker.reveal', { sessionId: id });
    expect(b1.body.currentRound.stats).toEqual({
      min: 8,
      max: 13,
      median: 10.5,
      consensus: false,
      votes: 3,
    });
    await send(sm, 'poker.accept', { sessionId: id, card: '8' });
    await send(sm, 'poker.next', { sessionId: id });
    await send(sm, 'poker.skip', { sessionId: id });
    const ended = await send(sm, 'poker.end', { sessionId: id });
    expect(ended.body).toMatchObject({ state: 'ended', currentItemId: null });
    expect(ended.body.items).toMatchObject([
      { itemId: a.id, outcome: 'accepted', acceptedCard: '5', estimate: 5 },
      { itemId: b.id, outcome: 'accepted', acceptedCard: '8', estimate: 8 },
      { itemId: c.id, outcome: 'skipped', acceptedCard: null, estimate: null },
    ]);

    const expected = [
      ['poker.session_started', {}],
      ['poker.participant_joined', { userId: watcher.id, role: 'spectator' }],
      [
        'poker.vote_cast',
        { userId: sm.id, itemId: a.id, round: 1, replaced: false, votedCount: 1 },
      ],
      ['poker.vote_cast', { userId: dev.id, replaced: false, votedCount: 2 }],
      ['poker.vote_cast', { userId: dev.id, replaced: true, votedCount: 2 }],
      ['poker.vote_cast', { userId: po.id, votedCount: 3 }],
      ['poker.votes_revealed', { itemId: a.id, round: 1 }],
      ['poker.round_started', { itemId: a.id, round: 2 }],
      ['poker.vote_cast', { round: 2, votedCount: 1 }],
      ['poker.vote_cast', { round: 2, votedCount: 2 }],
      ['poker.vote_cast', { round: 2, votedCount: 3 }],
      ['poker.votes_revealed', { round: 2, stats: { consensus: true } }],
      [
        'backlog_item.updated',
        { item: { id: a.id, estimate: 5 }, source: { kind: 'poker_session', id } },
      ],
      ['poker.estimate_accepted', { itemId: a.id, card: '5', estimate: 5, round: 2 }],
      [
        'poker.current_item_changed',
        { previousItemId: a.id, outcome: 'accepted', currentItemId: b.id },
      ],
      ['poker.vote_cast', { itemId: b.id }],
      ['poker.vote_cast', { itemId: b.id }],
      ['poker.vote_cast', { itemId: b.id }],
      ['poker.votes_revealed', { itemId: b.id }],
      [
        'backlog_item.updated',
        { item: { id: b.id, estimate: 8 }, source: { kind: 'poker_session', id } },
      ],
      ['poker.estimate_accepted', { itemId: b.id, card: '8', estimate: 8 }],
      ['poker.current_item_changed', { previousItemId: b.id, currentItemId: c.id }],
      [
        'poker.current_item_changed',
        { previousItemId: c.id, outcome: 'skipped', currentItemId: null },
      ],
      ['poker.session_ended', { accepted: 2, skipped: 1, unestimated: 0 }],
    ] as const;
    for (const client of clients) {
      await waitFor(() => client.events.length >= expected.length, 10_000, 'every poker event');
      const got = client.events.filter(poker('backlog_item.updated'));
      expect(got.map((e) => e.type)).toEqual(expected.map(([type]) => type));
      expected.forEach(([, data], i) => expect(got[i].data).toMatchObject(data));
      expect(got.map((e) => e.seq)).toEqual(expected.map((_, i) => seq0 + 1 + i));
    }
    const reveal = clients[0].events.find((e) => e.type === 'poker.votes_revealed')!;
    expect(reveal.data).toMatchObject({
      votes: [
        { userId: sm.id, card: '3' },
        { userId: dev.id, card: '5' },
        { userId: po.id, card: '5' },
      ],
      stats: { min: 3, max: 5, median: 5, consensus: false },
    });

    // The items carry the estimates; their history names the session.
    expect((await api.get(dev, `/backlog-items/${a.id}`).expect(200)).body.estimate).toBe(5);
    expect((await api.get(dev, `/backlog-items/${b.id}`).expect(200)).body.estimate).toBe(8);
    expect((await api.get(dev, `/backlog-items/${c.id}`).expect(200)).body.estimate).toBeNull();
    const history = await api.get(watcher, `/backlog-items/${a.id}/history`).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      type: 'backlog_item.updated',
      changes: [{ field: 'estimate', from: null, to: 5 }],
      source: { kind: 'poker_session', id },
    });

    // Rows: two rounds on A, one on B, votes kept per round.
    const rounds = await t.db.query(
      `SELECT item_id, round FROM poker_rounds WHERE session_id = $1 ORDER BY revealed_at`,
      [id],
    );
    expect(rounds).toEqual([
      { item_id: a.id, round: 1 },
      { item_id: a.id, round: 2 },
      { item_id: b.id, round: 1 },
    ]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM poker_votes WHERE session_id = $1`,
      [id],
    );
    expect(n).toBe(9);

    // Anyone in the team reads the whole story, revealed rounds only.
    const read = await api.get(watcher, `/poker-sessions/${id}`).expect(200);
    expect(read.body.myRole).toBe('spectator');
    expect(read.body.history.map((r: { round: number }) => r.round)).toEqual([1, 2, 1]);
    const list = await api.get(watcher, `/teams/${team.id}/poker-sessions`).expect(200);
    expect(list.body).toMatchObject([{ id, state: 'ended' }]);
  });
});
