import request from 'supertest';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface Item {
  id: string;
  type: string;
  title: string;
  estimate: number | null;
  status: string;
  labelIds: string[];
  parentId: string | null;
  assigneeId: string | null;
  acceptanceCriteria: string[];
  sprintId: string | null;
}

/** A team out as one JSON document, and back into another team: the same backlog. */
describe('team export and its import into another team', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (user: TestUser, path: string, body: object) =>
    request(t.url).post(`/api/v1${path}`).set('Authorization', `Bearer ${user.token}`).send(body);

  async function backlog(user: TestUser, team: TestTeam): Promise<Item[]> {
    const res = await request(t.url)
      .get(`/api/v1/teams/${team.id}/backlog-items?limit=200`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    return res.body.items as Item[];
  }

  async function labelNames(user: TestUser, team: TestTeam): Promise<Map<string, string>> {
    const res = await request(t.url)
      .get(`/api/v1/teams/${team.id}/labels`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    return new Map((res.body as { id: string; name: string }[]).map((l) => [l.id, l.name]));
  }

  it('exports everything as one streamed document that imports back with the same order, estimates, labels and epics', async () => {
    const source = await f.team();
    const po = await f.member(source, 'product_owner');
    const dev = await f.member(source, 'developer');
    const label = (
      await post(po, `/teams/${source.id}/labels`, { name: 'Tributi', color: '#1f6feb' }).expect(
        201,
      )
    ).body as { id: string };
    const epic = (
      await post(po, `/teams/${source.id}/backlog-items`, {
        type: 'epic',
        title: 'Sportello digitale',
      }).expect(201)
    ).body as Item;
    const specs = [
      {
        title: 'Rimborso TARI',
        estimate: 3,
        parentId: epic.id,
        labelIds: [label.id],
        assigneeId: dev.id,
        acceptanceCriteria: ['Il cittadino riceve la ricevuta'],
      },
      { title: 'Certificato PDF vuoto', type: 'bug', estimate: 1 },
      { title: 'Modulo mensa', estimate: 5, parentId: epic.id, status: 'in_progress' },
      { title: 'Senza stima' },
    ];
    for (const spec of specs) await post(po, `/teams/${source.id}/backlog-items`, spec).expect(201);
    const before = await backlog(po, source);
    const sprint = (
      await post(po, `/teams/${source.id}/sprints`, {
        name: 'Sprint 1',
        goal: 'TARI online',
        startDate: '2027-01-11',
        endDate: '2027-01-22',
      }).expect(201)
    ).body as { id: string };
    await post(po, `/sprints/${sprint.id}/items`, { ids: [before[1].id, before[2].id] }).expect(
      200,
    );

    const exported = await request(t.url)
      .get(`/api/v1/teams/${source.id}/export`)
      .set('Authorization', `Bearer ${dev.token}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(exported.headers['content-type']).toMatch(/^application\/json/);
    const text = exported.body as string;
    const doc = JSON.parse(text) as {
      format: string;
      team: { id: string };
      items: Item[];
      sprints: { id: string; name: string; goal: string; startDate: string }[];
      events: { seq: number; type: string }[];
    };
    expect(doc.format).toBe('ritmo-team-export');
    expect(doc.items.map((i) => i.id)).toEqual(before.map((i) => i.id));
    expect(doc.sprints).toEqual([
      expect.objectContaining({
        id: sprint.id,
        name: 'Sprint 1',
        goal: 'TARI online',
        startDate: '2027-01-11',
      }),
    ]);
    expect(doc.items.filter((i) => i.sprintId === sprint.id)).toHaveLength(2);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events WHERE team_id = $1`,
      [source.id],
    );
    expect(doc.events).toHaveLength(n);
    expect(doc.events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));

    // Another team of the same office: the developer is a member there too.
    const target = await f.team();
    const sm = await f.member(target, 'scrum_master');
    await f.member(target, 'developer', dev);
    const upload = (dryRun: boolean) =>
      request(t.url)
        .post(`/api/v1/teams/${target.id}/imports`)
        .set('Authorization', `Bearer ${sm.token}`)
        .field('dryRun', String(dryRun))
        .attach('file', Buffer.from(text), {
          filename: 'ritmo-team.json',
          contentType: 'application/json',
        });
    const dry = await upload(true).expect(200);
    expect(dry.body).toMatchObject({
      format: 'ritmo-team-export',
      rows: 5,
      create: {
        items: 5,
        byType: { epic: 1, story: 3, bug: 1 },
        newLabels: ['Tributi'],
        alreadyImported: 0,
      },
      people: { matched: [{ userId: dev.id }], unmatched: [] },
      problems: [],
    });
    expect(await backlog(sm, target)).toEqual([]);

    const queued = await upload(false).expect(202);
    await finished(sm, target, queued.body.id as string);
    const after = await backlog(sm, target);
    const names = await labelNames(sm, target);
    const shape = (items: Item[], labels: Map<string, string>) =>
      items.map((i) => ({
        type: i.type,
        title: i.title,
        estimate: i.estimate,
        status: i.status,
        labels: i.labelIds.map((id) => labels.get(id)),
        parent: items.find((p) => p.id === i.parentId)?.title ?? null,
        assigneeId: i.assigneeId,
        acceptanceCriteria: i.acceptanceCriteria,
      }));
    expect(shape(after, names)).toEqual(shape(before, await labelNames(po, source)));

    const again = await upload(false).expect(202);
    expect(await finished(sm, target, again.body.id as string)).toMatchObject({ created: 0 });
    expect(await backlog(sm, target)).toHaveLength(5);
  });

  async function finished(
    user: TestUser,
    team: TestTeam,
    id: string,
  ): Promise<Record<string, unknown>> {
    for (;;) {
      const res = await request(t.url)
        .get(`/api/v1/teams/${team.id}/imports/${id}`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(200);
      const job = res.body as Record<string, unknown>;
      if (job.state === 'completed') return job;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
});
