import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { migrations } from '../migrations';
import { EchoModule } from './fixtures/echo.module';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('graceful shutdown', () => {
  it('finishes in-flight requests before closing', async () => {
    const t = await startTestApp({ extraModules: [EchoModule] });
    const pending = fetch(`${t.url}/api/v1/test-fixtures/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.close();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await expect(fetch(`${t.url}/health`)).rejects.toThrow();
  });
});

describe('foundation smoke', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [EchoModule] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is live and ready, with every migration applied', async () => {
    const live = await request(t.url).get('/health').expect(200);
    expect(live.body.status).toBe('ok');
    const ready = await request(t.url).get('/health/ready').expect(200);
    expect(ready.body.details.database.status).toBe('up');
    expect(ready.body.details.migrations).toEqual({ status: 'up', applied: migrations.length });
    const rows = await t.db.query<{ count: string }[]>('SELECT count(*) AS count FROM migrations');
    expect(Number(rows[0].count)).toBe(migrations.length);
  });

  it('serves a valid OpenAPI 3 document whose operations all have a summary', async () => {
    const res = await request(t.url).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    await SwaggerParser.validate(structuredClone(res.body));
    for (const [path, item] of Object.entries<Record<string, { summary?: string }>>(
      res.body.paths,
    )) {
      for (const [method, operation] of Object.entries(item)) {
        expect({ path, method, summary: operation.summary ?? null }).toEqual({
          path,
          method,
          summary: expect.any(String),
        });
      }
    }
    await request(t.url).get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('accepts a valid body', async () => {
    const body = { title: 'Rinnovo carta identità', points: 3, tags: [{ name: 'anagrafe' }] };
    const res = await request(t.url).post('/api/v1/test-fixtures/echo').send(body).expect(201);
    expect(res.body).toEqual(body);
  });

  it('rejects an unknown field with a 400 problem naming it', async () => {
    const res = await request(t.url)
      .post('/api/v1/test-fixtures/echo')
      .set('Accept-Language', 'en')
      .send({ title: 'x', points: 1, tags: [], role: 'admin' })
      .expect(400)
      .expect('content-type', PROBLEM);
    expect(res.body).toMatchObject({
      type: 'urn:ritmo:problem:validation-failed',
      status: 400,
      title: 'Bad request',
      instance: '/api/v1/test-fixtures/echo',
      errors: [{ field: 'role', message: 'is not a known field' }],
    });
    expect(res.body.detail).toContain('role');
  });

  it('names nested and multiple invalid fields', async () => {
    const res = await request(t.url)
      .post('/api/v1/test-fixtures/echo')
      .send({ title: 42, points: -1, tags: [{ name: 'ok' }, { name: 'x'.repeat(30), extra: 1 }] })
      .expect(400);
    const fields = [
      ...new Set((res.body.errors as { field: string }[]).map((e) => e.field)),
    ].sort();
    expect(fields).toEqual(['points', 'tags.1.extra', 'tags.1.name', 'title']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await request(t.url)
      .post('/api/v1/test-fixtures/echo')
      .set('content-type', 'application/json')
      .send('{"title": "unterminated')
      .expect(400)
      .expect('content-type', PROBLEM);
    expect(res.body.type).toBe('urn:ritmo:problem:malformed-json');
  });

  it('answers a 2 MB body with 413', async () => {
    const res = await request(t.url)
      .post('/api/v1/test-fixtures/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024), points: 1, tags: [] }))
      .expect(413)
      .expect('content-type', PROBLEM);
    expect(res.body.type).toBe('urn:ritmo:problem:payload-too-large');
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await request(t.url)
      .post('/api/v1/test-fixtures/echo')
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415)
      .expect('content-type', PROBLEM);
    expect(res.body.type).toBe('urn:ritmo:problem:unsupported-media-type');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(t.url)
      .get('/api/v1/nothing-here')
      .expect(404)
      .expect('content-type', PROBLEM);
    expect(res.body).toMatchObject({ type: 'urn:ritmo:problem:not-found', status: 404 });
  });

  it('maps a domain error once, at the edge', async () => {
    const res = await request(t.url)
      .get('/api/v1/test-fixtures/domain-error')
      .set('Accept-Language', 'en')
      .expect(409);
    expect(res.body).toMatchObject({
      type: 'urn:ritmo:problem:sprint-already-active',
      title: 'Conflict',
      detail: 'Another sprint is active',
    });
  });

  it('hides internals of a 500 behind a correlation id', async () => {
    const res = await request(t.url)
      .get('/api/v1/test-fixtures/boom')
      .set('X-Request-Id', 'trace-me-123')
      .expect(500)
      .expect('content-type', PROBLEM);
    expect(res.headers['x-request-id']).toBe('trace-me-123');
    expect(res.body).toMatchObject({ status: 500, correlationId: 'trace-me-123' });
    expect(JSON.stringify(res.body)).not.toMatch(/secret_table|SELECT|at .*\.ts/);
  });

  it('returns a request id on every response, generating one when none is sent', async () => {
    const generated = await request(t.url).get('/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await request(t.url)
      .get('/health')
      .set('X-Request-Id', 'bad id\u00e9')
      .expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
