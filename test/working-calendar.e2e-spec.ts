/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import request from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

describe('working calendar: holidays, patron day, closures, absences', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let po: TestUser;
  let dev: TestUser;
  let socket: TestClient;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    po = await f.member(team, 'product_owner');
    dev = await f.member(team, 'developer');
    socket = await connectClient(t.url, dev.token);
    await socket.client.subscribe(team.id);
  });
  afterAll(async () => {
    socket.client.socket.disconnect();
    await t.close();
  });

  const put = (user: TestUser, path: string, body: unknown, ifMatch?: string) => {
    const req = request(t.url)
      .put(`/api/v1/teams/${team.id}/working-calendar${path}`)
      .set(api.as(user));
    if (ifMatch !== undefined) void req.set('If-Match', ifMatch);
    return req.send(body as object);
  };
  const rows = async () =>
    t.db.query<{ version: number; patron_day: string | null; absences: unknown[] }[]>(
      `SELECT version, patron_day, absences FROM team_calendars WHERE team_id = $1`,
      [team.id],
    );

  it('answers the national holidays with Italian and English names before anything is set', async () => {
    const it = await api
      .get(dev, `/teams/${team.id}/working-calendar?from=2026-12-01&to=2026-12-31`)
      .expect(200);
    expect(it.headers.etag).toBe('"0"');
    expect(it.body).toMatchObject({ version: 0, weekdays: [1, 2, 3, 4, 5], patron: null });
    const holidays = it.body.closedDays.filter((d: { reason: string }) => d.reason !== 'weekday');
    expect(holidays).toEqual([
      {
        date: '2026-12-08',
        reason: 'national',
        name: 'Immacolata Concezione',
        names: { it: 'Immacolata Concezione', en: 'Immaculate Conception' },
      },
      expect.objectContaining({ date: '2026-12-25', name: 'Natale' }),
      expect.objectContaining({ date: '2026-12-26', name: 'Santo Stefano' }),
    ]);
    // 23 weekdays in December 2026, minus 8 and 25 December (26 is a Saturday).
    expect(it.body.workingDays).toBe(21);
    const en = await api
      .get(dev, `/teams/${team.id}/working-calendar?from=2027-03-29&to=2027-03-29`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(en.body.closedDays).toEqual([
      expect.objectContaining({ date: '2027-03-29', reason: 'national', name: 'Easter Monday' }),
    ]);
  });

  it('refuses bad input, other roles and a stale or missing If-Match, writing nothing', async () => {
    const before = await api.counts(team);
    const bad = await put(
      sm,
      '',
      { patron: { date: '02-30', name: '' }, closures: [{ date: '2026-13-01', name: 'x' }] },
      '"0"',
    ).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fieldsOf(bad.body).sort()).toEqual(['closures.0.date', 'patron.date', 'patron.name']);
    await put(sm, '', { closures: [] }).expect(428);
    await put(sm, '', { closures: [] }, '"3"').expect(412);
    await put(dev, '', { closures: [] }, '"0"').expect(403);
    await put(po, '', { closures: [] }, '"0"').expect(403);
    await put(dev, '/absences', { absences: [] }, '"0"').expect(403);
    const twice = await put(
      sm,
      '',
      {
        closures: [
          { date: '2026-12-07', name: 'Ponte' },
          { date: '2026-12-07', name: 'Ponte' },
        ],
      },
      '"0"',
    ).expect(400);
    expect(fieldsOf(twice.body)).toEqual(['closures']);
    const stranger = await f.user();
    const absent = await put(
      po,
      '/absences',
      {
        absences: [
          { userId: stranger.id, from: '2026-12-01', to: '2026-12-02' },
          { userId: dev.id, from: '2026-12-04', to: '2026-12-01' },
        ],
      },
      '"0"',
    )
      .set('Accept-Language', 'it')
      .expect(400);
    expect(fieldsOf(absent.body)).toEqual(['absences.1.to']);
    expect(absent.body.errors[0].message).toBe('è precedente a from');
    const member = await put(
      po,
      '/absences',
      { absences: [{ userId: stranger.id, from: '2026-12-01', to: '2026-12-02' }] },
      '"0"',
    ).expect(400);
    expect(fieldsOf(member.body)).toEqual(['absences.0.userId']);
    expect(await rows()).toEqual([]);
    expect(await api.counts(team)).toEqual(before);
  });

  it('sets the patron day and closures, then absences, each with its event and version', async () => {
    const set = await put(
      sm,
      '',
      {
        patron: { date: '06-24', name: 'San Giovanni Battista' },
        closures: [{ date: '2026-12-07', name: 'Chiusura degli uffici' }],
      },
      '"0"',
    ).expect(200);
    expect(set.headers.etag).toBe('"1"');
    expect(set.body).toMatchObject({
      version: 1,
      patron: { date: '06-24', name: 'San Giovanni Battista' },
      closures: [{ date: '2026-12-07', name: 'Chiusura degli uffici' }],
    });
    await waitFor(() => socket.events.some((e) => e.type === 'calendar.updated'));
    const event = socket.events.find((e) => e.type === 'calendar.updated');
    expect(event?.data).toMatchObject({
      changes: ['patron', 'closures'],
      calendar: { version: 1, patron: { date: '06-24' } },
    });
    const absences = await put(
      po,
      '/absences',
      {
        absences: [
          { userId: dev.id, from: '2026-12-01', to: '2026-12-04', note: 'Ferie' },
          { userId: sm.id, from: '2026-11-30', to: '2026-12-11', fraction: 0.5 },
        ],
      },
      '"1"',
    ).expect(200);
    expect(absences.body.version).toBe(2);
    expect(absences.body.absences).toEqual([
      { userId: sm.id, from: '2026-11-30', to: '2026-12-11', fraction: 0.5, note: '' },
      { userId: dev.id, from: '2026-12-01', to: '2026-12-04', fraction: 1, note: 'Ferie' },
    ]);
    await waitFor(() => socket.events.filter((e) => e.type === 'calendar.updated').length === 2);
    const [row] = await rows();
    expect(row).toMatchObject({ version: 2, patron_day: '06-24' });
    expect(row.absences).toHaveLength(2);
    const year = await api
      .get(dev, `/teams/${team.id}/working-calendar?from=2027-06-24&to=2027-06-24`)
      .expect(200);
    expect(year.body.closedDays).toEqual([
      {
        date: '2027-06-24',
        reason: 'patron',
        name: 'San Giovanni Battista',
        names: { it: 'San Giovanni Battista', en: 'San Giovanni Battista' },
      },
    ]);
    // A stale version now carries the calendar as it is.
    const stale = await put(sm, '', { patron: null }, '"1"').expect(412);
    expect(stale.body.current).toMatchObject({ version: 2 });
  });
});
