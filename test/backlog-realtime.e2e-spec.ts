import request from 'supertest';
import { Factory } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/** The backlog's events as a subscribed socket sees them: enough to update a view without a refetch. */
describe('backlog over the realtime feed', () => {
  let t: TestApp;
  let f: Factory;
  let client: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterEach(() => client?.client.close());
  afterAll(async () => {
    await t.close();
  });

  it('create, edit, rank and archive reach a subscribed product owner in order, with the item', async () => {
    const team = await f.team();
    const po = await f.member(team, 'product_owner');
    const dev = await f.member(team, 'developer');
    client = await connectClient(t.url, po.token);
    await client.client.subscribe(team.id);
    const auth = `Bearer ${dev.token}`;

    const first = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set('Authorization', auth)
      .send({ type: 'story', title: 'Prenotazione online carta identità' })
      .expect(201);
    const second = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set('Authorization', auth)
      .send({ type: 'bug', title: 'PDF del certificato vuoto' })
      .expect(201);
    await request(t.url)
      .patch(`/api/v1/backlog-items/${first.body.id}`)
      .set('Authorization', auth)
      .set('If-Match', `"${first.body.version}"`)
      .send({ estimate: 5 })
      .expect(200);
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items/rank`)
      .set('Authorization', `Bearer ${po.token}`)
      .send({ ids: [second.body.id], position: 'top' })
      .expect(200);
    const current = await request(t.url)
      .get(`/api/v1/backlog-items/${first.body.id}`)
      .set('Authorization', auth)
      .expect(200);
    await request(t.url)
      .delete(`/api/v1/backlog-items/${first.body.id}`)
      .set('Authorization', auth)
      .set('If-Match', current.headers.etag)
      .expect(204);

    await waitFor(() => client.events.length === 5, 5_000, 'five backlog events');
    expect(client.events.map((e) => e.type)).toEqual([
      'backlog_item.created',
      'backlog_item.created',
      'backlog_item.updated',
      'backlog_item.ranked',
      'backlog_item.archived',
    ]);
    const seqs = client.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(JSON.stringify(client.events[0].data)).toContain('Prenotazione online carta identità');
    expect(JSON.stringify(client.events[2].data)).toContain('estimate');
    expect(JSON.stringify(client.events[3].data)).toContain(second.body.id as string);
    for (const event of client.events) expect(event.actorId).toEqual(expect.any(String));
  });
});
