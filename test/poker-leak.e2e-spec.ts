import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { mentions, withoutDeck } from './support/poker';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The poker leak test: before the reveal, no participant's card reaches anyone else — not in
 * a REST response, not in any raw engine.io frame a subscribed socket receives, not in the
 * event log. The cards are distinctive numbers of the team's own scale, so a match is a leak;
 * after the reveal the same search finds them all, which proves the search can see them.
 */
describe('planning poker: hidden votes do not leak', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let voters: { user: TestUser; card: string; client: TestClient; frames: string[] }[];
  let stakeholder: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    await t.db.query(`UPDATE teams SET point_scale = $2 WHERE id = $1`, [
      team.id,
      [0, 1, 2, 3, 5, 8, 377, 610, 987],
    ]);
    const sm = await f.member(team, 'scrum_master');
    const dev = await f.member(team, 'developer');
    const po = await f.member(team, 'product_owner');
    stakeholder = await f.member(team, 'stakeholder');
    voters = [];
    for (const [user, card] of [
      [sm, '377'],
      [dev, '610'],
      [po, '987'],
    ] as const) {
      const client = await connectClient(t.url, user.token);
      const frames: string[] = [];
      client.client.socket.io.engine.on('packet', (packet: { data?: unknown }) =>
        frames.push(typeof packet.data === 'string' ? packet.data : JSON.stringify(packet.data)),
      );
      const ack = await client.client.subscribe(team.id);
      if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
      voters.push({ user, card, client, frames });
    }
  });
  afterAll(async () => {
    for (const v of voters) v.client.client.close();
    await t.close();
  });

  it('shows each voter only their own card until the facilitator reveals', async () => {
    const [item] = await api.items(voters[0].user, team, ['Certificati anagrafici online']);
    const [sm] = voters;
    const created = await api
      .post(sm.user, `/teams/${team.id}/poker-sessions`, { deck: 'team', itemIds: [item.id] })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body.cards).toEqual(['0', '1', '2', '3', '5', '8', '377', '610', '987', '?']);

    /** Every REST body each reader got before the reveal. */
    const seen = new Map<TestUser, unknown[]>();
    const keep = (user: TestUser, body: unknown) =>
      seen.set(user, [...(seen.get(user) ?? []), body]);
    for (const v of voters) {
      keep(
        v.user,
        (await api.post(v.user, `/poker-sessions/${id}/votes`, { card: v.card }).expect(200)).body,
      );
    }
    for (const v of voters)
      await waitFor(
        () => v.client.events.filter((e) => e.type === 'poker.vote_cast').length === 3,
        10_000,
        'three poker.vote_cast events',
      );
    for (const reader of [...voters.map((v) => v.user), stakeholder]) {
      keep(reader, (await api.get(reader, `/poker-sessions/${id}`).expect(200)).body);
      keep(reader, (await api.get(reader, `/teams/${team.id}/poker-sessions`).expect(200)).body);
      keep(reader, (await api.get(reader, `/teams/${team.id}/events?after=0`).expect(200)).body);
      keep(reader, (await api.get(reader, `/backlog-items/${item.id}`).expect(200)).body);
      keep(reader, (await api.get(reader, `/backlog-items/${item.id}/history`).expect(200)).body);
    }

    for (const v of voters) {
      const others = voters.filter((o) => o !== v).map((o) => o.card);
      const text = withoutDeck(seen.get(v.user));
      expect({ reader: v.card, leaked: others.filter((card) => mentions(text, card)) }).toEqual({
        reader: v.card,
        leaked: [],
      });
      // Their own card comes back to them, and only to them.
      expect(mentions(text, v.card)).toBe(true);
    }
    const watched = withoutDeck(seen.get(stakeholder));
    expect(voters.filter((v) => mentions(watched, v.card))).toEqual([]);
    for (const v of voters) {
      const frames = withoutDeck(v.frames.join('\n'));
      expect(frames).toContain('poker.vote_cast');
      expect({
        socket: v.card,
        leaked: voters.filter((o) => mentions(frames, o.card)).map((o) => o.card),
      }).toEqual({
        socket: v.card,
        leaked: [],
      });
    }
    const logged = await t.db.query(`SELECT data FROM events WHERE team_id = $1`, [team.id]);
    const log = withoutDeck(logged);
    expect(voters.filter((v) => mentions(log, v.card))).toEqual([]);

    // The reveal shows every card to everyone: the same search now finds them.
    await api.post(sm.user, `/poker-sessions/${id}/reveal`, {}).expect(200);
    for (const v of voters) {
      await waitFor(
        () => v.client.events.some((e) => e.type === 'poker.votes_revealed'),
        10_000,
        'poker.votes_revealed',
      );
      const frames = withoutDeck(v.frames.join('\n'));
      expect(voters.filter((o) => mentions(frames, o.card)).map((o) => o.card)).toEqual([
        '377',
        '610',
        '987',
      ]);
    }
    const after = withoutDeck(
      (await api.get(stakeholder, `/poker-sessions/${id}`).expect(200)).body,
    );
    expect(voters.filter((v) => mentions(after, v.card))).toHaveLength(3);
  });
});
