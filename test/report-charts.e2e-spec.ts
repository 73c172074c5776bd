/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- supertest bodies are any; the assertions check their shape */
import { parse } from 'csv-parse/sync';
import { JSDOM } from 'jsdom';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Day n of the sprint (1 = Monday 2 March 2026), 10:00 in Rome. */
const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 9));

/** As a spreadsheet reads it: the byte-order mark first, then RFC 4180 rows. */
function parseCsv(text: string, delimiter = ','): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = parse(text, { bom: true, delimiter });
  return rows;
}

const num = (cell: string) => (cell === '' ? null : Number(cell));

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

describe('report charts: SVG and CSV beside every JSON report', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let now = day(0);
  let team: TestTeam;
  let sm: TestUser;
  let sprintId: string;

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
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    const [a, b, c] = await api.items(sm, team, ['Anagrafe A', 'Tributi B', 'Mensa C']);
    for (const [item, pts] of [
      [a, 3],
      [b, 5],
      [c, 2],
    ] as const) {
      const got = await api.get(sm, `/backlog-items/${item.id}`).expect(200);
      await api.patch(sm, `/backlog-items/${item.id}`, { estimate: pts }, got.body.version);
    }
    const wf = await api.get(sm, `/teams/${team.id}/workflow`).expect(200);
    const done = wf.body.statuses[3].id as string;
    const sprint = await api
      .post(sm, `/teams/${team.id}/sprints`, {
        name: 'Ciclo "=1"',
        startDate: '2026-03-02',
        endDate: '2026-03-11',
      })
      .expect(201);
    sprintId = sprint.body.id;
    await api.post(sm, `/sprints/${sprintId}/items`, { ids: [a.id, b.id] }).expect(200);
    now = new Date(Date.UTC(2026, 2, 2, 8));
    await api.post(sm, `/sprints/${sprintId}/start`, {}).expect(200);
    now = day(2);
    await api.post(sm, `/teams/${team.id}/board/moves`, { itemId: a.id, statusId: done });
    now = day(3);
    await api.post(sm, `/sprints/${sprintId}/items`, { ids: [c.id] }).expect(200);
    // Closed early, on Friday 6 March: the chart ends there, not at the planned 11 March.
    now = day(5);
    await api.post(sm, `/sprints/${sprintId}/complete`, { carryOverTo: 'top' }).expect(200);
  });
  afterAll(() => t.close());

  it('burndown and burnup: the CSV equals the JSON point for point, in both delimiters', async () => {
    const json = (await api.get(sm, `/sprints/${sprintId}/burndown`).expect(200)).body;
    expect(json.points.map((p: { date: string }) => p.date).at(-1)).toBe('2026-03-06');
    for (const [path, delimiter] of [
      ['burndown.csv', ','],
      ['burnup.csv', ','],
      ['burndown.csv?delimiter=semicolon', ';'],
    ] as const) {
      const res = await raw(sm, `/sprints/${sprintId}/${path}`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="burn(down|up)\.csv"$/,
      );
      const [header, ...rows] = parseCsv(res.body as string, delimiter);
      expect(header).toEqual([
        'Giorno',
        'Data',
        'Giorno lavorativo',
        'Rimanente',
        'Completato',
        'Ambito',
        'Ideale',
        'Provvisorio',
      ]);
      expect(
        rows.map(([d, date, working, remaining, completed, scope, ideal, provisional]) => ({
          day: Number(d),
          date,
          workingDay: working === 'sì',
          remaining: num(remaining),
          completed: num(completed),
          scope: num(scope),
          ideal: Number(ideal),
          provisional: provisional === 'sì',
        })),
      ).toEqual(json.points);
    }
    const en = await raw(sm, `/sprints/${sprintId}/burndown.csv?unit=items`, 'en').expect(200);
    const items = (await api.get(sm, `/sprints/${sprintId}/burndown?unit=items`).expect(200)).body;
    const [enHeader, ...enRows] = parseCsv(en.body as string);
    expect(enHeader[0]).toBe('Day');
    expect(enRows.map((r) => num(r[3]))).toEqual(
      items.points.map((p: { remaining: number }) => p.remaining),
    );
  });

  it('burndown SVG: parses, named after the sprint, its data and a description in it', async () => {
    const res = await raw(sm, `/sprints/${sprintId}/burndown.svg`).expect(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    const svg = parseSvg(res.body as string);
    expect(svg.title).toBe('Burndown — Sprint «Ciclo "=1"»');
    expect(svg.desc).toContain('impegno iniziale 8 Punti storia');
    expect(svg.desc).toContain("Variazioni dell'ambito: 1");
    // Day 0 is the start; then each day to the early close, no day after it.
    expect(svg.texts).toEqual(
      expect.arrayContaining(['Inizio', '2 mar', '6 mar', 'Rimanente', 'Ideale']),
    );
    expect(svg.texts).not.toContain('9 mar');
    expect(svg.texts).toContain('+2');
  });

  it('velocity and cumulative flow: bars and bands, CSV equal to JSON', async () => {
    const velocity = (await api.get(sm, `/teams/${team.id}/velocity`).expect(200)).body;
    const vcsv = parseCsv(
      (await raw(sm, `/teams/${team.id}/velocity.csv`).expect(200)).body as string,
    );
    expect(vcsv).toEqual([
      ['Sprint', 'Impegno', 'Completato'],
      // A name a spreadsheet would run as a formula is kept as text.
      ...velocity.sprints.map((s: { name: string; committed: number; completed: number }) => [
        s.name.startsWith('=') ? `'${s.name}` : s.name,
        String(s.committed),
        String(s.completed),
      ]),
    ]);
    const vsvg = parseSvg(
      (await raw(sm, `/teams/${team.id}/velocity.svg`, 'en').expect(200)).body as string,
    );
    expect(vsvg.title).toBe('Velocity');
    expect(vsvg.texts).toEqual(
      expect.arrayContaining(['Ciclo "=1"', 'Committed', 'Completed', '8', '3']),
    );

    const range = 'from=2026-03-01&to=2026-03-06';
    const flow = (await api.get(sm, `/teams/${team.id}/cumulative-flow?${range}`).expect(200)).body;
    const [header, ...rows] = parseCsv(
      (await raw(sm, `/teams/${team.id}/cumulative-flow.csv?${range}`).expect(200)).body as string,
    );
    expect(header).toEqual(['Data', ...flow.statuses.map((s: { name: string }) => s.name)]);
    expect(rows).toEqual(
      flow.days.map((d: { date: string; counts: Record<string, number> }) => [
        d.date,
        ...flow.statuses.map((s: { id: string }) => String(d.counts[s.id])),
      ]),
    );
    const csvg = parseSvg(
      (await raw(sm, `/teams/${team.id}/cumulative-flow.svg?${range}`).expect(200)).body as string,
    );
    expect(csvg.title).toBe('Flusso cumulativo');
    expect(csvg.desc).toContain('Fatto 1');
    expect(csvg.texts).toEqual(
      expect.arrayContaining(['Da fare', 'In corso', 'In revisione', 'Fatto']),
    );
  });

  it('refuses a bad delimiter or range with a problem naming it, and hides other teams', async () => {
    const bad = await raw(sm, `/sprints/${sprintId}/burndown.csv?delimiter=tab`, 'en').expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(bad.body as string).errors).toEqual([
      expect.objectContaining({ field: 'delimiter' }),
    ]);
    const backwards = await raw(
      sm,
      `/teams/${team.id}/cumulative-flow.csv?from=2026-03-06&to=2026-03-01`,
    ).expect(400);
    expect(JSON.parse(backwards.body as string).errors[0].field).toBe('from');
    const other = await f.member(await f.team(), 'scrum_master');
    for (const path of [
      `/sprints/${sprintId}/burndown.svg`,
      `/sprints/${sprintId}/burnup.csv`,
      `/teams/${team.id}/velocity.csv`,
      `/teams/${team.id}/cumulative-flow.svg`,
    ]) {
      const res = await raw(other, path).expect(404);
      expect(res.body as string).not.toContain('Ciclo');
    }
  });
});
