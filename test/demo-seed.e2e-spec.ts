/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import request from 'supertest';
import { ADMIN, DEMO_PASSWORD, TEAMS, WORKSPACES } from '../scripts/demo/demo-data';
import { DemoRefused, PARTS, seedDemo } from '../scripts/demo/seed';
import { Clock } from '../src/common/clock';
import { BACKLOG_TEST_ENV } from './support/backlog';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const TABLES = [
  'users',
  'workspaces',
  'teams',
  'team_members',
  'backlog_items',
  'sprints',
  'workflow_statuses',
  'retrospectives',
  'retro_cards',
  'retro_groups',
  'retro_votes',
  'retro_notes',
  'retro_action_items',
  'poker_sessions',
  'poker_session_items',
  'poker_votes',
  'sprint_reviews',
  'sprint_review_items',
  'sprint_review_feedback',
  'team_cadences',
  'ceremonies',
  'daily_scrum_entries',
  'impediments',
  'events',
];

/** npm run seed:demo, driven in process against the real services and database. */
describe('demo workspace seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
  });
  afterAll(() => t.close());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM ${table}`);
      out[table] = row.n;
    }
    return out;
  };
  const login = async (email: string) =>
    (
      await request(t.url)
        .post('/api/v1/auth/login')
        .send({ email, password: DEMO_PASSWORD })
        .expect(200)
    ).body.accessToken as string;

  it('refuses a database holding other data, unless forced', async () => {
    await new Factory(t).user();
    const before = await counts();
    await expect(seedDemo(t.ritmo.app)).rejects.toBeInstanceOf(DemoRefused);
    expect(await counts()).toEqual(before);
  });

  it('builds the union of six towns through the services, once', async () => {
    const first = await seedDemo(t.ritmo.app, { force: true });
    expect(first.created).toBe(true);
    const seeded = await counts();
    const second = await seedDemo(t.ritmo.app);
    expect(second.created).toBe(false);
    expect(await counts()).toEqual(seeded);
    // The app's clock is the real one again.
    expect(Math.abs(t.ritmo.app.get(Clock).now().getTime() - Date.now())).toBeLessThan(60_000);

    const names: { name: string }[] = await t.db.query(`SELECT name FROM workspaces ORDER BY name`);
    expect(names.map((w) => w.name)).toEqual(expect.arrayContaining([...WORKSPACES]));
    const roles: { role: string }[] = await t.db.query(
      `SELECT DISTINCT tm.role FROM team_members tm JOIN users u ON u.id = tm.user_id
        WHERE u.email LIKE '%@demo.tresinarosecchia.example'`,
    );
    expect(roles.map((r) => r.role).sort()).toEqual([
      'developer',
      'product_owner',
      'scrum_master',
      'stakeholder',
    ]);
    expect(first.logins.map((l) => l.email)).toEqual(
      expect.arrayContaining([
        ADMIN.email,
        ...TEAMS.flatMap((team) => team.people.map((p) => p.email)),
      ]),
    );
  });

  it('leaves gapless event sequences and a total rank order in every team', async () => {
    const gaps: unknown[] = await t.db.query(`
      SELECT t.id, t.event_seq, count(e.seq) AS n, count(DISTINCT e.seq) AS d
        FROM teams t LEFT JOIN events e ON e.team_id = t.id GROUP BY t.id
      HAVING count(e.seq) <> t.event_seq OR count(DISTINCT e.seq) <> t.event_seq
          OR coalesce(max(e.seq), 0) <> t.event_seq OR (t.event_seq > 0 AND min(e.seq) <> 1)`);
    expect(gaps).toEqual([]);
    const duplicates: unknown[] = await t.db.query(
      `SELECT team_id, rank FROM backlog_items GROUP BY team_id, rank HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    const outOfOrder: unknown[] = await t.db.query(`
      SELECT team_id FROM (
        SELECT team_id, occurred_at, lag(occurred_at) OVER (PARTITION BY team_id ORDER BY seq) AS prev
          FROM events) e
       WHERE prev > occurred_at`);
    expect(outOfOrder).toEqual([]);
    const token = await login(ADMIN.email);
    const teams: { id: string }[] = await t.db.query(`SELECT id FROM teams WHERE name = ANY($1)`, [
      TEAMS.map((team) => team.name),
    ]);
    for (const { id } of teams) {
      const check = await request(t.url)
        .get(`/api/v1/teams/${id}/backlog-items/rank-check`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(check.body.ordered).toBe(true);
      expect(check.body.unique).toBe(check.body.total);
    }
  });

  it('shows real shapes: velocity of two finished cycles, a burndown half-way, a renamed sprint', async () => {
    const po = await login(`product-owner.tributi@demo.tresinarosecchia.example`);
    const [tributi]: { id: string }[] = await t.db.query(
      `SELECT id FROM teams WHERE name = 'Ufficio Tributi'`,
    );
    const auth = { Authorization: `Bearer ${po}` };
    const velocity = await request(t.url)
      .get(`/api/v1/teams/${tributi.id}/velocity`)
      .set(auth)
      .expect(200);
    expect(velocity.body.sprints.map((s: { name: string }) => s.name)).toEqual([
      'Ciclo 1',
      'Ciclo 2',
    ]);
    for (const s of velocity.body.sprints) expect(s.completed).toBeGreaterThan(0);
    const sprints = await request(t.url)
      .get(`/api/v1/teams/${tributi.id}/sprints`)
      .set(auth)
      .expect(200);
    const active = sprints.body.find((s: { state: string }) => s.state === 'active');
    expect(active.name).toBe('Ciclo 3');
    const burndown = await request(t.url)
      .get(`/api/v1/sprints/${active.id}/burndown`)
      .set(auth)
      .expect(200);
    const remaining = burndown.body.points
      .filter((p: { remaining: number | null }) => p.remaining !== null)
      .map((p: { remaining: number }) => p.remaining);
    expect(remaining.length).toBeGreaterThan(3);
    expect(remaining[remaining.length - 1]).toBeLessThan(remaining[0]);
    const chart = await request(t.url)
      .get(`/api/v1/sprints/${active.id}/burndown.svg`)
      .set(auth)
      .expect(200);
    const svg = Buffer.isBuffer(chart.body) ? chart.body.toString('utf8') : chart.text;
    expect(svg).toContain('Burndown — Ciclo di lavoro «Ciclo 3»');
    const epics: unknown[] = await t.db.query(
      `SELECT 1 FROM backlog_items WHERE team_id = $1 AND type = 'epic'`,
      [tributi.id],
    );
    expect(epics.length).toBe(3);
  });

  it('has the Tributi ceremonies of Ciclo 2: a closed retrospective, a review, a finished poker', async () => {
    const sm = await login(`scrum-master.tributi@demo.tresinarosecchia.example`);
    const auth = { Authorization: `Bearer ${sm}` };
    const [tributi]: { id: string }[] = await t.db.query(
      `SELECT id FROM teams WHERE name = 'Ufficio Tributi'`,
    );
    const [ciclo2]: { id: string }[] = await t.db.query(
      `SELECT id FROM sprints WHERE team_id = $1 AND name = 'Ciclo 2'`,
      [tributi.id],
    );

    const retros = await request(t.url)
      .get(`/api/v1/teams/${tributi.id}/retrospectives`)
      .set(auth)
      .expect(200);
    expect(retros.body).toHaveLength(1);
    const retro = await request(t.url)
      .get(`/api/v1/retrospectives/${retros.body[0].id}`)
      .set(auth)
      .expect(200);
    expect(retro.body).toMatchObject({
      phase: 'closed',
      template: 'went_well',
      sprintId: ciclo2.id,
    });
    expect(retro.body.columns.map((c: { title: string }) => c.title)).toEqual([
      'Andato bene',
      'Da migliorare',
      'Idee',
    ]);
    const authors: unknown[] = await t.db.query(
      `SELECT DISTINCT author_id FROM retro_cards WHERE retro_id = $1`,
      [retro.body.id],
    );
    expect(authors.length).toBeGreaterThanOrEqual(3);
    const voted = retro.body.groups.filter((g: { votes: number }) => g.votes > 0);
    expect(voted.length).toBeGreaterThanOrEqual(2);
    expect(retro.body.notes.length).toBeGreaterThan(0);
    const actions = retro.body.actionItems as {
      ownerId: string | null;
      dueDate: string | null;
      backlogItemId: string | null;
    }[];
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.length).toBeLessThanOrEqual(3);
    for (const action of actions) {
      expect(action.ownerId).toEqual(expect.any(String));
      expect(action.dueDate).toEqual(expect.any(String));
    }
    expect(actions.filter((a) => a.backlogItemId !== null)).toHaveLength(1);

    const reviews = await request(t.url)
      .get(`/api/v1/teams/${tributi.id}/sprint-reviews`)
      .set(auth)
      .expect(200);
    expect(reviews.body.map((r: { sprintId: string }) => r.sprintId)).toEqual([ciclo2.id]);
    const review = await request(t.url)
      .get(`/api/v1/sprint-reviews/${reviews.body[0].id}`)
      .set(auth)
      .expect(200);
    const decisions = review.body.items.map((i: { decision: string }) => i.decision);
    expect(decisions).toContain('accepted');
    expect(decisions).toContain('not_accepted');
    expect(review.body.feedback.length).toBeGreaterThan(0);

    const sessions = await request(t.url)
      .get(`/api/v1/teams/${tributi.id}/poker-sessions`)
      .set(auth)
      .expect(200);
    expect(sessions.body).toHaveLength(1);
    const session = await request(t.url)
      .get(`/api/v1/poker-sessions/${sessions.body[0].id}`)
      .set(auth)
      .expect(200);
    expect(session.body.state).toBe('ended');
    expect(session.body.items.length).toBeGreaterThanOrEqual(2);
    for (const item of session.body.items) expect(item.outcome).toBe('accepted');
    const [estimated]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM poker_session_items p
         JOIN backlog_items b ON b.id = p.item_id AND b.estimate = p.estimate
        WHERE p.session_id = $1`,
      [session.body.id],
    );
    expect(estimated.n).toBe(session.body.items.length);
  });

  it('has a cadence, the running cycle’s upcoming ceremonies, daily scrums and impediments', async () => {
    const dev = await login(`developer.tributi@demo.tresinarosecchia.example`);
    const auth = { Authorization: `Bearer ${dev}` };
    const [tributi]: { id: string }[] = await t.db.query(
      `SELECT id FROM teams WHERE name = 'Ufficio Tributi'`,
    );
    const base = `/api/v1/teams/${tributi.id}`;
    const cadence = await request(t.url).get(`${base}/cadence`).set(auth).expect(200);
    expect(cadence.body).toMatchObject({ dailyTime: '09:00', workingDays: [1, 2, 3, 4, 5] });
    expect(cadence.body.version).toBeGreaterThan(0);

    const [ciclo3]: { id: string; end_date: string }[] = await t.db.query(
      `SELECT id FROM sprints WHERE team_id = $1 AND name = 'Ciclo 3'`,
      [tributi.id],
    );
    const ceremonies = await request(t.url)
      .get(`${base}/ceremonies`)
      .query({ sprintId: ciclo3.id })
      .set(auth)
      .expect(200);
    const types = ceremonies.body.map((c: { type: string }) => c.type);
    for (const type of ['sprint_planning', 'daily_scrum', 'sprint_review', 'sprint_retrospective'])
      expect(types).toContain(type);
    const upcoming = ceremonies.body.filter(
      (c: { startsAt: string }) => new Date(c.startsAt).getTime() > Date.now(),
    );
    expect(upcoming.length).toBeGreaterThan(0);
    for (const c of ceremonies.body) expect(c.title).toContain('Ciclo 3');

    const days: { day: string; n: number }[] = await t.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM daily_scrum_entries
        WHERE team_id = $1 GROUP BY day ORDER BY day`,
      [tributi.id],
    );
    expect(days.length).toBeGreaterThanOrEqual(3);
    const daily = await request(t.url)
      .get(`${base}/daily-scrums/${days[0].day}`)
      .set(auth)
      .expect(200);
    expect(daily.body.entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of daily.body.entries) expect(entry.answers.done).not.toBe('');

    const impediments = await request(t.url).get(`${base}/impediments`).set(auth).expect(200);
    expect(impediments.body.map((i: { status: string }) => i.status)).toEqual(['open', 'resolved']);
  });
});

/** A demo made before the ceremony parts existed gets them on the next run, after its history. */
describe('demo workspace seed, on a demo made before the ceremony parts', () => {
  let t: TestApp;
  const LATER = [
    'seedCadence',
    'seedTributiReview',
    'seedTributiRetrospective',
    'seedTributiPoker',
    'seedUpcomingCeremonies',
    'seedTributiDailies',
  ];

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
  });
  afterAll(() => t.close());

  it('fills them in, keeping every event log gapless and in date order', async () => {
    const all = [...PARTS];
    PARTS.splice(0, PARTS.length, ...all.filter((part) => !LATER.includes(part.name)));
    try {
      await seedDemo(t.ritmo.app);
    } finally {
      PARTS.splice(0, PARTS.length, ...all);
    }
    expect(all.filter((part) => LATER.includes(part.name))).toHaveLength(LATER.length);
    const [before] = await t.db.query(`SELECT count(*)::int AS n FROM retrospectives`);
    expect(before.n).toBe(0);
    // Before the calendar existed, creating a sprint laid out no ceremonies.
    await t.db.query(`DELETE FROM ceremonies`);

    expect((await seedDemo(t.ritmo.app)).created).toBe(true);
    for (const table of ['retrospectives', 'sprint_reviews', 'poker_sessions', 'team_cadences']) {
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(row.n).toBeGreaterThan(0);
    }
    const [tributi]: { id: string }[] = await t.db.query(
      `SELECT id FROM teams WHERE name = 'Ufficio Tributi'`,
    );
    const kinds: { type: string }[] = await t.db.query(
      `SELECT DISTINCT c.type FROM ceremonies c JOIN sprints s ON s.id = c.sprint_id
        WHERE c.team_id = $1 AND s.state = 'active'`,
      [tributi.id],
    );
    expect(kinds.map((k) => k.type)).toEqual(
      expect.arrayContaining(['daily_scrum', 'sprint_review', 'sprint_retrospective']),
    );
    const outOfOrder: unknown[] = await t.db.query(`
      SELECT team_id FROM (
        SELECT team_id, occurred_at, lag(occurred_at) OVER (PARTITION BY team_id ORDER BY seq) AS prev
          FROM events) e
       WHERE prev > occurred_at`);
    expect(outOfOrder).toEqual([]);
    const gaps: unknown[] = await t.db.query(`
      SELECT t.id FROM teams t LEFT JOIN events e ON e.team_id = t.id GROUP BY t.id
      HAVING count(e.seq) <> t.event_seq OR coalesce(max(e.seq), 0) <> t.event_seq`);
    expect(gaps).toEqual([]);
    const [third] = await t.db.query(`SELECT count(*)::int AS n FROM events`);
    expect((await seedDemo(t.ritmo.app)).created).toBe(false);
    const [after] = await t.db.query(`SELECT count(*)::int AS n FROM events`);
    expect(after.n).toBe(third.n);
  });
});
