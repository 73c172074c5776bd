import request from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory } from './support/factories';
import { connectClient } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 20, item 15: a form body was accepted where the docs say JSON only; a socket message
 * with a `__proto__` key was acknowledged `ok: true` while REST refused it; a 150 KB socket
 * message closed the connection instead of answering.
 */
describe('bodies and messages at the edge', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('refuses a form body with 415, writing nothing', async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    const api = backlogApi(t);
    const team = await f.team();
    const po = await f.member(team, 'product_owner');
    const seq = await api.lastSeq(team);
    const res = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set('Authorization', `Bearer ${po.token}`)
      .type('form')
      .send('title=Pratica')
      .expect(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.type).toBe('urn:ritmo:problem:unsupported-media-type');
    expect(await api.lastSeq(team)).toBe(seq);
  });

  it('answers a socket message with a __proto__ key or over 100 KB with an error ack, and keeps the socket', async () => {
    const f = new Factory(t);
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const c = await connectClient(t.url, dev.token);
    const socket = c.client.socket;
    const poisoned = await socket.emitWithAck(
      'subscribe',
      JSON.parse(`{"teamId":"${team.id}","__proto__":{"admin":true}}`) as object,
    );
    expect(poisoned).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ field: '__proto__', message: 'is not a known field' }] },
    });
    const huge = await socket.emitWithAck('subscribe', {
      teamId: team.id,
      pad: 'x'.repeat(150_000),
    });
    expect(huge).toMatchObject({
      ok: false,
      error: { type: 'urn:ritmo:problem:payload-too-large', status: 413 },
    });
    expect(socket.connected).toBe(true);
    // The same socket still works.
    expect(await socket.emitWithAck('subscribe', { teamId: team.id })).toMatchObject({ ok: true });
    c.client.close();
  });
});
