/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam } from './support/factories';
import { connectClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Closing a sprint with a destination per unfinished item: one request, one transaction, one
 * sprint.completed event naming every destination; bad entries are 400s that write nothing.
 */
describe('sprints: complete with per-item destinations', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
  });
  afterAll(() => t.close());

  /** A team with an active sprint of the given items (the first `done` of them finished). */
  async function activeSprint(titles: string[], done: number) {
    const team = await f.team();
    const sm = await f.member(team, 'scrum_master');
    const items = await api.items(sm, team, ['Backlog uno', ...titles, 'Backlog due']);
    const inSprint = items.slice(1, -1);
    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo 1',
          startDate: '2026-03-02',
          endDate: '2026-03-13',
        })
        .expect(201)
    ).body;
    await api
      .post(sm, `/sprints/${sprint.id}/items`, { ids: inSprint.map((i) => i.id) })
      .expect(200);
    const planned = async (name: string) =>
      (await api.post(sm, `/teams/${team.id}/sprints`, { name }).expect(201)).body as {
        id: string;
      };
    const next = await planned('Ciclo 2');
    const later = await planned('Ciclo 3');
    await api.post(sm, `/sprints/${sprint.id}/start`, {}).expect(200);
    const wf = await api.get(sm, `/teams/${team.id}/workflow`).expect(200);
    const doneStatus = wf.body.statuses[3].id as string;
    for (const item of inSprint.slice(0, done))
      await api
        .post(sm, `/teams/${team.id}/board/moves`, { itemId: item.id, statusId: doneStatus })
        .expect(200);
    return { team, sm, sprint, next, later, items: inSprint };
  }

  const sprintOf = async (team: TestTeam) => {
    const rows: { title: string; sprint_id: string | null }[] = await t.db.query(
      `SELECT title, sprint_id FROM backlog_items WHERE team_id = $1 ORDER BY title`,
      [team.id],
    );
    return Object.fromEntries(rows.map((r) => [r.title, r.sprint_id]));
  };

  it('sends each item where asked in one transaction and one event, counted as carried over', async () => {
    const { team, sm, sprint, next, later, items } = await activeSprint(
      ['Fatto A', 'Tributi B', 'Mensa C', 'Scuole D', 'Anagrafe E', 'Protocollo F'],
      1,
    );
    const [a, b, c, d, e, fItem] = items;
    const socket = await connectClient(t.url, sm.token);
    expect(await socket.client.subscribe(team.id)).toMatchObject({ ok: true });
    const before = await api.lastSeq(team);

    // Default: the next planned sprint; C and E to the top, D to the bottom, F to Ciclo 3.
    const res = await api
      .post(sm, `/sprints/${sprint.id}/complete`, {
        carryOverTo: 'sprint',
        nextSprintId: next.id,
        items: [
          { itemId: e.id, to: 'top' },
          { itemId: d.id, to: 'bottom' },
          { itemId: c.id.toUpperCase(), to: 'top' },
          { itemId: fItem.id, to: 'sprint', sprintId: later.id },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({ id: sprint.id, state: 'completed' });

    expect(await sprintOf(team)).toEqual({
      'Anagrafe E': null,
      'Backlog due': null,
      'Backlog uno': null,
      'Fatto A': sprint.id,
      'Mensa C': null,
      'Protocollo F': later.id,
      'Scuole D': null,
      'Tributi B': next.id,
    });
    // The top ones keep their order in the sprint (C before E), before the whole backlog;
    // D after everything. The items that went to sprints keep their rank.
    const order = await api.order(team);
    expect(order.slice(0, 2)).toEqual(['Mensa C', 'Anagrafe E']);
    expect(order[order.length - 1]).toBe('Scuole D');
    expect(order.indexOf('Backlog uno')).toBeLessThan(order.indexOf('Backlog due'));

    // One event, committed with everything: destinations with the new ranks.
    const logged = await api.events(team, before);
    expect(logged.map((ev) => ev.type)).toEqual(['sprint.completed']);
    const ranks: { id: string; rank: string }[] = await t.db.query(
      `SELECT id, rank FROM backlog_items WHERE team_id = $1`,
      [team.id],
    );
    const rankOf = (id: string) => ranks.find((r) => r.id === id)!.rank;
    const destinations = [
      { itemId: b.id, to: 'sprint', sprintId: next.id, rank: null },
      { itemId: c.id, to: 'top', sprintId: null, rank: rankOf(c.id) },
      { itemId: d.id, to: 'bottom', sprintId: null, rank: rankOf(d.id) },
      { itemId: e.id, to: 'top', sprintId: null, rank: rankOf(e.id) },
      { itemId: fItem.id, to: 'sprint', sprintId: later.id, rank: null },
    ];
    expect(logged[0].data).toMatchObject({
      carryTo: 'sprint',
      nextSprintId: next.id,
      destinations,
    });
    expect(logged[0].data.carriedOver.map((x: { itemId: string }) => x.itemId)).toEqual(
      [b, c, d, e, fItem].map((i) => i.id),
    );
    await waitFor(() => socket.events.some((ev) => ev.type === 'sprint.completed'));
    const got = socket.events.filter((ev) => ev.seq > before);
    expect(got.map((ev) => ev.type)).toEqual(['sprint.completed']);
    expect(got[0].data).toMatchObject({ destinations });

    // The frozen report counts every one as carried over, wherever it went.
    const report = (await api.get(sm, `/sprints/${sprint.id}/report`).expect(200)).body;
    expect(report).toMatchObject({ frozen: true, completed: { items: 1 } });
    expect(report.carriedOver.map((x: { itemId: string }) => x.itemId).sort()).toEqual(
      [b, c, d, e, fItem].map((i) => i.id).sort(),
    );
    expect(report.carriedOver.map((x: { itemId: string }) => x.itemId)).not.toContain(a.id);
    // The planned sprints see what arrived.
    const nextItems = await api.get(sm, `/sprints/${next.id}/planning`).expect(200);
    expect(nextItems.body.itemIds).toEqual([b.id]);
    const laterItems = await api.get(sm, `/sprints/${later.id}/planning`).expect(200);
    expect(laterItems.body.itemIds).toEqual([fItem.id]);
    socket.client.close();
  });

  it('keeps the old form: all to the bottom, one event', async () => {
    const { team, sm, sprint, items } = await activeSprint(['Uno', 'Due'], 0);
    const before = await api.lastSeq(team);
    await api.post(sm, `/sprints/${sprint.id}/complete`, { carryOverTo: 'bottom' }).expect(200);
    expect((await api.order(team)).slice(-2)).toEqual(['Uno', 'Due']);
    const logged = await api.events(team, before);
    expect(logged.map((ev) => ev.type)).toEqual(['sprint.completed']);
    expect(logged[0].data.destinations).toMatchObject(
      items.map((i) => ({ itemId: i.id, to: 'bottom', sprintId: null })),
    );
  });

  it('refuses bad entries with a 400 naming the field, writing nothing', async () => {
    const { team, sm, sprint, next, items } = await activeSprint(['Fatto', 'Aperto', 'Altro'], 1);
    const [doneItem, open, other] = items;
    const otherTeam = await activeSprint(['Estraneo'], 0);
    const outsider = otherTeam.items[0];
    const rows = async (): Promise<unknown[]> =>
      t.db.query(
        `SELECT id, sprint_id, rank, version FROM backlog_items WHERE team_id = $1 ORDER BY id`,
        [team.id],
      );
    const snapshot = await rows();
    const seq = await api.lastSeq(team);
    const cases: [unknown[], string[]][] = [
      [[{ itemId: doneItem.id, to: 'top' }], ['items.0.itemId']],
      [[{ itemId: outsider.id, to: 'top' }], ['items.0.itemId']],
      [
        [
          { itemId: open.id, to: 'top' },
          { itemId: open.id.toUpperCase(), to: 'bottom' },
        ],
        ['items.1.itemId'],
      ],
      [[{ itemId: open.id, to: 'sprint' }], ['items.0.sprintId']],
      [[{ itemId: open.id, to: 'top', sprintId: next.id }], ['items.0.sprintId']],
      [[{ itemId: open.id, to: 'sprint', sprintId: sprint.id }], ['items.0.sprintId']],
      [[{ itemId: open.id, to: 'sprint', sprintId: otherTeam.next.id }], ['items.0.sprintId']],
      [
        [
          { itemId: other.id, to: 'top' },
          { itemId: open.id, to: 'sideways' },
        ],
        ['items.1.to'],
      ],
      [[{ itemId: 'not-a-uuid', to: 'top' }], ['items.0.itemId']],
      [[{ itemId: open.id, to: 'top', extra: 1 }], ['items.0.extra']],
    ];
    for (const [entries, fields] of cases) {
      const res = await api
        .post(sm, `/sprints/${sprint.id}/complete`, { carryOverTo: 'top', items: entries })
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res.body)).toEqual(fields);
    }
    expect(await api.lastSeq(team)).toBe(seq);
    expect(await rows()).toEqual(snapshot);
    const still = await api.get(sm, `/sprints/${sprint.id}`).expect(200);
    expect(still.body.state).toBe('active');

    // A completed sprint is not completed again, whatever the items say.
    await api
      .post(sm, `/sprints/${sprint.id}/complete`, {
        carryOverTo: 'top',
        items: [{ itemId: open.id, to: 'sprint', sprintId: next.id }],
      })
      .expect(200);
    await api
      .post(sm, `/sprints/${sprint.id}/complete`, {
        carryOverTo: 'top',
        items: [{ itemId: open.id, to: 'bottom' }],
      })
      .expect(409);
  });
});
