import { backlogApi, BACKLOG_TEST_ENV, pluck } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('backlog items: create, bulk, get, patch, archive, history', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let po: TestUser;
  let dev: TestUser;
  let stakeholder: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    po = await f.member(team, 'product_owner');
    dev = await f.member(team, 'developer');
    stakeholder = await f.member(team, 'stakeholder');
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates an item with every field, stores it, appends backlog_item.created', async () => {
    const label = await api
      .post(po, `/teams/${team.id}/labels`, { name: 'Sportello', color: '#1F6FEB' })
      .expect(201);
    const epic = await api
      .post(po, `/teams/${team.id}/backlog-items`, { type: 'epic', title: 'Tributi online' })
      .expect(201);
    const seq = await api.lastSeq(team);
    const res = await api
      .post(dev, `/teams/${team.id}/backlog-items`, {
        type: 'story',
        title: '  Pagamento TARI con PagoPA  ',
        description: '**Come** cittadino voglio pagare la TARI online',
        acceptanceCriteria: ['Ricevuta via email', 'Avviso scaricabile'],
        estimate: 5,
        status: 'in_progress',
        labelIds: [label.body.id],
        assigneeId: dev.id,
        parentId: epic.body.id,
        readyChecklist: [{ text: 'Modulistica verificata', done: true }],
      })
      .expect(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      teamId: team.id,
      type: 'story',
      title: 'Pagamento TARI con PagoPA',
      estimate: 5,
      status: 'in_progress',
      labelIds: [label.body.id],
      assigneeId: dev.id,
      parentId: epic.body.id,
      sprintId: null,
      ready: true,
      createdBy: dev.id,
      archivedAt: null,
      version: 1,
      progress: null,
    });
    expect(res.body.rank > epic.body.rank).toBe(true);
    const [row] = await t.db.query(`SELECT * FROM backlog_items WHERE id = $1`, [res.body.id]);
    expect(row).toMatchObject({ title: 'Pagamento TARI con PagoPA', estimate: '5', ready: true });
    const events = await api.events(team, seq);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'backlog_item.created', actor_id: dev.id });
    expect(events[0].data.item).toEqual({ ...res.body, progress: undefined });

    const got = await api.get(stakeholder, `/backlog-items/${epic.body.id}`).expect(200);
    expect(got.body.progress).toEqual({ items: 1, itemsDone: 0, points: 5, pointsDone: 0 });
  });

  it('computes ready: non-empty checklist, all done, and an estimate', async () => {
    const base = `/teams/${team.id}/backlog-items`;
    const cases: [object, boolean][] = [
      [{}, false],
      [{ estimate: 3 }, false],
      [{ estimate: 3, readyChecklist: [{ text: 'a', done: false }] }, false],
      [{ readyChecklist: [{ text: 'a', done: true }] }, false],
      [
        {
          estimate: 0,
          readyChecklist: [
            { text: 'a', done: true },
            { text: 'b', done: true },
          ],
        },
        true,
      ],
    ];
    for (const [fields, ready] of cases) {
      const res = await api.post(dev, base, { title: 'Iscrizione mensa', ...fields }).expect(201);
      expect(res.body.ready).toBe(ready);
    }
  });

  it('bulk-creates one item per line, in order, at the bottom, one event each', async () => {
    const seq = await api.lastSeq(team);
    const before = await api.counts(team);
    const res = await api
      .post(dev, `/teams/${team.id}/backlog-items/bulk`, {
        text: 'Modulo iscrizione pre-scuola\n\n- Rimborso retta\n2. Certificato di residenza\n',
        type: 'task',
      })
      .expect(201);
    expect(pluck(res.body.items, 'title')).toEqual([
      'Modulo iscrizione pre-scuola',
      'Rimborso retta',
      'Certificato di residenza',
    ]);
    expect(new Set(pluck(res.body.items, 'type'))).toEqual(new Set(['task']));
    expect((await api.order(team)).slice(-3)).toEqual([
      'Modulo iscrizione pre-scuola',
      'Rimborso retta',
      'Certificato di residenza',
    ]);
    const events = await api.events(team, seq);
    expect(events.map((e) => e.type)).toEqual(Array(3).fill('backlog_item.created'));
    expect(events.map((e) => e.data.item.id as string)).toEqual(pluck(res.body.items, 'id'));
    expect((await api.counts(team)).items).toBe(before.items + 3);
  });

  it('gets one item with its ETag; another team’s member gets a 404', async () => {
    const [item] = await api.items(dev, team, ['Cambio di residenza online']);
    const res = await api.get(stakeholder, `/backlog-items/${item.id}`).expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.title).toBe('Cambio di residenza online');
    const other = await f.team();
    const outsider = await f.member(other, 'product_owner');
    const hidden = await api.get(outsider, `/backlog-items/${item.id}`).expect(404);
    expect(hidden.body.detail).not.toContain(team.id);
    await api.get(outsider, `/backlog-items/not-a-uuid`).expect(404);
  });

  it('patches with If-Match, records the changes, bumps the version', async () => {
    const [item] = await api.items(dev, team, ['Rilascio CIE']);
    const seq = await api.lastSeq(team);
    const res = await api
      .patch(
        dev,
        `/backlog-items/${item.id}`,
        { title: 'Rilascio carta d’identità', estimate: 8 },
        1,
      )
      .expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ title: 'Rilascio carta d’identità', estimate: 8, version: 2 });
    const events = await api.events(team, seq);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('backlog_item.updated');
    expect(events[0].data.changes).toEqual([
      { field: 'title', from: 'Rilascio CIE', to: 'Rilascio carta d’identità' },
      { field: 'estimate', from: null, to: 8 },
    ]);
    expect(events[0].data.item.version).toBe(2);

    // Setting nullable fields back to null; sending the same values changes nothing.
    await api.patch(dev, `/backlog-items/${item.id}`, { estimate: null }, 2).expect(200);
    const same = await api
      .patch(dev, `/backlog-items/${item.id}`, { estimate: null }, 3)
      .expect(200);
    expect(same.body.version).toBe(3);
    expect((await api.events(team, seq)).length).toBe(2);
  });

  it('answers 412 with the current state when stale, 428 without If-Match', async () => {
    const [item] = await api.items(dev, team, ['Bonus idrico']);
    await api.patch(dev, `/backlog-items/${item.id}`, { status: 'done' }, 1).expect(200);
    const before = await api.counts(team);
    const stale = await api.patch(dev, `/backlog-items/${item.id}`, { title: 'x' }, 1).expect(412);
    expect(stale.body.type).toBe('urn:ritmo:problem:precondition-failed');
    expect(stale.body.current).toMatchObject({ id: item.id, version: 2, status: 'done' });
    await api.patch(dev, `/backlog-items/${item.id}`, { title: 'x' }).expect(428);
    await api.delete(dev, `/backlog-items/${item.id}`).expect(428);
    await api.delete(dev, `/backlog-items/${item.id}`, 1).expect(412);
    expect(await api.counts(team)).toEqual(before);
  });

  it('archives: hidden from the list unless includeArchived, event appended', async () => {
    const [item] = await api.items(dev, team, ['Pratica da archiviare']);
    const seq = await api.lastSeq(team);
    await api.delete(dev, `/backlog-items/${item.id}`, 1).expect(204);
    const [row]: { archived_at: Date; version: number }[] = await t.db.query(
      `SELECT archived_at, version FROM backlog_items WHERE id = $1`,
      [item.id],
    );
    expect(row.archived_at).toBeInstanceOf(Date);
    expect(row.version).toBe(2);
    const events = await api.events(team, seq);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'backlog_item.archived',
        data: { itemId: item.id, archivedAt: row.archived_at.toISOString(), version: 2 },
      }),
    ]);
    const list = await api.get(dev, `/teams/${team.id}/backlog-items?limit=200`).expect(200);
    expect(pluck(list.body.items, 'id')).not.toContain(item.id);
    const all = await api
      .get(dev, `/teams/${team.id}/backlog-items?limit=200&includeArchived=true`)
      .expect(200);
    expect(pluck(all.body.items, 'id')).toContain(item.id);
    await api.patch(dev, `/backlog-items/${item.id}`, { title: 'y' }, 2).expect(409);
    await api.delete(dev, `/backlog-items/${item.id}`, 2).expect(409);
  });

  it('stakeholders read but may not write; developers may not rank', async () => {
    const [item] = await api.items(dev, team, ['Solo lettura']);
    const before = await api.counts(team);
    await api.post(stakeholder, `/teams/${team.id}/backlog-items`, { title: 'No' }).expect(403);
    await api.patch(stakeholder, `/backlog-items/${item.id}`, { title: 'No' }, 1).expect(403);
    await api.delete(stakeholder, `/backlog-items/${item.id}`, 1).expect(403);
    await api
      .post(dev, `/teams/${team.id}/backlog-items/rank`, { ids: [item.id], position: 'top' })
      .expect(403);
    expect(await api.counts(team)).toEqual(before);
  });

  it('shows history: who changed what, from what to what, when', async () => {
    const [item] = await api.items(dev, team, ['Contributo libri di testo']);
    const [anchor] = await api.items(dev, team, ['Ancora']);
    await api
      .patch(dev, `/backlog-items/${item.id}`, { estimate: 2, status: 'in_progress' }, 1)
      .expect(200);
    const ranked = await api
      .post(po, `/teams/${team.id}/backlog-items/rank`, { ids: [item.id], after: anchor.id })
      .expect(200);
    await api.delete(po, `/backlog-items/${item.id}`, 2).expect(204);
    const res = await api.get(stakeholder, `/backlog-items/${item.id}/history`).expect(200);
    const history = res.body as { type: string; seq: number; occurredAt: string }[];
    expect(history.map((e) => e.type)).toEqual([
      'backlog_item.created',
      'backlog_item.updated',
      'backlog_item.ranked',
      'backlog_item.archived',
    ]);
    expect(res.body[0]).toMatchObject({
      actorId: dev.id,
      changes: expect.arrayContaining([
        { field: 'title', from: null, to: 'Contributo libri di testo' },
      ]),
    });
    expect(res.body[1].changes).toEqual([
      { field: 'estimate', from: null, to: 2 },
      { field: 'status', from: 'todo', to: 'in_progress' },
    ]);
    expect(res.body[2]).toMatchObject({
      actorId: po.id,
      changes: [{ field: 'rank', from: item.rank, to: ranked.body.moves[0].to }],
    });
    expect(res.body[3].changes[0]).toMatchObject({ field: 'archivedAt', from: null });
    expect(history.every((e) => e.seq > 0 && e.occurredAt !== '')).toBe(true);
  });
});
