import { randomUUID } from 'node:crypto';
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Every bad input of the issue: a problem+json naming the field, and nothing written. */
describe('backlog: bad input is refused and writes nothing', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let other: TestTeam;
  let po: TestUser;
  let outsider: TestUser;
  let story: string;
  let epic: string;
  let otherEpic: string;
  let otherItem: string;
  let otherLabel: string;
  const items: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    other = await f.team();
    po = await f.member(team, 'product_owner');
    await f.member(other, 'product_owner', po);
    outsider = await f.member(other, 'developer');
    const base = `/teams/${team.id}/backlog-items`;
    story = (await api.post(po, base, { title: 'Storia' }).expect(201)).body.id;
    epic = (await api.post(po, base, { title: 'Epica', type: 'epic' }).expect(201)).body.id;
    await api.post(po, base, { title: 'Figlia', parentId: epic }).expect(201);
    const otherBase = `/teams/${other.id}/backlog-items`;
    otherEpic = (await api.post(po, otherBase, { title: 'Altra', type: 'epic' }).expect(201)).body
      .id;
    otherItem = (await api.post(po, otherBase, { title: 'Altro' }).expect(201)).body.id;
    otherLabel = (
      await api.post(po, `/teams/${other.id}/labels`, { name: 'Altro', color: '#000000' })
    ).body.id;
    items.push(...(await api.items(po, team, ['uno', 'due', 'tre'])).map((i) => i.id));
  });
  afterAll(async () => {
    await t.close();
  });

  async function expectRefused(
    send: () => PromiseLike<{ status: number; body: any; headers: Record<string, string> }>, // eslint-disable-line @typescript-eslint/no-explicit-any
    status: number,
    field?: string,
  ) {
    const before = [await api.counts(team), await api.counts(other)];
    const snapshot = await t.db.query(`SELECT id, rank, version FROM backlog_items ORDER BY id`);
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect(fieldsOf(res.body)).toContain(field);
    expect([await api.counts(team), await api.counts(other)]).toEqual(before);
    expect(await t.db.query(`SELECT id, rank, version FROM backlog_items ORDER BY id`)).toEqual(
      snapshot,
    );
    return res;
  }

  const create = (body: object) => api.post(po, `/teams/${team.id}/backlog-items`, body);
  const patch = (id: string, body: object) => api.patch(po, `/backlog-items/${id}`, body, 1);
  const rank = (body: object) => api.post(po, `/teams/${team.id}/backlog-items/rank`, body);

  it('estimate off the team scale', async () => {
    const res = await expectRefused(() => create({ title: 'x', estimate: 4 }), 400, 'estimate');
    expect(res.body.detail).toContain('0, 1, 2, 3, 5, 8, 13, 21');
    await expectRefused(() => patch(story, { estimate: 100 }), 400, 'estimate');
    await expectRefused(() => create({ title: 'x', estimate: '5' }), 400, 'estimate');
  });

  it('parent that is not an epic, or of another team, or the item itself', async () => {
    await expectRefused(() => create({ title: 'x', parentId: story }), 400, 'parentId');
    await expectRefused(() => create({ title: 'x', parentId: otherEpic }), 400, 'parentId');
    await expectRefused(() => create({ title: 'x', parentId: randomUUID() }), 400, 'parentId');
    await expectRefused(() => patch(story, { parentId: story }), 400, 'parentId');
    await expectRefused(
      () => create({ title: 'x', type: 'epic', parentId: epic }),
      400,
      'parentId',
    );
    await expectRefused(() => patch(epic, { type: 'story' }), 400, 'type');
  });

  it('assignee who is not a member, label of another team', async () => {
    await expectRefused(() => create({ title: 'x', assigneeId: outsider.id }), 400, 'assigneeId');
    await expectRefused(() => patch(story, { assigneeId: randomUUID() }), 400, 'assigneeId');
    await expectRefused(() => create({ title: 'x', labelIds: [otherLabel] }), 400, 'labelIds.0');
  });

  it('unknown fields, wrong types, 10,000-character titles, long descriptions', async () => {
    await expectRefused(() => create({ title: 'x', rank: 'a0' }), 400, 'rank');
    await expectRefused(() => create({ title: 'x', sprintId: randomUUID() }), 400, 'sprintId');
    await expectRefused(() => patch(story, { createdBy: po.id }), 400, 'createdBy');
    await expectRefused(() => create({ title: 'x'.repeat(10_000) }), 400, 'title');
    await expectRefused(() => patch(story, { title: 'x'.repeat(10_000) }), 400, 'title');
    await expectRefused(() => create({ title: '   ' }), 400, 'title');
    await expectRefused(() => patch(story, { title: null }), 400, 'title');
    await expectRefused(
      () => create({ title: 'x', description: 'd'.repeat(20_001) }),
      400,
      'description',
    );
    await expectRefused(() => create({ title: 'x', type: 'feature' }), 400, 'type');
    await expectRefused(() => create({ title: 'x', status: 'blocked' }), 400, 'status');
    await expectRefused(
      () => create({ title: 'x', readyChecklist: [{ text: 'a', done: 'yes' }] }),
      400,
      'readyChecklist.0.done',
    );
    await expectRefused(
      () => create({ title: 'x', readyChecklist: [{ text: 'a', done: true, extra: 1 }] }),
      400,
      'readyChecklist.0.extra',
    );
  });

  it('bulk: a bad line refuses the whole batch', async () => {
    const bulk = (body: object) => api.post(po, `/teams/${team.id}/backlog-items/bulk`, body);
    const res = await expectRefused(
      () => bulk({ text: `buona\n${'x'.repeat(201)}\nanche buona` }),
      400,
      'text',
    );
    expect(res.body.errors[0].message).toBe('la riga 2 supera 200 caratteri');
    await expectRefused(() => bulk({ text: '\n  \n' }), 400, 'text');
    await expectRefused(() => bulk({ text: Array(201).fill('riga').join('\n') }), 400, 'text');
    await expectRefused(() => bulk({ text: 'a', parentId: otherEpic }), 400, 'parentId');
  });

  it('rank: anchor of another team, anchor among the ids, more than 100 ids, bad ids', async () => {
    await expectRefused(() => rank({ ids: [items[0]], after: otherItem }), 400, 'after');
    await expectRefused(() => rank({ ids: [items[0]], before: randomUUID() }), 400, 'before');
    await expectRefused(() => rank({ ids: [items[0], items[1]], before: items[1] }), 400, 'before');
    await expectRefused(() => rank({ ids: [items[0], items[1]], after: items[0] }), 400, 'after');
    const many = Array.from({ length: 101 }, () => randomUUID());
    await expectRefused(() => rank({ ids: many, position: 'top' }), 400, 'ids');
    await expectRefused(() => rank({ ids: [items[0], otherItem], position: 'top' }), 400, 'ids.1');
    await expectRefused(() => rank({ ids: [items[0], items[0]], position: 'top' }), 400, 'ids');
    await expectRefused(() => rank({ ids: [], position: 'top' }), 400, 'ids');
    await expectRefused(() => rank({ ids: [items[0]] }), 400, 'position');
    await expectRefused(
      () => rank({ ids: [items[0]], before: items[1], after: items[2] }),
      400,
      'position',
    );
    await expectRefused(() => rank({ ids: [items[0]], position: 'middle' }), 400, 'position');
    await expectRefused(() => rank({ ids: [items[0]], position: 'top', rank: 'a0' }), 400, 'rank');
  });

  it('ids of other teams are 404s that never name the other team', async () => {
    const res = await expectRefused(() => api.get(po, `/backlog-items/${randomUUID()}`), 404);
    expect(res.body.type).toBe('urn:ritmo:problem:not-found');
    const hidden = await expectRefused(() => api.get(outsider, `/backlog-items/${story}`), 404);
    expect(hidden.body.detail).not.toContain(team.id);
    await expectRefused(
      () => api.patch(outsider, `/backlog-items/${story}`, { title: 'x' }, 1),
      404,
    );
    await expectRefused(
      () => api.post(outsider, `/teams/${team.id}/backlog-items`, { title: 'x' }),
      404,
    );
    await expectRefused(() => api.get(outsider, `/teams/${team.id}/backlog-items/rank-check`), 404);
  });

  it('malformed If-Match is a 400', async () => {
    await expectRefused(() => api.patch(po, `/backlog-items/${story}`, { title: 'x' }, 'v1'), 400);
  });
});
