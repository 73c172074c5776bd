/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import ICAL from 'ical.js';
import request from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/** Monday 23 March – Friday 3 April 2026: Rome moves to summer time on Sunday 29 March. */
const SPRINT = { name: 'Ciclo 7', startDate: '2026-03-23', endDate: '2026-04-03' };

describe('ceremonies: calendar, cadence, iCalendar feed, live sessions', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let dev: TestUser;
  let socket: TestClient;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
    socket = await connectClient(t.url, dev.token);
    await socket.client.subscribe(team.id);
  });
  afterAll(async () => {
    socket.client.socket.disconnect();
    await t.close();
  });

  const ceremonies = async (teamId = team.id) =>
    (
      await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ceremonies WHERE team_id = $1`,
        [teamId],
      )
    )[0].n;

  it('has a default cadence in the team timezone, which the scrum master changes', async () => {
    const cadence = await api.get(dev, `/teams/${team.id}/cadence`).expect(200);
    expect(cadence.body).toMatchObject({
      sprintLengthDays: 14,
      dailyTime: '09:30',
      workingDays: [1, 2, 3, 4, 5],
      timezone: 'Europe/Rome',
      version: 0,
    });
    expect(cadence.body.dailyPrompts.map((p: { key: string }) => p.key)).toEqual([
      'done',
      'plan',
      'impediments',
    ]);
    const put = (user: typeof sm, body: object, version?: number) => {
      const req = api.put(user, `/teams/${team.id}/cadence`, body);
      return version === undefined ? req : req.set('If-Match', `"${version}"`);
    };
    await put(dev, { dailyTime: '09:00' }, 0).expect(403);
    const bad = await put(sm, { dailyTime: '25:00', workingDays: [0] }, 0).expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['dailyTime', 'workingDays']);
    await put(sm, { dailyTime: '09:15' }).expect(428);
    const first = await put(sm, { dailyTime: '09:15' }, 0).expect(200);
    expect(first.body).toMatchObject({ dailyTime: '09:15', version: 1 });
    expect(first.headers.etag).toBe('"1"');
    await waitFor(() => socket.events.some((e) => e.type === 'cadence.updated'));
    // A second scrum master still on version 0 does not overwrite the first one's change.
    const seq = await api.lastSeq(team);
    const stale = await put(sm, { dailyTime: '08:00' }, 0).expect(412);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body.current).toMatchObject({ dailyTime: '09:15', version: 1 });
    expect(await api.lastSeq(team)).toBe(seq);
    const [row] = await t.db.query<{ daily_time: string; version: number }[]>(
      `SELECT daily_time, version FROM team_cadences WHERE team_id = $1`,
      [team.id],
    );
    expect(row).toMatchObject({ daily_time: '09:15', version: 1 });
    const read = await api.get(dev, `/teams/${team.id}/cadence`).expect(200);
    expect(read.headers.etag).toBe('"1"');
    await put(sm, { dailyTime: '09:30' }, 1).expect(200);
  });

  it('generates the sprint ceremonies with scaled timeboxes, DST-correct', async () => {
    const sprint = (await api.post(sm, `/teams/${team.id}/sprints`, SPRINT).expect(201)).body;
    const list = await api
      .get(dev, `/teams/${team.id}/ceremonies?sprintId=${sprint.id}`)
      .expect(200);
    const byType = Object.fromEntries(
      (list.body as { type: string }[]).map((c) => [c.type, c]),
    ) as unknown as Record<
      string,
      { startsAt: string; endsAt: string; recurrence: string | null; title: string }
    >;
    expect(Object.keys(byType).sort()).toEqual([
      'backlog_refinement',
      'daily_scrum',
      'sprint_planning',
      'sprint_retrospective',
      'sprint_review',
    ]);
    // Winter time (UTC+1) in the first week, summer time (UTC+2) in the second.
    expect(byType.sprint_planning).toMatchObject({
      startsAt: '2026-03-23T08:00:00.000Z',
      endsAt: '2026-03-23T12:00:00.000Z',
      title: 'Pianificazione dello sprint — Ciclo 7',
    });
    expect(byType.daily_scrum).toMatchObject({
      startsAt: '2026-03-24T08:30:00.000Z',
      endsAt: '2026-03-24T08:45:00.000Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260402T215959Z',
    });
    expect(byType.backlog_refinement).toMatchObject({
      startsAt: '2026-03-27T13:00:00.000Z',
      endsAt: '2026-03-27T15:00:00.000Z',
    });
    expect(byType.sprint_review).toMatchObject({
      startsAt: '2026-04-03T08:00:00.000Z',
      endsAt: '2026-04-03T10:00:00.000Z',
    });
    expect(byType.sprint_retrospective).toMatchObject({
      startsAt: '2026-04-03T13:00:00.000Z',
      endsAt: '2026-04-03T14:30:00.000Z',
    });
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events WHERE team_id = $1 AND type = 'ceremony.scheduled'`,
      [team.id],
    );
    expect(n).toBe(5);
    await waitFor(
      () => socket.events.filter((e) => e.type === 'ceremony.scheduled').length === 5,
      10_000,
      'five ceremony.scheduled events',
    );
    // The sprint's own event comes first, in the same transaction.
    const types = socket.events.map((e) => e.type);
    expect(types.indexOf('sprint.created')).toBeLessThan(types.indexOf('ceremony.scheduled'));
  });

  it('serves a secret iCalendar feed that a real parser reads in the team timezone', async () => {
    const feed = (await api.post(dev, `/teams/${team.id}/calendar-feed`, {}).expect(201)).body;
    expect(feed.url).toContain(`/api/v1/teams/${team.id}/calendar.ics?token=ritmo_cal_`);
    const [stored] = await t.db.query<{ token_hash: string }[]>(
      `SELECT token_hash FROM calendar_feeds WHERE team_id = $1 AND user_id = $2`,
      [team.id, dev.id],
    );
    expect(stored.token_hash).not.toContain(feed.token);
    const res = await request(t.url)
      .get(`/api/v1/teams/${team.id}/calendar.ics`)
      .query({ token: feed.token })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    for (const zone of calendar.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(5);
    // RFC 5545 §3.8.7.2: DTSTAMP in UTC; one VTIMEZONE for the zone the events name.
    const stamps = res.text.split('\r\n').filter((line) => line.startsWith('DTSTAMP'));
    expect(stamps).toHaveLength(5);
    for (const stamp of stamps) expect(stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(
      calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    ).toEqual(['Europe/Rome']);
    const planning = events.find((e) => e.summary.startsWith('Pianificazione'))!;
    expect(planning.startDate.zone?.tzid).toBe('Europe/Rome');
    expect(planning.startDate.toJSDate().toISOString()).toBe('2026-03-23T08:00:00.000Z');
    expect(planning.endDate.toJSDate().toISOString()).toBe('2026-03-23T12:00:00.000Z');
    const review = events.find((e) => e.summary.startsWith('Revisione'))!;
    expect(review.startDate.toJSDate().toISOString()).toBe('2026-04-03T08:00:00.000Z');

    const daily = events.find((e) => e.summary.startsWith('Daily Scrum'))!;
    expect(daily.isRecurring()).toBe(true);
    const rule = daily.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rule.toString()).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260402T215959Z');
    const occurrences: string[] = [];
    const it = daily.iterator();
    for (let next = it.next(); next; next = it.next())
      occurrences.push(next.toJSDate().toISOString());
    // 09:30 in Rome every working day: 08:30Z before the DST change, 07:30Z after it.
    expect(occurrences).toEqual([
      '2026-03-24T08:30:00.000Z',
      '2026-03-25T08:30:00.000Z',
      '2026-03-26T08:30:00.000Z',
      '2026-03-27T08:30:00.000Z',
      '2026-03-30T07:30:00.000Z',
      '2026-03-31T07:30:00.000Z',
      '2026-04-01T07:30:00.000Z',
      '2026-04-02T07:30:00.000Z',
    ]);

    // Rotating ends the old URL; revoking ends the new one; no token or a wrong one is a 404.
    const rotated = (await api.post(dev, `/teams/${team.id}/calendar-feed`, {}).expect(201)).body;
    const ics = (token?: string) =>
      request(t.url)
        .get(`/api/v1/teams/${team.id}/calendar.ics`)
        .query(token ? { token } : {});
    await ics(feed.token).expect(404);
    await ics(rotated.token).expect(200);
    await ics().expect(404);
    await ics(`${rotated.token}x`).expect(404);
    await api.delete(dev, `/teams/${team.id}/calendar-feed`).expect(204);
    const gone = await ics(rotated.token).expect(404);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
    await api.delete(dev, `/teams/${team.id}/calendar-feed`).expect(404);
  });

  it('adds a recurring ceremony by hand, moves it with If-Match, cancels it', async () => {
    const created = await api
      .post(sm, `/teams/${team.id}/ceremonies`, {
        type: 'backlog_refinement',
        startsAt: '2026-04-08T14:00:00+02:00',
        endsAt: '2026-04-08T15:00:00+02:00',
        recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=4',
        attendeeIds: [dev.id],
        agenda: 'Pratiche edilizie',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'Affinamento del backlog',
      recurrence: 'FREQ=WEEKLY;BYDAY=WE;COUNT=4',
      timezone: 'Europe/Rome',
      attendeeIds: [dev.id],
      version: 1,
    });
    const id = created.body.id as string;
    await api.patch(sm, `/ceremonies/${id}`, { startsAt: '2026-04-09T12:00:00Z' }).expect(428);
    const moved = await api
      .patch(
        sm,
        `/ceremonies/${id}`,
        { startsAt: '2026-04-09T12:00:00Z', endsAt: '2026-04-09T13:00:00Z', notes: 'Spostata' },
        1,
      )
      .expect(200);
    expect(moved.headers.etag).toBe('"2"');
    expect(moved.body).toMatchObject({ startsAt: '2026-04-09T12:00:00.000Z', notes: 'Spostata' });
    await api.patch(sm, `/ceremonies/${id}`, { notes: 'Vecchia' }, 1).expect(412);
    await api.patch(dev, `/ceremonies/${id}`, { notes: 'Io' }, 2).expect(403);
    const cancel = () =>
      request(t.url).post(`/api/v1/ceremonies/${id}/cancel`).set(api.as(sm)).set('If-Match', '"2"');
    const cancelled = await cancel().expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await waitFor(() => socket.events.some((e) => e.type === 'ceremony.cancelled'));
    const updated = socket.events.find((e) => e.type === 'ceremony.updated')!;
    expect((updated.data as { changes: string[] }).changes.sort()).toEqual([
      'endsAt',
      'notes',
      'startsAt',
    ]);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const before = await ceremonies();
    const seq = await api.lastSeq(team);
    const base = {
      type: 'daily_scrum',
      startsAt: '2026-04-20T09:30:00+02:00',
      endsAt: '2026-04-20T09:45:00+02:00',
    };
    const rule = await api
      .post(sm, `/teams/${team.id}/ceremonies`, { ...base, recurrence: 'FREQ=SOMETIMES' })
      .expect(400);
    expect(rule.headers['content-type']).toMatch(/problem\+json/);
    expect(fieldsOf(rule.body)).toEqual(['recurrence']);
    expect(rule.body.detail).toContain('FREQ=SOMETIMES');
    for (const recurrence of ['FREQ=DAILY;COUNT=abc', 'not a rule', 'FREQ=WEEKLY;BYDAY=XX'])
      await api.post(sm, `/teams/${team.id}/ceremonies`, { ...base, recurrence }).expect(400);
    // Rules that never occur (found by the outside run: 20 s of a frozen instance each), and
    // sub-daily ones: a 400 naming the rule, while the instance keeps answering.
    for (const recurrence of [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30',
    ]) {
      const [never, health] = await Promise.all([
        api.post(sm, `/teams/${team.id}/ceremonies`, { ...base, recurrence }).expect(400),
        request(t.url).get('/health').expect(200),
      ]);
      expect(fieldsOf(never.body)).toEqual(['recurrence']);
      expect(health.status).toBe(200);
    }
    const backwards = await api
      .post(sm, `/teams/${team.id}/ceremonies`, { ...base, endsAt: '2026-04-20T09:00:00+02:00' })
      .expect(400);
    expect(fieldsOf(backwards.body)).toEqual(['endsAt']);
    const stranger = await api
      .post(sm, `/teams/${team.id}/ceremonies`, { ...base, attendeeIds: [(await f.user()).id] })
      .expect(400);
    expect(fieldsOf(stranger.body)).toEqual(['attendeeIds.0']);

    // A ceremony of another team is a 404 whatever the caller does with it.
    const other = await f.team();
    const otherSm = await f.member(other, 'scrum_master');
    const theirs = (await api.post(otherSm, `/teams/${other.id}/ceremonies`, base).expect(201))
      .body;
    await api.get(sm, `/ceremonies/${theirs.id}`).expect(404);
    await api.patch(sm, `/ceremonies/${theirs.id}`, { notes: 'x' }, 1).expect(404);
    await api.post(sm, `/ceremonies/${theirs.id}/start`, {}).expect(404);
    const otherSprint = (
      await api.post(otherSm, `/teams/${other.id}/sprints`, { name: 'Altro' }).expect(201)
    ).body;
    const foreignSprint = await api
      .post(sm, `/teams/${team.id}/ceremonies`, { ...base, sprintId: otherSprint.id })
      .expect(400);
    expect(fieldsOf(foreignSprint.body)).toEqual(['sprintId']);

    expect(await ceremonies()).toBe(before);
    expect(await api.lastSeq(team)).toBe(seq);
  });

  it('runs a live session on the server clock and records who was connected', async () => {
    const daily = (
      await api
        .post(sm, `/teams/${team.id}/ceremonies`, {
          type: 'daily_scrum',
          startsAt: '2026-04-21T09:30:00+02:00',
          endsAt: '2026-04-21T09:45:00+02:00',
        })
        .expect(201)
    ).body;
    await api.post(dev, `/ceremonies/${daily.id}/start`, {}).expect(403);
    const started = await api.post(sm, `/ceremonies/${daily.id}/start`, {}).expect(200);
    const { session, serverTime } = started.body;
    expect(session.facilitatorId).toBe(sm.id);
    expect(Date.parse(session.endsAt) - Date.parse(session.startedAt)).toBe(15 * 60_000);
    expect(serverTime).toBe(session.startedAt);
    await api.post(sm, `/ceremonies/${daily.id}/start`, {}).expect(409);
    await waitFor(() => socket.events.some((e) => e.type === 'ceremony.started'));
    const event = socket.events.find((e) => e.type === 'ceremony.started')!;
    expect(event.data).toMatchObject({ ceremonyId: daily.id, endsAt: session.endsAt, serverTime });
    const live = await api.get(dev, `/ceremonies/${daily.id}/session`).expect(200);
    expect(live.body.session.endedAt).toBeNull();

    const ended = await api.post(sm, `/ceremonies/${daily.id}/end`, {}).expect(200);
    expect(ended.body.session.attendance).toEqual([dev.id]);
    const [row] = await t.db.query<{ attendance: string[]; ended_at: Date }[]>(
      `SELECT attendance, ended_at FROM ceremony_sessions WHERE ceremony_id = $1`,
      [daily.id],
    );
    expect(row.attendance).toEqual([dev.id]);
    const seq = await api.lastSeq(team);
    const twice = await api.post(sm, `/ceremonies/${daily.id}/end`, {}).expect(409);
    expect(twice.headers['content-type']).toMatch(/problem\+json/);
    expect(twice.body.type).toContain('session-not-live');
    expect(await api.lastSeq(team)).toBe(seq);
    await waitFor(() => socket.events.some((e) => e.type === 'ceremony.ended'));
  });
});
