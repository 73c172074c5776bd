import { randomUUID } from 'node:crypto';
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Res = { status: number; body: any; headers: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Every bad input of issue 6 (and the ones found on the way): a problem+json with a stable type,
 * a detail that names the problem, and nothing written — no row changed, no event appended.
 */
describe('sprints: bad input is refused and writes nothing', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let other: TestTeam;
  let kanban: TestTeam;
  let sm: TestUser;
  let dev: TestUser;
  let active: { id: string; name: string };
  let planned: { id: string; version: number };
  let later: { id: string; version: number };
  let undated: string;
  let inActive: string;
  let inPlanned: string;
  let free: string[];
  let otherItem: string;
  let otherStatus: string;
  let statuses: { id: string; name: string; category: string; version: number }[];

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    other = await f.team();
    kanban = await f.team({ process: 'kanban' });
    sm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
    await f.member(other, 'scrum_master', sm);
    await f.member(kanban, 'scrum_master', sm);

    const sprint = (body: object) =>
      api.post(sm, `/teams/${team.id}/sprints`, body).expect(201) as Promise<{ body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const a = await sprint({
      name: 'Ciclo attivo',
      startDate: '2026-03-02',
      endDate: '2026-03-13',
    });
    const b = await sprint({ name: 'Ciclo 2', startDate: '2026-03-16', endDate: '2026-03-27' });
    const c = await sprint({ name: 'Ciclo 3', startDate: '2026-03-30', endDate: '2026-04-10' });
    const d = await sprint({ name: 'Senza fine', startDate: '2026-04-13' });
    active = { id: a.body.id, name: a.body.name };
    planned = { id: b.body.id, version: b.body.version };
    later = { id: c.body.id, version: c.body.version };
    undated = d.body.id;

    const items = await api.items(sm, team, [
      'Anagrafe',
      'Tributi',
      'Mensa',
      'Scuole',
      'Protocollo',
    ]);
    [inActive, inPlanned] = items.map((i) => i.id);
    free = items.slice(2).map((i) => i.id);
    await api.post(sm, `/sprints/${active.id}/items`, { ids: [inActive] }).expect(200);
    await api.post(sm, `/sprints/${later.id}/items`, { ids: [inPlanned] }).expect(200);
    await api.post(sm, `/sprints/${active.id}/start`, {}).expect(200);
    statuses = (await api.get(sm, `/teams/${team.id}/workflow`).expect(200)).body.statuses;

    [otherItem] = (await api.items(sm, other, ['Altro ufficio'])).map((i) => i.id);
    otherStatus = (await api.get(sm, `/teams/${other.id}/workflow`).expect(200)).body.statuses[1]
      .id;
  });
  afterAll(() => t.close());

  /** Every row the sprint module writes, and every team's event counter. */
  async function state() {
    return Promise.all([
      t.db.query(
        `SELECT id, name, goal, state, version, to_char(start_date, 'YYYY-MM-DD') AS s,
                to_char(end_date, 'YYYY-MM-DD') AS e, report IS NOT NULL AS frozen
           FROM sprints ORDER BY id`,
      ),
      t.db.query(`SELECT * FROM sprint_capacity ORDER BY sprint_id, user_id`),
      t.db.query(
        `SELECT id, sprint_id, status_id, status, rank, version FROM backlog_items ORDER BY id`,
      ),
      t.db.query(
        `SELECT id, name, category, position, wip_limit, version FROM workflow_statuses ORDER BY id`,
      ),
      t.db.query(`SELECT id, event_seq, wip_mode FROM teams ORDER BY id`),
      t.db.query(`SELECT count(*)::int AS n FROM events`),
    ]);
  }

  async function expectRefused(
    send: () => PromiseLike<Res>,
    status: number,
    code: string,
    detail: string | RegExp,
    field?: string,
  ): Promise<Res> {
    const before = await state();
    const res = await send();
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { type: `urn:ritmo:problem:${code}`, status },
    });
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(detail);
    if (field) expect(fieldsOf(res.body)).toContain(field);
    expect(await state()).toEqual(before);
    return res;
  }

  const createSprint = (body: object, teamId = team.id) =>
    api.post(sm, `/teams/${teamId}/sprints`, body);
  const patchSprint = (id: string, body: object, version: number) =>
    api.patch(sm, `/sprints/${id}`, body, version);
  const addItems = (id: string, body: object) => api.post(sm, `/sprints/${id}/items`, body);
  const move = (body: object) => api.post(dev, `/teams/${team.id}/board/moves`, body);
  const capacity = (members: object[]) =>
    api.put(sm, `/sprints/${planned.id}/capacity`, { members });

  it('starting a sprint while another is active', async () => {
    const res = await expectRefused(
      () => api.post(sm, `/sprints/${planned.id}/start`, {}),
      409,
      'sprint-already-active',
      /Ciclo attivo is still active/,
    );
    expect(res.body.activeSprintId).toBe(active.id);
  });

  it('starting a sprint with no end date (or no dates at all)', async () => {
    await expectRefused(
      () => api.post(sm, `/sprints/${undated}/start`, {}),
      400,
      'validation-failed',
      'endDate: is required to start',
      'endDate',
    );
    const bare = (await createSprint({ name: 'Senza date' }).expect(201)).body;
    const res = await expectRefused(
      () => api.post(sm, `/sprints/${bare.id}/start`, {}),
      400,
      'validation-failed',
      /startDate, endDate/,
    );
    expect(fieldsOf(res.body)).toEqual(['startDate', 'endDate']);
  });

  it('an end date before the start date, on create and on update', async () => {
    await expectRefused(
      () => createSprint({ name: 'Al contrario', startDate: '2026-05-10', endDate: '2026-05-01' }),
      400,
      'validation-failed',
      'endDate: is before startDate',
      'endDate',
    );
    await expectRefused(
      () => patchSprint(planned.id, { endDate: '2026-03-01' }, planned.version),
      400,
      'validation-failed',
      'endDate: is before startDate',
      'endDate',
    );
    await expectRefused(
      () => patchSprint(planned.id, { startDate: '2026-04-01' }, planned.version),
      400,
      'validation-failed',
      'endDate: is before startDate',
      'endDate',
    );
    await expectRefused(
      () => patchSprint(active.id, { endDate: null }, 2),
      400,
      'validation-failed',
      'endDate: an active sprint keeps its dates',
      'endDate',
    );
  });

  it('dates that are not plain calendar dates, or a sprint longer than a year', async () => {
    for (const startDate of ['2026-W10-1', '2026-02-30', '0001-01-01', '2026-03-02T00:00'])
      await expectRefused(
        () => createSprint({ name: 'Data strana', startDate }),
        400,
        'validation-failed',
        /startDate: /,
        'startDate',
      );
    await expectRefused(
      () => createSprint({ name: 'Lunghissimo', startDate: '2026-01-01', endDate: '2027-01-02' }),
      400,
      'validation-failed',
      'endDate: a sprint lasts at most 366 days',
      'endDate',
    );
  });

  it('adding items of another team, unknown items, or an anchor outside the sprint', async () => {
    await expectRefused(
      () => addItems(planned.id, { ids: [free[0], otherItem] }),
      400,
      'validation-failed',
      'ids.1: is not an item of this team',
      'ids.1',
    );
    await expectRefused(
      () => addItems(planned.id, { ids: [randomUUID()] }),
      400,
      'validation-failed',
      'ids.0: is not an item of this team',
    );
    await expectRefused(
      () => addItems(planned.id, { ids: [free[0]], after: otherItem }),
      400,
      'validation-failed',
      'after: is not another item of this sprint',
      'after',
    );
    await expectRefused(
      () => addItems(planned.id, { ids: [free[0]], before: free[1], after: free[2] }),
      400,
      'validation-failed',
      'before: give before or after, not both',
    );
  });

  it('adding items already in another active (or planned) sprint', async () => {
    const res = await expectRefused(
      () => addItems(planned.id, { ids: [free[0], inActive] }),
      409,
      'item-in-active-sprint',
      /already in another sprint/,
    );
    expect(res.body.itemIds).toEqual([inActive]);
    await expectRefused(
      () => addItems(planned.id, { ids: [inPlanned] }),
      409,
      'item-in-other-sprint',
      /already in another sprint/,
    );
  });

  it('a board move to a column of another team, or of an item of another team', async () => {
    await expectRefused(
      () => move({ itemId: free[0], statusId: otherStatus }),
      400,
      'validation-failed',
      'statusId: is not a column of this team',
      'statusId',
    );
    await expectRefused(
      () => move({ itemId: otherItem, statusId: statuses[1].id }),
      400,
      'validation-failed',
      'itemId: is not an item of this team',
      'itemId',
    );
    await expectRefused(
      () => move({ itemId: free[0], statusId: statuses[1].id, after: free[0] }),
      400,
      'validation-failed',
      'after: is the item being moved',
    );
    await expectRefused(
      () => move({ itemId: free[0], statusId: statuses[1].id, before: inActive }),
      400,
      'validation-failed',
      'before: is not a card of that column',
    );
  });

  it('negative capacity, a focus factor out of range, a stranger or a member twice', async () => {
    await expectRefused(
      () => capacity([{ userId: sm.id, daysOff: -1, focusFactor: 0.8 }]),
      400,
      'validation-failed',
      /members\.0\.daysOff/,
      'members.0.daysOff',
    );
    for (const focusFactor of [-0.1, 1.5])
      await expectRefused(
        () => capacity([{ userId: sm.id, daysOff: 0, focusFactor }]),
        400,
        'validation-failed',
        /members\.0\.focusFactor/,
        'members.0.focusFactor',
      );
    await expectRefused(
      () => capacity([{ userId: sm.id, daysOff: '2', focusFactor: 0.8 }]),
      400,
      'validation-failed',
      /members\.0\.daysOff/,
    );
    await expectRefused(
      () => capacity([{ userId: other.admin.id, daysOff: 0, focusFactor: 1 }]),
      400,
      'validation-failed',
      'members.0.userId: is not a member of this team',
    );
    await expectRefused(
      () =>
        capacity([
          { userId: sm.id, daysOff: 0, focusFactor: 1 },
          { userId: sm.id, daysOff: 1, focusFactor: 1 },
        ]),
      400,
      'validation-failed',
      'members: lists a member twice',
    );
  });

  it('completing a sprint twice, or one that never started', async () => {
    const k = await new Factory(t).team();
    const u = await new Factory(t).member(k, 'scrum_master');
    const s = (
      await api
        .post(u, `/teams/${k.id}/sprints`, {
          name: 'Breve',
          startDate: '2026-03-02',
          endDate: '2026-03-06',
        })
        .expect(201)
    ).body;
    await expectRefused(
      () => api.post(u, `/sprints/${s.id}/complete`, { carryOverTo: 'top' }),
      409,
      'sprint-not-active',
      'The sprint is planned',
    );
    await api.post(u, `/sprints/${s.id}/start`, {}).expect(200);
    await expectRefused(
      () => api.post(u, `/sprints/${s.id}/complete`, { carryOverTo: 'sprint' }),
      409,
      'no-planned-sprint',
      /no planned sprint/,
    );
    await api.post(u, `/sprints/${s.id}/complete`, { carryOverTo: 'top' }).expect(200);
    await expectRefused(
      () => api.post(u, `/sprints/${s.id}/complete`, { carryOverTo: 'top' }),
      409,
      'sprint-already-completed',
      'The sprint is completed',
    );
    await expectRefused(
      () => api.post(u, `/sprints/${s.id}/start`, {}),
      409,
      'sprint-not-planned',
      'The sprint is completed',
    );
    await expectRefused(
      () => api.patch(u, `/sprints/${s.id}`, { name: 'Dopo' }, 4),
      409,
      'sprint-completed',
      'A completed sprint is frozen',
    );
  });

  it('completion options that do not fit together', async () => {
    await expectRefused(
      () =>
        api.post(sm, `/sprints/${active.id}/complete`, {
          carryOverTo: 'top',
          nextSprintId: planned.id,
        }),
      400,
      'validation-failed',
      'nextSprintId: only with carryOverTo=sprint',
    );
    await expectRefused(
      () =>
        api.post(sm, `/sprints/${active.id}/complete`, {
          carryOverTo: 'sprint',
          nextSprintId: active.id,
        }),
      400,
      'validation-failed',
      'nextSprintId: is not a planned sprint of this team',
    );
  });

  it('sprints of a Kanban team', async () => {
    await expectRefused(
      () => createSprint({ name: 'Kanban' }, kanban.id),
      409,
      'kanban-team',
      /Kanban teams have no sprints/,
    );
  });

  it('the workflow: WIP limit 0, a taken name, the last column of a category, a column in use', async () => {
    const base = `/teams/${team.id}/workflow/statuses`;
    await expectRefused(
      () => api.post(sm, base, { name: 'Zero', category: 'todo', wipLimit: 0 }),
      400,
      'validation-failed',
      /wipLimit/,
      'wipLimit',
    );
    await expectRefused(
      () => api.post(sm, base, { name: 'in corso', category: 'in_progress' }),
      409,
      'status-name-taken',
      /already has a column named in corso/,
    );
    const done = statuses.find((s) => s.category === 'done')!;
    await expectRefused(
      () => api.delete(sm, `${base}/${done.id}`, done.version),
      409,
      'last-column-of-category',
      'The workflow needs at least one done column',
    );
    const todo = statuses[0];
    await api
      .post(sm, base, { name: 'In attesa', category: 'todo' })
      .expect(201)
      .then(async () => {
        await expectRefused(
          () => api.delete(sm, `${base}/${todo.id}`, todo.version),
          409,
          'status-in-use',
          /items are in this column: say where they go/,
        );
        await expectRefused(
          () => api.delete(sm, `${base}/${todo.id}?moveItemsTo=${otherStatus}`, todo.version),
          400,
          'validation-failed',
          'moveItemsTo: is not another column of this team',
        );
      });
  });

  it('reports: cumulative flow with a range backwards, too long or not plain dates', async () => {
    const cfd = (q: string) => api.get(sm, `/teams/${team.id}/cumulative-flow?${q}`);
    await expectRefused(
      () => cfd('from=2026-03-10&to=2026-03-01'),
      400,
      'validation-failed',
      'from: is after to',
      'from',
    );
    await expectRefused(
      () => cfd('from=2025-01-01&to=2026-03-01'),
      400,
      'validation-failed',
      'to: at most 366 days after from',
      'to',
    );
    for (const q of ['from=2026-03-01T10:00:00Z&to=2026-03-10', 'from=2026-W10&to=2026-03-10'])
      await expectRefused(() => cfd(q), 400, 'validation-failed', /from: /, 'from');
    await expectRefused(
      () => api.get(sm, `/sprints/${planned.id}/burndown`),
      409,
      'sprint-not-started',
      /has not started/,
    );
  });
});
