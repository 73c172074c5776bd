import request from 'supertest';
import { TeamDefaultColumns1795801150000 } from '../migrations/1795801150000-TeamDefaultColumns';
import { Factory, TestTeam } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A team's board columns are created with the team, in its transaction and its `team.created`
 * event; reads of the board, the workflow and the flow chart only read.
 */
describe('default board columns', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  const auth = (team: TestTeam) => ({ Authorization: `Bearer ${team.admin.token}` });

  /** Everything a read could have written for the team. */
  async function snapshot(teamId: string): Promise<unknown> {
    const q = (sql: string) => t.db.query(sql, [teamId]);
    return {
      team: await q(`SELECT event_seq, version, updated_at FROM teams WHERE id = $1`),
      events: await q(`SELECT seq, type FROM events WHERE team_id = $1 ORDER BY seq`),
      columns: await q(
        `SELECT id, name, category, position, version FROM workflow_statuses
          WHERE team_id = $1 ORDER BY position`,
      ),
      items: await q(
        `SELECT id, status, status_id, version, updated_at FROM backlog_items
          WHERE team_id = $1 ORDER BY id`,
      ),
    };
  }

  it('creates the columns with the team, in its language, and carries them in team.created', async () => {
    const team = await f.team({ process: 'kanban' });
    const columns = await t.db.query<
      { id: string; name: string; category: string; position: number; version: number }[]
    >(
      `SELECT id, name, category, position, version FROM workflow_statuses
        WHERE team_id = $1 ORDER BY position`,
      [team.id],
    );
    expect(columns.map((c) => [c.name, c.category, c.position])).toEqual([
      ['Backlog', 'todo', 1],
      ['Pronto', 'todo', 2],
      ['In corso', 'in_progress', 3],
      ['Fatto', 'done', 4],
    ]);
    const [created] = await t.db.query<{ seq: string; data: Record<string, unknown> }[]>(
      `SELECT seq, data FROM events WHERE team_id = $1 AND type = 'team.created'`,
      [team.id],
    );
    expect(Number(created.seq)).toBe(1);
    expect(created.data.workflow).toEqual({
      statuses: columns.map((c) => ({
        id: c.id,
        teamId: team.id,
        name: c.name,
        category: c.category,
        position: c.position,
        wipLimit: null,
        version: c.version,
      })),
    });
    const statusEvents = await t.db.query<unknown[]>(
      `SELECT 1 FROM events WHERE team_id = $1 AND type LIKE 'workflow.%'`,
      [team.id],
    );
    expect(statusEvents).toHaveLength(0);
  });

  it('names them in English for an English team', async () => {
    const admin = await f.user();
    const workspace = await request(t.url)
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ name: 'Unione Tresinaro Secchia' })
      .expect(201);
    const team = await request(t.url)
      .post(`/api/v1/workspaces/${workspace.body.id}/teams`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ name: 'IT service', locale: 'en' })
      .expect(201);
    const workflow = await request(t.url)
      .get(`/api/v1/teams/${team.body.id}/workflow`)
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect((workflow.body.statuses as { name: string }[]).map((s) => s.name)).toEqual([
      'To Do',
      'In Progress',
      'Review',
      'Done',
    ]);
  });

  it.each(['scrum', 'kanban'] as const)(
    'a GET on a new %s team’s board, workflow and flow chart writes nothing',
    async (process) => {
      const team = await f.team({ process });
      const po = await f.member(team, 'product_owner');
      await request(t.url)
        .post(`/api/v1/teams/${team.id}/backlog-items`)
        .set('Authorization', `Bearer ${po.token}`)
        .send({ title: 'Certificati anagrafici online', type: 'story' })
        .expect(201);
      const before = await snapshot(team.id);
      const board = await request(t.url)
        .get(`/api/v1/teams/${team.id}/board`)
        .set(auth(team))
        .expect(200);
      expect(board.body.columns).toHaveLength(4);
      await request(t.url).get(`/api/v1/teams/${team.id}/workflow`).set(auth(team)).expect(200);
      await request(t.url)
        .get(`/api/v1/teams/${team.id}/cumulative-flow`)
        .set(auth(team))
        .expect(200);
      expect(await snapshot(team.id)).toEqual(before);
    },
  );

  it('the data migration gives a team without columns its defaults and places its items', async () => {
    const team = await f.team();
    const po = await f.member(team, 'product_owner');
    const item = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set('Authorization', `Bearer ${po.token}`)
      .send({ title: 'Iscrizioni al nido', type: 'story', status: 'done' })
      .expect(201);
    // As a team made before columns came with the team: none, and its item in none.
    await t.db.query(`UPDATE backlog_items SET status_id = NULL WHERE team_id = $1`, [team.id]);
    await t.db.query(`DELETE FROM workflow_statuses WHERE team_id = $1`, [team.id]);
    const runner = t.db.createQueryRunner();
    try {
      await new TeamDefaultColumns1795801150000().up(runner);
    } finally {
      await runner.release();
    }
    const columns = await t.db.query<{ name: string }[]>(
      `SELECT name FROM workflow_statuses WHERE team_id = $1 ORDER BY position`,
      [team.id],
    );
    expect(columns.map((c) => c.name)).toEqual(['Da fare', 'In corso', 'In revisione', 'Fatto']);
    const [placed] = await t.db.query<{ status: string; name: string }[]>(
      `SELECT b.status, w.name FROM backlog_items b JOIN workflow_statuses w ON w.id = b.status_id
        WHERE b.id = $1`,
      [item.body.id],
    );
    expect(placed).toEqual({ status: 'done', name: 'Fatto' });
  });
});
