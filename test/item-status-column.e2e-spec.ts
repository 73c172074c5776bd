import { Factory, TestTeam, TestUser } from './support/factories';
import { backlogApi } from './support/backlog';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An item's status is the category of its board column. No trigger keeps them together any more:
 * the board's move, a column's deletion and the backlog's status change each write both.
 */
describe('item status and board column stay in step', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let dev: TestUser;
  let sm: TestUser;
  let client: TestClient;
  let columns: Record<string, { id: string; version: number }>;

  beforeAll(async () => {
    t = await startTestApp();
    api = backlogApi(t);
    const f = new Factory(t);
    team = await f.team({ process: 'kanban' });
    dev = await f.member(team, 'developer');
    sm = await f.member(team, 'scrum_master');
    client = await connectClient(t.url, dev.token);
    await client.client.subscribe(team.id);
    const workflow = await api.get(dev, `/teams/${team.id}/workflow`).expect(200);
    columns = Object.fromEntries(
      (workflow.body.statuses as { id: string; name: string; version: number }[]).map((s) => [
        s.name,
        s,
      ]),
    );
  });
  afterAll(async () => {
    client.client.close();
    await t.close();
  });

  async function row(itemId: string) {
    const [item] = await t.db.query<{ status: string; status_id: string; version: number }[]>(
      `SELECT status, status_id, version FROM backlog_items WHERE id = $1`,
      [itemId],
    );
    return item;
  }

  async function newItem(title: string): Promise<string> {
    const res = await api
      .post(dev, `/teams/${team.id}/backlog-items`, { title, type: 'task' })
      .expect(201);
    return res.body.id as string;
  }

  it('has no trigger left on backlog_items', async () => {
    const triggers = await t.db.query<unknown[]>(
      `SELECT 1 FROM pg_trigger WHERE tgrelid = 'backlog_items'::regclass AND NOT tgisinternal`,
    );
    expect(triggers).toHaveLength(0);
  });

  it('a new item sits in the first column of its status', async () => {
    const id = await newItem('Rinnovo carte d’identità');
    expect(await row(id)).toMatchObject({ status: 'todo', status_id: columns['Backlog'].id });
  });

  it('a board move sets the status to the category of the column, in the row, the answer and the event', async () => {
    const id = await newItem('Pratiche di cambio residenza');
    const moved = await api
      .post(dev, `/teams/${team.id}/board/moves`, { itemId: id, statusId: columns['In corso'].id })
      .expect(200);
    expect(moved.body).toMatchObject({ item: { id }, statusId: columns['In corso'].id });
    expect(await row(id)).toMatchObject({
      status: 'in_progress',
      status_id: columns['In corso'].id,
    });
    const item = await api.get(dev, `/backlog-items/${id}`).expect(200);
    expect(item.body.status).toBe('in_progress');
    await waitFor(
      () =>
        client.events.some((e) => e.type === 'board.item_moved' && e.seq === moved.body.eventSeq),
      5_000,
      'board.item_moved',
    );
    const event = client.events.find((e) => e.seq === moved.body.eventSeq);
    expect(event?.data).toMatchObject({
      itemId: id,
      from: { statusId: columns['Backlog'].id, category: 'todo' },
      to: { statusId: columns['In corso'].id, category: 'in_progress' },
    });

    // Back to a todo column that is not the first one: todo again, in that column.
    await api
      .post(dev, `/teams/${team.id}/board/moves`, { itemId: id, statusId: columns['Pronto'].id })
      .expect(200);
    expect(await row(id)).toMatchObject({ status: 'todo', status_id: columns['Pronto'].id });
  });

  it('a status set through the backlog moves the item to that category’s first column; the same status keeps its column', async () => {
    const id = await newItem('Contributi per le mense scolastiche');
    await api
      .post(dev, `/teams/${team.id}/board/moves`, { itemId: id, statusId: columns['Pronto'].id })
      .expect(200);
    let version = (await row(id)).version;
    await api.patch(dev, `/backlog-items/${id}`, { status: 'todo' }, version).expect(200);
    expect(await row(id)).toMatchObject({ status: 'todo', status_id: columns['Pronto'].id });
    version = (await row(id)).version;
    const done = await api
      .patch(dev, `/backlog-items/${id}`, { status: 'done' }, version)
      .expect(200);
    expect(done.body.status).toBe('done');
    expect(await row(id)).toMatchObject({ status: 'done', status_id: columns['Fatto'].id });
    const board = await api.get(dev, `/teams/${team.id}/board`).expect(200);
    const fatto = (board.body.columns as { statusId: string; items: { id: string }[] }[]).find(
      (c) => c.statusId === columns['Fatto'].id,
    );
    expect(fatto?.items.map((i) => i.id)).toContain(id);
  });

  it('deleting a column moves its items to another and gives them that column’s category', async () => {
    const owner = sm;
    const extra = await api
      .post(owner, `/teams/${team.id}/workflow/statuses`, {
        name: 'Verifica',
        category: 'in_progress',
      })
      .expect(201);
    const id = await newItem('Bando per il verde pubblico');
    await api
      .post(dev, `/teams/${team.id}/board/moves`, { itemId: id, statusId: extra.body.id })
      .expect(200);
    expect(await row(id)).toMatchObject({ status: 'in_progress', status_id: extra.body.id });
    await api
      .delete(
        owner,
        `/teams/${team.id}/workflow/statuses/${extra.body.id}?moveItemsTo=${columns['Fatto'].id}`,
        extra.body.version,
      )
      .expect(204);
    expect(await row(id)).toMatchObject({ status: 'done', status_id: columns['Fatto'].id });
  });
});
