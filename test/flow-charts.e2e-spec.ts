/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import { parse } from 'csv-parse/sync';
import { JSDOM } from 'jsdom';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { addDays, localDate } from '../src/common/dates';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/** Day n of March 2026 (1 = Sunday 1 March), 10:00 in Rome. */
const day = (n: number) => new Date(Date.UTC(2026, 2, n, 9));

function parseCsv(text: string, delimiter = ','): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = parse(text, { bom: true, delimiter });
  return rows;
}

function parseSvg(text: string) {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(text, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  expect(doc.documentElement.getAttribute('role')).toBe('img');
  return {
    title: doc.getElementsByTagName('title')[0]?.textContent,
    desc: doc.getElementsByTagName('desc')[0]?.textContent ?? '',
    texts: [...doc.getElementsByTagName('text')].map((t) => t.textContent),
  };
}

describe('cycle and lead time, aging WIP and the live burndown point', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let now: Date = day(1);
  let team: TestTeam;
  let dev: TestUser;
  let ids: Record<'a' | 'b' | 'c' | 'd', string>;

  const raw = (user: TestUser, path: string, lang = 'it') =>
    request(t.url)
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${user.token}`)
      .set('Accept-Language', lang)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => done(null, body));
      });

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    jest.spyOn(t.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    team = await f.team({ process: 'kanban' });
    dev = await f.member(team, 'developer');
    const [a, b, c, d] = await api.items(dev, team, [
      'Rimborso TARI',
      'Cambio di residenza',
      'Iscrizione mensa',
      'Permesso ZTL',
    ]);
    ids = { a: a.id, b: b.id, c: c.id, d: d.id };
    // Kanban's columns (backlog, ready, in progress, done) and a second in-progress one.
    const sm = await f.member(team, 'scrum_master');
    const review = (
      await api
        .post(sm, `/teams/${team.id}/workflow/statuses`, {
          name: 'In revisione',
          category: 'in_progress',
        })
        .expect(201)
    ).body.id as string;
    const wf = (await api.get(dev, `/teams/${team.id}/workflow`).expect(200)).body;
    const id = (category: string) =>
      wf.statuses.find((s: { category: string }) => s.category === category).id as string;
    const doing = id('in_progress');
    const done = id('done');
    const move = async (at: Date, itemId: string, statusId: string) => {
      now = at;
      await api.post(dev, `/teams/${team.id}/board/moves`, { itemId, statusId }).expect(200);
    };
    // Created Sunday 1 March (a day off). Monday 2 → Wednesday 4 for A; Tuesday 3 → Monday 9 for B.
    await move(day(2), a.id, doing);
    await move(day(3), b.id, doing);
    await move(day(4), a.id, done);
    await move(day(5), c.id, doing);
    await move(day(6), c.id, review);
    await move(day(9), b.id, done);
    await move(day(9), d.id, doing);
    now = day(10);
  });
  afterAll(() => t.close());

  it('flow-times: the day each item was done (team timezone) and its title, percentiles in working days', async () => {
    const body = (await api.get(dev, `/teams/${team.id}/flow-times`).expect(200)).body;
    expect(
      body.items.map((i: Record<string, unknown>) => [
        i.title,
        i.doneOn,
        i.cycleWorkingDays,
        i.cycleDays,
        i.leadWorkingDays,
      ]),
    ).toEqual([
      ['Rimborso TARI', '2026-03-04', 2, 2, 3],
      ['Cambio di residenza', '2026-03-09', 4, 6, 6],
    ]);
    expect(body.cycleWorkingDays).toEqual({ p50: 2, p85: 4, p95: 4 });
  });

  it('aging-wip: the items in progress now, by column, oldest first, against the cycle-time percentiles', async () => {
    const body = (await api.get(dev, `/teams/${team.id}/aging-wip`).expect(200)).body;
    expect(body.asOf).toBe('2026-03-10');
    expect(body.statuses.map((s: { name: string }) => s.name)).toEqual([
      'In corso',
      'In revisione',
    ]);
    const [doing, review] = body.statuses.map((s: { id: string }) => s.id);
    expect(body.items).toEqual([
      {
        itemId: ids.c,
        title: 'Iscrizione mensa',
        statusId: review,
        startedAt: day(5).toISOString(),
        ageDays: 5,
        // Friday 6, Monday 9, Tuesday 10: the weekend is not counted.
        ageWorkingDays: 3,
      },
      {
        itemId: ids.d,
        title: 'Permesso ZTL',
        statusId: doing,
        startedAt: day(9).toISOString(),
        ageDays: 1,
        ageWorkingDays: 1,
      },
    ]);
    expect(body.finished).toBe(2);
    expect(body.cycleWorkingDays).toEqual({ p50: 2, p85: 4, p95: 4 });
    // The same items the rows say are in progress.
    const rows: { id: string }[] = await t.db.query(
      `SELECT id FROM backlog_items WHERE team_id = $1 AND status = 'in_progress' ORDER BY title`,
      [team.id],
    );
    expect(rows.map((r) => r.id)).toEqual([ids.c, ids.d]);
  });

  it('CSV equals the JSON row for row, in both delimiters; the SVGs parse and carry their data', async () => {
    const flow = (await api.get(dev, `/teams/${team.id}/flow-times`).expect(200)).body;
    for (const [kind, working, calendar] of [
      ['cycle-time', 'cycleWorkingDays', 'cycleDays'],
      ['lead-time', 'leadWorkingDays', 'leadDays'],
    ] as const) {
      for (const [q, delimiter] of [
        ['', ','],
        ['?delimiter=semicolon', ';'],
      ] as const) {
        const res = await raw(dev, `/teams/${team.id}/${kind}.csv${q}`).expect(200);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${kind}.csv"`);
        const [header, ...rows] = parseCsv(res.body as string, delimiter);
        expect(header).toEqual([
          'Storia',
          'Data di conclusione',
          'Giorni lavorativi',
          'Giorni di calendario',
        ]);
        expect(rows).toEqual(
          flow.items.map((i: Record<string, number | string>) => [
            i.title,
            i.doneOn,
            String(i[working]),
            String(i[calendar]),
          ]),
        );
      }
    }
    const cycle = parseSvg((await raw(dev, `/teams/${team.id}/cycle-time.svg`).expect(200)).body);
    expect(cycle.title).toBe('Tempo di ciclo');
    expect(cycle.desc).toBe(
      "Completamenti dal 4 mar al 9 mar: 2. Tempo di ciclo, dal primo giorno in lavorazione alla conclusione, in giorni lavorativi: il 50% entro 2, l'85% entro 4, il 95% entro 4.",
    );
    expect(cycle.texts).toEqual(expect.arrayContaining(['4 mar', '9 mar', '50%: 2', '85%: 4']));
    const lead = parseSvg(
      (await raw(dev, `/teams/${team.id}/lead-time.svg`, 'en').expect(200)).body,
    );
    expect(lead.title).toBe('Lead time');
    expect(lead.desc).toContain('50% within 3, 85% within 6, 95% within 6');

    const aging = (await api.get(dev, `/teams/${team.id}/aging-wip`).expect(200)).body;
    const names = new Map(aging.statuses.map((s: { id: string; name: string }) => [s.id, s.name]));
    const [header, ...rows] = parseCsv(
      (await raw(dev, `/teams/${team.id}/aging-wip.csv`, 'en').expect(200)).body,
    );
    expect(header).toEqual(['Story', 'Column', 'Working days', 'Calendar days']);
    expect(rows).toEqual(
      aging.items.map((i: Record<string, number | string>) => [
        i.title,
        names.get(i.statusId),
        String(i.ageWorkingDays),
        String(i.ageDays),
      ]),
    );
    const svg = parseSvg((await raw(dev, `/teams/${team.id}/aging-wip.svg`).expect(200)).body);
    expect(svg.title).toBe('Lavoro in corso per età');
    expect(svg.desc).toBe(
      "In lavorazione: 2. Da più tempo in corso: «Iscrizione mensa», 3 giorni lavorativi. Oltre l'85° percentile del tempo di ciclo (4 giorni lavorativi): 0.",
    );
    expect(svg.texts).toEqual(expect.arrayContaining(['In corso', 'In revisione', '85%: 4']));
  });

  it('refuses a bad window or delimiter naming the field, and hides the team from others', async () => {
    const bad = await raw(dev, `/teams/${team.id}/aging-wip?sinceDays=0`, 'en').expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(bad.body).errors).toEqual([expect.objectContaining({ field: 'sinceDays' })]);
    const delim = await raw(dev, `/teams/${team.id}/cycle-time.csv?delimiter=tab`).expect(400);
    expect(JSON.parse(delim.body).errors[0].field).toBe('delimiter');
    const other = await f.member(await f.team(), 'scrum_master');
    for (const path of ['aging-wip', 'aging-wip.svg', 'cycle-time.csv', 'lead-time.svg']) {
      const res = await raw(other, `/teams/${team.id}/${path}`).expect(404);
      expect(res.body).not.toContain('mensa');
    }
  });

  it("the active sprint's burndown has today's point, provisional, and it follows a move at once", async () => {
    // The catch-up window is measured in real time: this test runs on the real clock.
    now = new Date();
    const scrum = await f.team();
    const sm = await f.member(scrum, 'scrum_master');
    const [x, y] = await api.items(sm, scrum, ['Albo pretorio', 'Protocollo']);
    for (const [item, pts] of [
      [x, 3],
      [y, 5],
    ] as const) {
      const got = await api.get(sm, `/backlog-items/${item.id}`).expect(200);
      await api.patch(sm, `/backlog-items/${item.id}`, { estimate: pts }, got.body.version);
    }
    const today = localDate(now, 'Europe/Rome');
    const sprint = (
      await api
        .post(sm, `/teams/${scrum.id}/sprints`, {
          name: 'Ciclo dal vivo',
          startDate: today,
          endDate: addDays(today, 13),
        })
        .expect(201)
    ).body;
    await api.post(sm, `/sprints/${sprint.id}/items`, { ids: [x.id, y.id] }).expect(200);
    await api.post(sm, `/sprints/${sprint.id}/start`, {}).expect(200);
    const before = (await api.get(sm, `/sprints/${sprint.id}/burndown`).expect(200)).body;
    expect(before.points[1]).toMatchObject({ date: today, remaining: 8, provisional: true });
    expect(before.points.filter((p: { provisional: boolean }) => p.provisional)).toHaveLength(1);
    expect(before.points[2]).toMatchObject({ remaining: null, provisional: false });

    const socket = await connectClient(t.url, sm.token);
    expect(await socket.client.subscribe(scrum.id)).toMatchObject({ ok: true });
    const wf = (await api.get(sm, `/teams/${scrum.id}/workflow`).expect(200)).body;
    const done = wf.statuses.find((s: { category: string }) => s.category === 'done');
    await api
      .post(sm, `/teams/${scrum.id}/board/moves`, { itemId: x.id, statusId: done.id })
      .expect(200);
    await waitFor(() => socket.events.some((e) => e.type === 'board.item_moved'));
    expect(socket.events.find((e) => e.type === 'board.item_moved')?.data).toMatchObject({
      itemId: x.id,
      to: { statusId: done.id },
    });
    socket.client.close();
    const [row]: { status: string }[] = await t.db.query(
      `SELECT status FROM backlog_items WHERE id = $1`,
      [x.id],
    );
    expect(row.status).toBe('done');
    const after = (await api.get(sm, `/sprints/${sprint.id}/burndown`).expect(200)).body;
    expect(after.points[1]).toMatchObject({
      date: today,
      remaining: 5,
      completed: 3,
      provisional: true,
    });
    // The table beside the chart says which point is provisional.
    const [header, ...rows] = parseCsv(
      (await raw(sm, `/sprints/${sprint.id}/burndown.csv`).expect(200)).body,
    );
    expect(header.at(-1)).toBe('Provvisorio');
    expect(rows.map((r) => r.at(-1))).toEqual(
      after.points.map((p: { provisional: boolean }) => (p.provisional ? 'sì' : 'no')),
    );
    const svg = parseSvg((await raw(sm, `/sprints/${sprint.id}/burndown.svg`).expect(200)).body);
    expect(svg.desc).toContain('ne restano 5');
    expect(svg.desc).toContain('Il punto di oggi è provvisorio');
  });
});
