/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import request from 'supertest';
import { ADMIN, DEMO_PASSWORD, TEAMS, WORKSPACES } from '../scripts/demo/demo-data';
import { DemoRefused, seedDemo } from '../scripts/demo/seed';
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
    expect(svg).toContain('Ciclo di lavoro: burndown');
    const epics: unknown[] = await t.db.query(
      `SELECT 1 FROM backlog_items WHERE team_id = $1 AND type = 'epic'`,
      [tributi.id],
    );
    expect(epics.length).toBe(3);
  });
});
