import { EventBus } from '../src/events/event-bus';
import type { EventEnvelope } from '../src/events/event-catalogue';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('backlog labels: CRUD per team; events published after commit', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let dev: TestUser;
  let stakeholder: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    dev = await f.member(team, 'developer');
    stakeholder = await f.member(team, 'stakeholder');
  });
  afterAll(async () => {
    await t.close();
  });

  const labels = `/labels`;

  it('creates, lists, renames and deletes a label, with its events', async () => {
    const seq = await api.lastSeq(team);
    const created = await api
      .post(dev, `/teams/${team.id}${labels}`, { name: ' Sportello ', color: '#1F6FEB' })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ teamId: team.id, name: 'Sportello', color: '#1f6feb' });
    await api.post(dev, `/teams/${team.id}${labels}`, { name: 'Anagrafe', color: '#00ff00' });
    const list = await api.get(stakeholder, `/teams/${team.id}${labels}`).expect(200);
    expect((list.body as { name: string }[]).map((l) => l.name)).toEqual(['Anagrafe', 'Sportello']);

    const id = created.body.id as string;
    const renamed = await api
      .patch(dev, `/teams/${team.id}${labels}/${id}`, { name: 'Sportello unico' }, 1)
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Sportello unico', version: 2 });
    await api.patch(dev, `/teams/${team.id}${labels}/${id}`, { color: '#000000' }, 1).expect(412);
    await api.patch(dev, `/teams/${team.id}${labels}/${id}`, { color: '#000000' }).expect(428);

    const [item] = await api.items(dev, team, ['Con etichetta']);
    await api.patch(dev, `/backlog-items/${item.id}`, { labelIds: [id] }, 1).expect(200);
    await api.delete(dev, `/teams/${team.id}${labels}/${id}`, 1).expect(412);
    await api.delete(dev, `/teams/${team.id}${labels}/${id}`, 2).expect(204);
    const [row] = await t.db.query(`SELECT label_ids FROM backlog_items WHERE id = $1`, [item.id]);
    expect(row.label_ids).toEqual([]);
    expect(await t.db.query(`SELECT 1 FROM labels WHERE id = $1`, [id])).toHaveLength(0);

    const events = (await api.events(team, seq)).filter((e) => e.type.startsWith('label.'));
    expect(events.map((e) => e.type)).toEqual([
      'label.created',
      'label.created',
      'label.updated',
      'label.deleted',
    ]);
    expect(events[2].data).toMatchObject({
      label: { id, name: 'Sportello unico', version: 2 },
      changes: [{ field: 'name', from: 'Sportello', to: 'Sportello unico' }],
    });
    expect(events[3].data).toEqual({ labelId: id, name: 'Sportello unico', itemIds: [item.id] });
  });

  it('refuses duplicate names (any case), bad colours, unknown fields and stakeholders', async () => {
    await api.post(dev, `/teams/${team.id}${labels}`, { name: 'Urgente', color: '#ff0000' });
    const before = await api.counts(team);
    const taken = await api
      .post(dev, `/teams/${team.id}${labels}`, { name: 'URGENTE', color: '#ff0000' })
      .expect(409);
    expect(taken.body.type).toBe('urn:ritmo:problem:label-name-taken');
    await api.post(dev, `/teams/${team.id}${labels}`, { name: 'x', color: 'red' }).expect(400);
    await api.post(dev, `/teams/${team.id}${labels}`, { name: '', color: '#ff0000' }).expect(400);
    await api
      .post(dev, `/teams/${team.id}${labels}`, { name: 'y', color: '#ff0000', icon: 'z' })
      .expect(400);
    await api
      .post(stakeholder, `/teams/${team.id}${labels}`, { name: 'z', color: '#ff0000' })
      .expect(403);
    await api
      .delete(dev, `/teams/${team.id}${labels}/00000000-0000-4000-8000-000000000000`, 1)
      .expect(404);
    expect(await api.counts(team)).toEqual(before);
  });

  it('publishes every committed backlog event on the bus (for sockets), nothing when refused', async () => {
    const received: EventEnvelope[] = [];
    const unsubscribe = t.ritmo.app.get(EventBus).subscribe((event) => {
      if (event.teamId === team.id) received.push(event);
    });
    try {
      const seq = await api.lastSeq(team);
      const [a, b] = await api.items(dev, team, ['Primo', 'Secondo']);
      await api.patch(dev, `/backlog-items/${a.id}`, { estimate: 3 }, 1).expect(200);
      await api.patch(dev, `/backlog-items/${a.id}`, { estimate: 4 }, 2).expect(400);
      await api.post(dev, `/teams/${team.id}/labels`, { name: 'Bus', color: '#123456' });
      await api.delete(dev, `/backlog-items/${b.id}`, 1).expect(204);
      const stored = await api.events(team, seq);
      expect(received.map((e) => [e.seq, e.type])).toEqual(stored.map((e) => [e.seq, e.type]));
      expect(received.map((e) => e.type)).toEqual([
        'backlog_item.created',
        'backlog_item.created',
        'backlog_item.updated',
        'label.created',
        'backlog_item.archived',
      ]);
      expect(received[2].data).toEqual(stored[2].data);
    } finally {
      unsubscribe();
    }
  });
});
