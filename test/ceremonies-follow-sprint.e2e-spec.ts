import ICAL from 'ical.js';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

interface Ceremony {
  id: string;
  type: string;
  status: string;
  startsAt: string;
  recurrence: string | null;
}

/**
 * Ceremonies follow their sprint (winter time in Rome, UTC+1): a sprint laid out for 11–22
 * January 2027 moves to 18–29 January; closed early on Thursday 21st, what had not happened is
 * cancelled and the daily stops at the close.
 */
describe('ceremonies follow the sprint: new dates move them, an early close cancels the rest', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let socket: TestClient;
  let now = new Date('2027-01-04T09:00:00Z');

  const ceremonies = async (sprintId: string) =>
    Object.fromEntries(
      (
        (await api.get(sm, `/teams/${team.id}/ceremonies?sprintId=${sprintId}`).expect(200))
          .body as Ceremony[]
      ).map((c) => [c.type, c]),
    );

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    jest.spyOn(t.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    socket = await connectClient(t.url, sm.token);
    await socket.client.subscribe(team.id);
  });
  afterAll(async () => {
    socket.client.socket.disconnect();
    await t.close();
  });

  it('moves the laid-out ceremonies with the dates, in the same transaction', async () => {
    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo di gennaio',
          startDate: '2027-01-11',
          endDate: '2027-01-22',
        })
        .expect(201)
    ).body as { id: string; version: number };
    const before = await ceremonies(sprint.id);
    expect(before.sprint_planning.startsAt).toBe('2027-01-11T08:00:00.000Z');
    const seq = await api.lastSeq(team);

    await api
      .patch(
        sm,
        `/sprints/${sprint.id}`,
        { startDate: '2027-01-18', endDate: '2027-01-29' },
        sprint.version,
      )
      .expect(200);
    const after = await ceremonies(sprint.id);
    expect(after.sprint_planning.startsAt).toBe('2027-01-18T08:00:00.000Z');
    expect(after.daily_scrum).toMatchObject({
      startsAt: '2027-01-19T08:30:00.000Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270128T225959Z',
    });
    expect(after.sprint_review.startsAt).toBe('2027-01-29T09:00:00.000Z');
    expect(after.sprint_retrospective.startsAt).toBe('2027-01-29T14:00:00.000Z');
    const week = 7 * 86_400_000;
    expect(Date.parse(after.backlog_refinement.startsAt)).toBe(
      Date.parse(before.backlog_refinement.startsAt) + week,
    );
    // Same ceremonies (same ids), moved; nothing added.
    for (const type of Object.keys(before)) expect(after[type].id).toBe(before[type].id);

    const events = await api.events(team, seq);
    expect(events.map((e) => e.type)).toEqual([
      'sprint.updated',
      ...Array<string>(5).fill('ceremony.updated'),
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => seq + 1 + i));
    await waitFor(
      () => socket.events.filter((e) => e.type === 'ceremony.updated').length === 5,
      10_000,
      'five ceremony.updated on the socket',
    );
  });

  it('cancels what has not happened when the sprint closes early, and ends the daily there', async () => {
    const [sprint] = (await api.get(sm, `/teams/${team.id}/sprints`).expect(200)).body as {
      id: string;
    }[];
    now = new Date('2027-01-18T07:00:00Z');
    await api.post(sm, `/sprints/${sprint.id}/start`, {}).expect(200);
    now = new Date('2027-01-21T11:00:00Z');
    const seq = await api.lastSeq(team);
    await api.post(sm, `/sprints/${sprint.id}/complete`, { carryOverTo: 'top' }).expect(200);

    const all = await ceremonies(sprint.id);
    expect(all.sprint_planning.status).toBe('scheduled');
    expect(all.daily_scrum).toMatchObject({
      status: 'scheduled',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270121T110000Z',
    });
    for (const type of ['backlog_refinement', 'sprint_review', 'sprint_retrospective'])
      expect(all[type].status).toBe('cancelled');
    const rows = await t.db.query<{ type: string; status: string }[]>(
      `SELECT type, status FROM ceremonies WHERE sprint_id = $1 ORDER BY type`,
      [sprint.id],
    );
    expect(rows.filter((r) => r.status === 'cancelled').map((r) => r.type)).toEqual([
      'backlog_refinement',
      'sprint_retrospective',
      'sprint_review',
    ]);
    const types = (await api.events(team, seq)).map((e) => e.type);
    expect(types[0]).toBe('sprint.completed');
    expect(types.filter((x) => x === 'ceremony.cancelled')).toHaveLength(3);
    expect(types.filter((x) => x === 'ceremony.updated')).toHaveLength(1);
    await waitFor(
      () => socket.events.filter((e) => e.type === 'ceremony.cancelled').length === 3,
      10_000,
      'three ceremony.cancelled on the socket',
    );

    // The feed says so: STATUS:CANCELLED, and the daily's last occurrence is the close's day.
    const feed = (await api.post(sm, `/teams/${team.id}/calendar-feed`, {}).expect(201)).body as {
      url: string;
    };
    // The feed's host is PUBLIC_URL (test/public-url.e2e-spec.ts); this app listens elsewhere.
    const url = new URL(feed.url);
    const ics = await request(t.url)
      .get(url.pathname + url.search)
      .expect(200);
    const calendar = new ICAL.Component(ICAL.parse(ics.text));
    for (const zone of calendar.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const cancelled = events.filter(
      (e) => e.component.getFirstPropertyValue('status') === 'CANCELLED',
    );
    expect(cancelled).toHaveLength(3);
    const daily = events.find((e) => e.isRecurring()) as ICAL.Event;
    const days: string[] = [];
    const it = daily.iterator();
    for (let next = it.next(); next; next = it.next())
      days.push(next.toJSDate().toISOString().slice(0, 10));
    expect(days).toEqual(['2027-01-19', '2027-01-20', '2027-01-21']);
  });
});
