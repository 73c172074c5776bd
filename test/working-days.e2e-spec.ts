import ICAL from 'ical.js';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A sprint across 8 December 2026 (Monday 30 November – Friday 11 December): no daily scrum on
 * the holiday, capacity counts nine working days, the burndown's ideal line is flat on it.
 */
describe('working days: a sprint across 8 December', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let dev: TestUser;
  let now = new Date('2026-11-27T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    jest.spyOn(t.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
  });
  afterAll(() => t.close());

  it('skips the daily, reduces capacity by the holiday and absences, keeps the ideal flat', async () => {
    await request(t.url)
      .put(`/api/v1/teams/${team.id}/working-calendar/absences`)
      .set(api.as(sm))
      .set('If-Match', '"0"')
      .send({ absences: [{ userId: dev.id, from: '2026-12-07', to: '2026-12-09', note: 'Ferie' }] })
      .expect(200);
    const items = await api.items(sm, team, ['Pratica A', 'Pratica B', 'Pratica C']);
    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo di dicembre',
          startDate: '2026-11-30',
          endDate: '2026-12-11',
        })
        .expect(201)
    ).body;

    // Ceremonies: the daily's rule excludes 8 December (EXDATE in the feed).
    const ceremonies = (
      await api.get(dev, `/teams/${team.id}/ceremonies?sprintId=${sprint.id}`).expect(200)
    ).body as { type: string; excludedStarts: string[]; startsAt: string }[];
    const daily = ceremonies.find((c) => c.type === 'daily_scrum');
    expect(daily?.excludedStarts).toEqual(['2026-12-08T08:30:00.000Z']);
    const [row] = await t.db.query<{ excluded_starts: Date[] }[]>(
      `SELECT excluded_starts FROM ceremonies WHERE team_id = $1 AND type = 'daily_scrum'`,
      [team.id],
    );
    expect(row.excluded_starts.map((d) => d.toISOString())).toEqual(['2026-12-08T08:30:00.000Z']);
    const feed = await api.post(dev, `/teams/${team.id}/calendar-feed`, {}).expect(201);
    // The feed's host is PUBLIC_URL (test/public-url.e2e-spec.ts); this app listens elsewhere.
    const ics = await request(t.url)
      .get(new URL(feed.body.url).pathname + new URL(feed.body.url).search)
      .expect(200);
    const vevent = new ICAL.Component(ICAL.parse(ics.text))
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('summary')?.toString().startsWith('Daily'));
    expect(vevent).toBeDefined();
    const event = new ICAL.Event(vevent);
    const days: string[] = [];
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next())
      days.push(next.toJSDate().toISOString().slice(0, 10));
    expect(days).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-07',
      '2026-12-09',
      '2026-12-10',
    ]);

    // Capacity: nine working days; the developer is away on the 7th and 9th (the 8th is closed).
    const plan = await api
      .put(sm, `/sprints/${sprint.id}/capacity`, {
        members: [
          { userId: sm.id, daysOff: 0, focusFactor: 1 },
          { userId: dev.id, daysOff: 0, focusFactor: 0.5 },
        ],
      })
      .expect(200);
    expect(plan.body).toMatchObject({
      workingDays: 9,
      capacityDays: 12.5,
      absences: expect.arrayContaining([
        { userId: sm.id, days: 0 },
        { userId: dev.id, days: 2 },
      ]),
    });

    await api.post(sm, `/sprints/${sprint.id}/items`, { ids: items.map((i) => i.id) }).expect(200);
    now = new Date('2026-11-30T08:00:00Z');
    await api.post(sm, `/sprints/${sprint.id}/start`, {}).expect(200);
    now = new Date('2026-12-12T09:00:00Z');
    const burndown = (await api.get(sm, `/sprints/${sprint.id}/burndown?unit=items`).expect(200))
      .body;
    const ideal = Object.fromEntries(
      (burndown.points as { date: string; day: number; ideal: number; workingDay: boolean }[])
        .filter((p) => p.day > 0)
        .map((p) => [p.date, [p.ideal, p.workingDay]]),
    );
    // Three items over nine working days: a third a day, flat on 5, 6 and 8 December.
    expect(ideal['2026-12-04']).toEqual([1.33, true]);
    expect(ideal['2026-12-05']).toEqual([1.33, false]);
    expect(ideal['2026-12-06']).toEqual([1.33, false]);
    expect(ideal['2026-12-07']).toEqual([1, true]);
    expect(ideal['2026-12-08']).toEqual([1, false]);
    expect(ideal['2026-12-09']).toEqual([0.67, true]);
    expect(ideal['2026-12-11']).toEqual([0, true]);
  });

  it('moves the review of a sprint ending on a holiday to the day before, and says so', async () => {
    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo breve',
          startDate: '2026-12-14',
          endDate: '2026-12-25',
        })
        .expect(201)
    ).body;
    const ceremonies = (
      await api.get(dev, `/teams/${team.id}/ceremonies?sprintId=${sprint.id}`).expect(200)
    ).body as { type: string; startsAt: string; notes: string }[];
    const review = ceremonies.find((c) => c.type === 'sprint_review');
    expect(review?.startsAt).toBe('2026-12-24T09:00:00.000Z');
    expect(review?.notes).toBe(
      'Anticipata al giorno lavorativo precedente. Giorno festivo: 25 dicembre 2026, Natale.',
    );
  });
});
