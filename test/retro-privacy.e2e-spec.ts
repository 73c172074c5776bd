import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { RetrospectiveDto } from '../src/retrospective/dto/retrospective-view.dto';
import { Factory, TestTeam, TestUser } from './support/factories';
import { waitFor } from './support/realtime';
import { retroApi, wireClient, WireClient } from './support/retro';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Anonymity, private writing and secret votes, checked where a leak would show: the raw
 * engine.io packets each socket received and every REST answer (the retrospective, both
 * exports, the event catch-up), for every role — the facilitator included.
 */
describe('retrospective privacy on the wire and over REST', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof retroApi>;
  let team: TestTeam;
  let author: TestUser;
  let readers: Record<string, TestUser>;
  let sockets: Record<string, WireClient>;
  const secret = `SEGRETO-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    api = retroApi(t);
    team = await f.team();
    author = await f.member(team, 'developer');
    readers = {
      facilitator: await f.member(team, 'scrum_master'),
      developer: await f.member(team, 'developer'),
      product_owner: await f.member(team, 'product_owner'),
      stakeholder: await f.member(team, 'stakeholder'),
      workspace_admin: team.admin,
    };
    sockets = {};
    for (const [role, user] of Object.entries({ ...readers, author }))
      sockets[role] = await wireClient(t.url, user, team.id);
  });
  afterAll(async () => {
    for (const s of Object.values(sockets)) s.client.close();
    await t.close();
  });

  /** REST answers a reader gets about the retrospective, as text. */
  async function restText(user: TestUser, retroId: string): Promise<string[]> {
    const auth = `Bearer ${user.token}`;
    const paths = [
      `/api/v1/retrospectives/${retroId}`,
      `/api/v1/retrospectives/${retroId}/export.md`,
      `/api/v1/retrospectives/${retroId}/export.json`,
      `/api/v1/teams/${team.id}/retrospectives`,
      `/api/v1/teams/${team.id}/events?after=0`,
    ];
    const texts = [];
    for (const path of paths) {
      const res = await request(t.url).get(path).set('Authorization', auth).expect(200);
      texts.push(res.text);
    }
    // The log also holds the author joining the team: judge it event by event.
    const page = JSON.parse(texts.pop()!) as { events: unknown[] };
    return [...texts, ...page.events.map((e) => JSON.stringify(e))];
  }

  /** Every frame (or REST text) that mentions one of `ids` must not name the author. */
  function expectNoAuthor(texts: string[], ids: string[]): void {
    const linked = texts.filter((text) => ids.some((id) => text.includes(id)));
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.filter((text) => text.includes(author.id))).toEqual([]);
  }

  it('keeps an anonymous card without author and a private card hidden until the group phase', async () => {
    const retro = (
      await api
        .post(readers.facilitator, `/teams/${team.id}/retrospectives`, {
          anonymous: true,
          privateWriting: true,
        })
        .expect(201)
    ).body as RetrospectiveDto;
    const id = retro.id;
    const card = (
      await api
        .post(author, `/retrospectives/${id}/cards`, { column: 'stop', text: 'bozza' })
        .expect(201)
    ).body as { id: string; version: number; authorId: string | null; mine: boolean };
    expect(card).toMatchObject({ authorId: null, mine: true });
    // The author edits and deletes their own anonymous cards.
    const edited = await api
      .patch(author, `/retrospectives/${id}/cards/${card.id}`, { text: secret }, card.version)
      .expect(200);
    const scrap = (
      await api
        .post(author, `/retrospectives/${id}/cards`, { column: 'start', text: 'da buttare' })
        .expect(201)
    ).body as { id: string; version: number };
    await api.del(author, `/retrospectives/${id}/cards/${scrap.id}`, scrap.version).expect(204);
    // Nobody else can touch it, not even the facilitator: for them it does not exist yet.
    await api
      .patch(readers.facilitator, `/retrospectives/${id}/cards/${card.id}`, { text: 'x' }, 2)
      .expect(404);

    const [row] = await t.db.query<{ author_id: string | null; author_key: string }[]>(
      `SELECT author_id, author_key FROM retro_cards WHERE id = $1`,
      [card.id],
    );
    expect(row.author_id).toBeNull();
    expect(row.author_key).not.toContain(author.id);
    expect(row.author_key).not.toContain(author.id.replace(/-/g, ''));

    for (const s of Object.values(sockets))
      await waitFor(() => s.retro('retro.card_deleted').length === 1, 10_000, 'card events');
    for (const [role, user] of Object.entries(readers)) {
      const frames = sockets[role].frames;
      expect({ role, leaks: frames.filter((fr) => fr.includes(secret)) }).toEqual({
        role,
        leaks: [],
      });
      expectNoAuthor(frames, [card.id, scrap.id]);
      const rest = await restText(user, id);
      expect({ role, leaks: rest.filter((r) => r.includes(secret)) }).toEqual({ role, leaks: [] });
      expectNoAuthor(rest, [card.id, scrap.id]);
      expect(rest.slice(0, 4).filter((r) => r.includes(author.id))).toEqual([]);
      const view = JSON.parse(rest[0]) as RetrospectiveDto;
      expect(view.cards).toEqual([]);
      expect(view.hiddenCounts).toContainEqual({ column: 'stop', count: 1 });
    }
    // The author's own socket never learns its name is on the card either.
    expectNoAuthor(sockets.author.frames, [card.id]);
    expect((edited.body as { text: string }).text).toBe(secret);

    // The group phase reveals the text to all, still without the author.
    await api.phase(readers.facilitator, id, 'group').expect(200);
    for (const s of Object.values(sockets))
      await waitFor(() => s.retro('retro.phase_changed').length === 1, 10_000, 'the reveal');
    for (const [role, user] of Object.entries(readers)) {
      const frames = sockets[role].frames;
      expect(frames.filter((fr) => fr.includes(secret)).length).toBeGreaterThan(0);
      expectNoAuthor(frames, [card.id, secret]);
      const rest = await restText(user, id);
      const view = JSON.parse(rest[0]) as RetrospectiveDto;
      expect(view.cards).toEqual([
        expect.objectContaining({ id: card.id, text: secret, authorId: null, mine: false }),
      ]);
      expectNoAuthor(rest, [card.id, secret]);
      expect(rest.slice(0, 4).filter((r) => r.includes(author.id))).toEqual([]);
      expect(rest[1]).not.toContain(author.displayName);
    }
  });

  it('keeps who voted what and the totals secret until the vote phase ends', async () => {
    const facilitator = readers.facilitator;
    const retro = (await api.post(facilitator, `/teams/${team.id}/retrospectives`, {}).expect(201))
      .body as RetrospectiveDto;
    const id = retro.id;
    await api
      .post(author, `/retrospectives/${id}/cards`, { column: 'start', text: 'uno' })
      .expect(201);
    await api
      .post(author, `/retrospectives/${id}/cards`, { column: 'stop', text: 'due' })
      .expect(201);
    await api.phase(facilitator, id, 'group').expect(200);
    const voting = (await api.phase(facilitator, id, 'vote').expect(200)).body as RetrospectiveDto;
    const [g1, g2] = voting.groups.map((g) => g.id);
    for (const s of Object.values(sockets))
      await waitFor(
        () =>
          s
            .retro('retro.phase_changed')
            .some((e) => JSON.stringify(e.data).includes(voting.groups[1].id)),
        10_000,
        'the vote phase',
      );
    const before = Object.fromEntries(
      Object.entries(sockets).map(([r, s]) => [r, s.frames.length]),
    );
    await api.post(author, `/retrospectives/${id}/votes`, { groupId: g1 }).expect(200);
    await api.post(author, `/retrospectives/${id}/votes`, { groupId: g1 }).expect(200);
    await api.post(readers.developer, `/retrospectives/${id}/votes`, { groupId: g2 }).expect(200);

    for (const [role, s] of Object.entries(sockets)) {
      await waitFor(() => s.retro('retro.votes_changed').length === 3, 10_000, 'vote events');
      const frames = s.frames.slice(before[role]);
      expect({ role, leaks: frames.filter((fr) => fr.includes(g1) || fr.includes(g2)) }).toEqual({
        role,
        leaks: [],
      });
      for (const event of s.retro('retro.votes_changed')) {
        expect(event.actorId).toBeNull();
        expect(Object.keys(event.data).sort()).toEqual(['retrospectiveId', 'votesCast']);
      }
    }
    for (const user of [...Object.values(readers), author]) {
      const view = (await api.get(user, `/retrospectives/${id}`).expect(200))
        .body as RetrospectiveDto;
      expect(view.groups.map((g) => g.votes)).toEqual([null, null]);
      expect(view.myVotes.votes.every((v) => v.count > 0)).toBe(true);
    }
    const mine = (await api.get(author, `/retrospectives/${id}/votes/mine`).expect(200)).body as {
      votes: { groupId: string; count: number }[];
      remaining: number;
    };
    expect(mine).toMatchObject({ votes: [{ groupId: g1, count: 2 }], remaining: 3 });

    await api.phase(facilitator, id, 'discuss').expect(200);
    for (const user of Object.values(readers)) {
      const view = (await api.get(user, `/retrospectives/${id}`).expect(200))
        .body as RetrospectiveDto;
      expect(view.groups.map((g) => [g.id, g.votes])).toEqual([
        [g1, 2],
        [g2, 1],
      ]);
    }
  });
});
