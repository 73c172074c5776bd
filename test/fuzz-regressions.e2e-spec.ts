import request from 'supertest';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/** Each case here was found by test/fuzz.e2e-spec.ts and is kept as a fixed regression. */
describe('fuzzer findings', () => {
  let t: TestApp;
  let team: TestTeam;
  let po: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const f = new Factory(t);
    team = await f.team();
    po = await f.member(team, 'product_owner');
  });
  afterAll(() => t.close());

  const auth = () => ({ Authorization: `Bearer ${po.token}` });
  const expectProblem = (res: request.Response, status: number, type: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe(`urn:ritmo:problem:${type}`);
  };

  it('a path that is not valid UTF-8 is a problem+json 400, not a bare Fastify error', async () => {
    const res = await request(t.url).get('/api/v1/teams/ab%ED%A0%80/invitations').set(auth());
    expectProblem(res, 400, 'bad-request');
  });

  it('a deeply nested field is a 400 body-too-deep, not a 500 stack overflow', async () => {
    let deep: unknown = 'fondo';
    for (let i = 0; i < 2000; i++) deep = [deep];
    const res = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set(auth())
      .send({ title: 'Profondo', type: 'story', extra: deep });
    expectProblem(res, 400, 'body-too-deep');
    const keyed = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set(auth())
      .set('Idempotency-Key', 'profondo')
      .send({ title: 'Profondo', type: 'story', extra: deep });
    expectProblem(keyed, 400, 'body-too-deep');
    const raw = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set(auth())
      .set('Content-Type', 'application/json')
      .send(`${'['.repeat(400_000)}${']'.repeat(400_000)}`);
    expect(raw.status).toBeLessThan(500);
    expect(raw.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a deeply nested socket message is an error ack, and the socket keeps working', async () => {
    let deep: unknown = 'fondo';
    for (let i = 0; i < 2000; i++) deep = { a: deep };
    const c = await connectClient(t.url, po.token);
    try {
      const refused: unknown = await c.client.socket
        .timeout(5_000)
        .emitWithAck('subscribe', { teamId: team.id, deep });
      expect(refused).toMatchObject({
        ok: false,
        error: { status: 400, type: 'urn:ritmo:problem:body-too-deep' },
      });
      expect(await c.client.subscribe(team.id)).toMatchObject({ ok: true, teamId: team.id });
    } finally {
      c.client.close();
    }
  });

  it('documents 400, 413 and 415 on every operation, as they can happen anywhere', async () => {
    const doc = (await request(t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const res = await request(t.url)
      .delete(`/api/v1/backlog-items/${team.id}`)
      .set(auth())
      .set('Content-Type', 'text/plain')
      .send('123');
    expectProblem(res, 415, 'unsupported-media-type');
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.startsWith('/health')) continue;
      for (const op of Object.values(item)) {
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
      }
    }
  });

  it('a point scale with a denormal number is a 400, not a 500 from PostgreSQL', async () => {
    const current = await request(t.url).get(`/api/v1/teams/${team.id}`).set(auth()).expect(200);
    const res = await request(t.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set(auth())
      .set('If-Match', current.headers.etag)
      .send({ pointScale: [0, 4e-323, 1] });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors[0].field).toBe('pointScale');
    const after = await request(t.url).get(`/api/v1/teams/${team.id}`).set(auth()).expect(200);
    expect(after.body.version).toBe(current.body.version);
  });

  it('a request line over 16 KB is a problem+json 431, not a bare one from Node', async () => {
    const res = await fetch(
      `${t.url}/api/v1/teams/${team.id}/backlog-items?q=${'x'.repeat(20_000)}`,
      {
        headers: auth(),
      },
    );
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { type: string }).type).toBe(
      'urn:ritmo:problem:headers-too-large',
    );
  });
});
