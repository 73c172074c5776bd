import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('backlog ranking: moves, top/bottom, rebalance, integrity, concurrency', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let po: TestUser;
  let sm: TestUser;
  let dev: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    po = await f.member(team, 'product_owner');
    sm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
  });
  afterAll(async () => {
    await t.close();
  });

  const rank = (user: TestUser, body: object) =>
    api.post(user, `/teams/${team.id}/backlog-items/rank`, body);

  it('moves items together, in the given order, after or before an anchor; one event', async () => {
    const [a, b, c, d, e] = await api.items(dev, team, ['A', 'B', 'C', 'D', 'E']);
    const seq = await api.lastSeq(team);
    const res = await rank(po, { ids: [e.id, a.id], after: b.id }).expect(200);
    expect(await api.order(team)).toEqual(['B', 'E', 'A', 'C', 'D']);
    expect(res.body).toMatchObject({ rebalanced: false, eventSeq: seq + 1 });
    expect(res.body.moves).toEqual([
      { itemId: e.id, from: e.rank, to: expect.any(String) },
      { itemId: a.id, from: a.rank, to: expect.any(String) },
    ]);
    const events = await api.events(team, seq);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'backlog_item.ranked',
      actor_id: po.id,
      data: { moves: res.body.moves, after: b.id, before: null, position: null },
    });
    const [row] = await t.db.query(`SELECT rank, version FROM backlog_items WHERE id = $1`, [a.id]);
    expect(row).toEqual({ rank: res.body.moves[1].to, version: 1 });

    await rank(sm, { ids: [c.id, d.id], before: b.id }).expect(200);
    expect(await api.order(team)).toEqual(['C', 'D', 'B', 'E', 'A']);
    await rank(po, { ids: [a.id], position: 'top' }).expect(200);
    await rank(po, { ids: [c.id, d.id], position: 'bottom' }).expect(200);
    expect(await api.order(team)).toEqual(['A', 'B', 'E', 'C', 'D']);
    // Moving next to where they already are is harmless.
    await rank(po, { ids: [b.id], after: a.id }).expect(200);
    expect(await api.order(team)).toEqual(['A', 'B', 'E', 'C', 'D']);
  });

  it('rank-check proves keys unique and the order total', async () => {
    const res = await api.get(dev, `/teams/${team.id}/backlog-items/rank-check`).expect(200);
    expect(res.body).toEqual({
      total: 5,
      unique: 5,
      ordered: true,
      maxKeyLength: expect.any(Number),
    });
  });

  it('rebalances inline, as one event, when a key grows past 48 characters', async () => {
    const fresh = await f.team();
    const owner = await f.member(fresh, 'product_owner');
    const [low, high] = await api.items(owner, fresh, ['basso', 'alto']);
    const others = await api.items(owner, fresh, ['x', 'y']);
    let rebalancedAt = 0;
    // Always inserting right after `low` halves the gap each time: keys grow by ~1 char / 6 moves.
    for (let i = 0; i < 400 && rebalancedAt === 0; i++) {
      const moved = others[i % 2];
      const res = await api
        .post(owner, `/teams/${fresh.id}/backlog-items/rank`, { ids: [moved.id], after: low.id })
        .expect(200);
      if (res.body.rebalanced) rebalancedAt = res.body.eventSeq;
    }
    expect(rebalancedAt).toBeGreaterThan(0);
    const events = await api.events(fresh, rebalancedAt - 1);
    expect(events.map((e) => e.type)).toEqual(['backlog_item.ranked', 'backlog_item.rebalanced']);
    const ranks = events[1].data.ranks as { itemId: string; rank: string }[];
    expect(ranks).toHaveLength(4);
    const check = await api.get(owner, `/teams/${fresh.id}/backlog-items/rank-check`).expect(200);
    expect(check.body).toEqual({ total: 4, unique: 4, ordered: true, maxKeyLength: 2 });
    expect(ranks.map((r) => r.itemId)[0]).toBe(low.id);
    expect(ranks.map((r) => r.itemId)[3]).toBe(high.id);
  });

  it('50 concurrent PATCHes with the same If-Match: one 200, 49 × 412, nothing lost', async () => {
    const [item] = await api.items(dev, team, ['Conteso']);
    const seq = await api.lastSeq(team);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.patch(dev, `/backlog-items/${item.id}`, { title: `Versione ${i}` }, 1),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = results.find((r) => r.status === 200);
    const [row] = await t.db.query(`SELECT title, version FROM backlog_items WHERE id = $1`, [
      item.id,
    ]);
    expect(row).toEqual({ title: winner?.body.title, version: 2 });
    for (const loser of results.filter((r) => r.status === 412))
      expect(loser.body.current).toMatchObject({ title: winner?.body.title, version: 2 });
    const events = await api.events(team, seq);
    expect(events.map((e) => e.type)).toEqual(['backlog_item.updated']);
  });

  it('concurrent moves and creates never produce duplicate or crossed keys', async () => {
    const list = await api.items(
      dev,
      team,
      Array.from({ length: 20 }, (_, i) => `M${i}`),
    );
    const requests = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 3
        ? api.post(dev, `/teams/${team.id}/backlog-items`, { title: `N${i}` })
        : rank(i % 2 ? po : sm, {
            ids: [list[i % 20].id, list[(i * 7 + 3) % 20].id].filter(
              (id, k, all) => all.indexOf(id) === k,
            ),
            position: i % 3 ? 'top' : 'bottom',
          }),
    );
    const results = await Promise.all(requests);
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const check = await api.get(dev, `/teams/${team.id}/backlog-items/rank-check`).expect(200);
    expect(check.body.unique).toBe(check.body.total);
    expect(check.body.ordered).toBe(true);
  });
});
