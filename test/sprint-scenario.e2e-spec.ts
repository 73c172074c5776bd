/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import { Clock } from '../src/common/clock';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/** Day n of the sprint (1 = Monday 2 March 2026), 10:00 in Rome (09:00 UTC in March). */
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 9));

describe('sprints: scenario with an injectable clock', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let now = day(0);
  let team: TestTeam;
  let sm: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    jest.spyOn(t.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
  });
  afterAll(() => t.close());

  const estimate = async (id: string, value: number) => {
    const item = await api.get(sm, `/backlog-items/${id}`).expect(200);
    await api.patch(sm, `/backlog-items/${id}`, { estimate: value }, item.body.version).expect(200);
  };

  it('plans, starts, changes scope, finishes, completes and freezes the report', async () => {
    const [a, b, c, d, e] = await api.items(sm, team, [
      'Anagrafe A',
      'Tributi B',
      'Mensa C',
      'Scuole D',
      'Protocollo E',
    ]);
    for (const [item, pts] of [
      [a, 3],
      [b, 5],
      [c, 2],
      [d, 8],
      [e, 1],
    ] as const)
      await estimate(item.id, pts);
    const wf = await api.get(sm, `/teams/${team.id}/workflow`).expect(200);
    expect(wf.body.statuses.map((s: { name: string }) => s.name)).toEqual([
      'Da fare',
      'In corso',
      'In revisione',
      'Fatto',
    ]);
    const done = wf.body.statuses[3].id as string;

    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo 1',
          goal: 'Iscrizioni',
          startDate: '2026-03-02',
          endDate: '2026-03-11',
        })
        .expect(201)
    ).body;
    await api
      .post(sm, `/sprints/${sprint.id}/items`, { ids: [a.id, b.id, c.id, d.id] })
      .expect(200);
    const plan = await api
      .put(sm, `/sprints/${sprint.id}/capacity`, {
        members: [{ userId: sm.id, daysOff: 2, focusFactor: 0.5 }],
      })
      .expect(200);
    expect(plan.body).toMatchObject({ workingDays: 8, capacityDays: 3, plannedItems: 4 });
    expect(plan.body.forecast).toMatchObject({
      plannedPoints: 18,
      sprintsUsed: 0,
      overcommitted: false,
    });

    now = new Date(Date.UTC(2026, 2, 2, 8));
    await api.post(sm, `/sprints/${sprint.id}/start`, {}).expect(200);
    now = day(2);
    await api
      .post(sm, `/teams/${team.id}/board/moves`, { itemId: a.id, statusId: done })
      .expect(200);
    now = day(3);
    await api.post(sm, `/sprints/${sprint.id}/items`, { ids: [e.id] }).expect(200);
    now = day(4);
    await estimate(b.id, 8);
    now = day(5);
    await api
      .post(sm, `/teams/${team.id}/board/moves`, { itemId: c.id, statusId: done })
      .expect(200);
    now = day(9);
    await api
      .post(sm, `/teams/${team.id}/board/moves`, { itemId: e.id, statusId: done })
      .expect(200);

    // Eight working days (2–11 March): the ideal falls 2.25 a working day, flat on 7–8 March.
    const expected = [
      [0, '2026-03-02', 18, 0, 18, 18],
      [1, '2026-03-02', 18, 0, 18, 15.75],
      [2, '2026-03-03', 18, 3, 15, 13.5],
      [3, '2026-03-04', 19, 3, 16, 11.25],
      [4, '2026-03-05', 22, 3, 19, 9],
      [5, '2026-03-06', 22, 5, 17, 6.75],
      [6, '2026-03-07', 22, 5, 17, 6.75],
      [7, '2026-03-08', 22, 5, 17, 6.75],
      [8, '2026-03-09', 22, 5, 17, 4.5],
      [9, '2026-03-10', 22, 6, 16, 2.25],
      [10, '2026-03-11', 22, 6, 16, 0],
    ].map(([dayN, date, scope, completed, remaining, ideal]) => ({
      day: dayN,
      date,
      workingDay: date !== '2026-03-07' && date !== '2026-03-08',
      scope,
      completed,
      remaining,
      ideal,
      provisional: false,
    }));
    // Live, on day 9 at 10:00: today is the state now, provisional (E's move at 10:00 in it);
    // days that have not begun have no values, only the ideal line.
    const live = await api.get(sm, `/sprints/${sprint.id}/burndown`).expect(200);
    expect(live.body).toMatchObject({ frozen: false, committed: 18 });
    expect(live.body.points).toEqual(
      expected.map((p) =>
        Number(p.day) < 9
          ? p
          : Number(p.day) === 9
            ? { ...p, provisional: true }
            : { ...p, scope: null, completed: null, remaining: null },
      ),
    );
    now = day(10);
    await api.post(sm, `/sprints/${sprint.id}/complete`, { carryOverTo: 'top' }).expect(200);

    const burndown = await api.get(sm, `/sprints/${sprint.id}/burndown`).expect(200);
    expect(burndown.body).toMatchObject({ frozen: true, committed: 18 });
    expect(burndown.body.points).toEqual(expected);
    const burnupPoints = await api.get(sm, `/sprints/${sprint.id}/burnup`).expect(200);
    expect(burnupPoints.body.points).toEqual(expected);
    const burnup = await api.get(sm, `/sprints/${sprint.id}/burnup?unit=items`).expect(200);
    expect(burnup.body).toMatchObject({ frozen: true, unit: 'items', committed: 4 });
    const completedItems = [0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3];
    const scopeItems = [4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5];
    expect(burnup.body.points).toEqual(
      expected.map((p, n) => ({
        ...p,
        completed: completedItems[n],
        scope: scopeItems[n],
        remaining: scopeItems[n] - completedItems[n],
        ideal: [4, 3.5, 3, 2.5, 2, 1.5, 1.5, 1.5, 1, 0.5, 0][n],
      })),
    );

    const report = (await api.get(sm, `/sprints/${sprint.id}/report`).expect(200)).body;
    expect(report).toMatchObject({
      frozen: true,
      committed: { items: 4, points: 18 },
      completed: { items: 3, points: 6 },
      finalScope: { items: 5, points: 22 },
      added: [{ itemId: e.id, at: day(3).toISOString(), actorId: sm.id, estimate: 1 }],
      removed: [],
      reEstimated: [
        { itemId: b.id, at: day(4).toISOString(), actorId: sm.id, from: 5, estimate: 8 },
      ],
    });
    expect(report.carriedOver.map((x: { itemId: string }) => x.itemId).sort()).toEqual(
      [b.id, d.id].sort(),
    );
    expect((await api.order(team)).slice(0, 2).sort()).toEqual(['Scuole D', 'Tributi B']);

    // Changing items afterwards leaves the frozen report as it was.
    now = day(12);
    await estimate(a.id, 13);
    await api
      .post(sm, `/teams/${team.id}/board/moves`, { itemId: d.id, statusId: done })
      .expect(200);
    await api.post(sm, `/sprints/${sprint.id}/items`, { ids: [b.id] }).expect(409);
    expect((await api.get(sm, `/sprints/${sprint.id}/burndown`).expect(200)).body).toEqual(
      burndown.body,
    );
    expect((await api.get(sm, `/sprints/${sprint.id}/report`).expect(200)).body).toEqual(report);
    const velocity = await api.get(sm, `/teams/${team.id}/velocity`).expect(200);
    expect(velocity.body.sprints).toEqual([
      { sprintId: sprint.id, name: 'Ciclo 1', committed: 18, completed: 6 },
    ]);
    const svg = await api.get(sm, `/sprints/${sprint.id}/burndown.svg`).expect(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(Buffer.isBuffer(svg.body) ? svg.body.toString('utf8') : svg.text).toContain(
      'Burndown — Sprint «Ciclo 1»',
    );
    await api.post(sm, `/sprints/${sprint.id}/complete`, { carryOverTo: 'top' }).expect(409);

    // The next planning forecasts against the velocity of the completed sprint.
    const next = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo 2',
          startDate: '2026-03-16',
          endDate: '2026-03-27',
        })
        .expect(201)
    ).body;
    await api.post(sm, `/sprints/${next.id}/items`, { ids: [b.id] }).expect(200);
    const plan2 = await api.get(sm, `/sprints/${next.id}/planning`).expect(200);
    expect(plan2.body).toMatchObject({ plannedItems: 1, workingDays: 10, capacityDays: 0 });
    expect(plan2.body.forecast).toEqual({
      sprintsUsed: 1,
      enoughHistory: false,
      mean: 6,
      min: 6,
      max: 6,
      plannedPoints: 8,
      overcommitted: true,
    });
  });

  it('kanban: no sprints, WIP refusals, warn mode, cumulative flow, cycle times', async () => {
    now = day(20);
    const k = await f.team({ process: 'kanban' });
    const u = await f.member(k, 'scrum_master');
    const noSprints = await api.post(u, `/teams/${k.id}/sprints`, { name: 'No' }).expect(409);
    expect(noSprints.body.type).toBe('urn:ritmo:problem:kanban-team');
    await api.get(u, `/teams/${k.id}/velocity`).expect(409);
    const [x, y] = await api.items(u, k, ['Pratica X', 'Pratica Y']);
    const wf = (await api.get(u, `/teams/${k.id}/workflow`).expect(200)).body;
    expect(wf.statuses.map((s: { name: string }) => s.name)).toEqual([
      'Backlog',
      'Pronto',
      'In corso',
      'Fatto',
    ]);
    const [, , doing, done] = wf.statuses;
    await api
      .patch(u, `/teams/${k.id}/workflow/statuses/${doing.id}`, { wipLimit: 1 }, doing.version)
      .expect(200);
    now = day(21);
    await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: x.id, statusId: doing.id })
      .expect(200);
    const before = await api.lastSeq(k);
    const refused = await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: y.id, statusId: doing.id })
      .expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'urn:ritmo:problem:wip-limit-reached',
      statusId: doing.id,
      wipLimit: 1,
      wipCount: 1,
    });
    expect(await api.lastSeq(k)).toBe(before);
    await api.put(u, `/teams/${k.id}/workflow`, { wipMode: 'warn' }).expect(200);
    const warned = await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: y.id, statusId: doing.id })
      .expect(200);
    expect(warned.body.wipExceeded).toBe(true);
    const moved = (await api.events(k, before)).map(({ type, data }) => ({ type, data }));
    expect(moved).toMatchObject([
      { type: 'workflow.updated', data: { wipMode: 'warn' } },
      {
        type: 'board.item_moved',
        data: {
          itemId: y.id,
          to: { statusId: doing.id },
          wipLimit: 1,
          wipCount: 2,
          wipExceeded: true,
        },
      },
    ]);
    now = day(24);
    await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: x.id, statusId: done.id })
      .expect(200);
    // Aging: since when each card is in its column (a move within a column keeps it).
    now = day(25);
    await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: y.id, statusId: doing.id })
      .expect(200);
    const board = (await api.get(u, `/teams/${k.id}/board`).expect(200)).body;
    const cards = Object.fromEntries(
      board.columns.flatMap((c: { items: { id: string }[] }) => c.items.map((i) => [i.id, i])),
    );
    expect(cards[x.id]).toMatchObject({ inColumnSince: day(24).toISOString(), labelIds: [] });
    expect(cards[y.id]).toMatchObject({ inColumnSince: day(21).toISOString(), labelIds: [] });

    const flow = (
      await api.get(u, `/teams/${k.id}/cumulative-flow?from=2026-03-21&to=2026-03-25`).expect(200)
    ).body;
    expect(
      flow.days.map((d: { counts: Record<string, number> }) => [
        d.counts[wf.statuses[0].id],
        d.counts[doing.id],
        d.counts[done.id],
      ]),
    ).toEqual([
      [2, 0, 0],
      [0, 2, 0],
      [0, 2, 0],
      [0, 2, 0],
      [0, 1, 1],
    ]);
    now = day(26);
    await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: y.id, statusId: done.id })
      .expect(200);
    const times = (await api.get(u, `/teams/${k.id}/flow-times`).expect(200)).body;
    expect(times.items).toEqual([
      {
        itemId: x.id,
        title: 'Pratica X',
        createdAt: day(20).toISOString(),
        startedAt: day(21).toISOString(),
        doneAt: day(24).toISOString(),
        doneOn: '2026-03-25',
        cycleDays: 3,
        leadDays: 4,
        // Created on Saturday 21 March, started on Sunday 22: Monday to Wednesday.
        cycleWorkingDays: 3,
        leadWorkingDays: 3,
      },
      {
        itemId: y.id,
        title: 'Pratica Y',
        createdAt: day(20).toISOString(),
        startedAt: day(21).toISOString(),
        doneAt: day(26).toISOString(),
        doneOn: '2026-03-27',
        cycleDays: 5,
        leadDays: 6,
        cycleWorkingDays: 5,
        leadWorkingDays: 5,
      },
    ]);
    expect(times.cycleTime).toEqual({ p50: 3, p85: 5, p95: 5 });
    expect(times.leadTime).toEqual({ p50: 4, p85: 6, p95: 6 });
    expect(times.leadWorkingDays).toEqual({ p50: 3, p85: 5, p95: 5 });
    now = day(30);
    const recent = (await api.get(u, `/teams/${k.id}/flow-times?sinceDays=5`).expect(200)).body;
    expect(recent.items.map((i: { itemId: string }) => i.itemId)).toEqual([y.id]);
    expect(recent.cycleTime).toEqual({ p50: 5, p85: 5, p95: 5 });
  });

  it('a subscribed socket receives board.item_moved with wipExceeded in warn mode', async () => {
    // The catch-up window is measured in real time: this test runs on the real clock.
    now = new Date();
    const k = await f.team({ process: 'kanban' });
    const u = await f.member(k, 'developer');
    const [x] = await api.items(u, k, ['Pratica Z']);
    const sm2 = await f.member(k, 'scrum_master');
    const wf = (await api.get(u, `/teams/${k.id}/workflow`).expect(200)).body;
    const doing = wf.statuses[2];
    await api
      .patch(sm2, `/teams/${k.id}/workflow/statuses/${doing.id}`, { wipLimit: 1 }, doing.version)
      .expect(200);
    await api.put(sm2, `/teams/${k.id}/workflow`, { wipMode: 'warn' }).expect(200);
    const [y] = await api.items(u, k, ['Pratica W']);
    await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: x.id, statusId: doing.id })
      .expect(200);
    const socket = await connectClient(t.url, u.token);
    expect(await socket.client.subscribe(k.id)).toMatchObject({ ok: true });
    const res = await api
      .post(u, `/teams/${k.id}/board/moves`, { itemId: y.id, statusId: doing.id })
      .expect(200);
    expect(res.body.wipExceeded).toBe(true);
    await waitFor(() => socket.events.some((ev) => ev.type === 'board.item_moved'));
    const event = socket.events.find((ev) => ev.type === 'board.item_moved');
    expect(event?.data).toMatchObject({
      itemId: y.id,
      to: { statusId: doing.id },
      wipExceeded: true,
      wipCount: 2,
    });
    socket.client.close();
  });
});
