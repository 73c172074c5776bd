import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SCHEMA_FILE, typesFromDocument } from '../scripts/openapi-types';
import { startTestApp, TestApp } from './support/test-app';

describe('web client served by the app', () => {
  let t: TestApp;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'ritmo-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>ritmo</title>');
    writeFileSync(join(webRoot, 'assets', 'index-AbC123.js'), 'console.log(1)');
    writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ webRoot });
  });

  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers client routes with index.html, not cached, under the app CSP', async () => {
    for (const path of ['/', '/teams/5b0c/backlog', '/sign-in?next=%2F']) {
      const res = await request(t.url).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<title>ritmo</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self' ws://");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:\/\//);
    }
  });

  it('caches hashed assets for a year and other files not at all', async () => {
    const asset = await request(t.url).get('/assets/index-AbC123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).toBe('console.log(1)');
    const icon = await request(t.url).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the API, health and missing files alone: their 404s stay problems', async () => {
    const api = await request(t.url).get('/api/v1/nothing-here').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
    const apiRoot = await request(t.url).get('/api').expect(404);
    expect(apiRoot.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(t.url).get('/health').expect(200);
    const missing = await request(t.url).get('/assets/index-Old999.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const escape = await request(t.url).get('/..%2f..%2fpackage.json');
    expect(escape.status).toBe(404);
    expect(escape.text).not.toContain('"name": "ritmo"');
  });
});

describe('generated API client', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('web/src/api/schema.d.ts is what the served OpenAPI document generates (npm run generate:api)', async () => {
    const res = await request(t.url).get('/api/docs-json').expect(200);
    const expected = await typesFromDocument(res.body);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    // A plain equality would print 19,000 lines; the first differing line says enough.
    const a = committed.split('\n');
    const b = expected.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    const firstDifference =
      at === -1 && a.length === b.length ? null : { line: at + 1, committed: a[at], served: b[at] };
    expect(firstDifference).toBeNull();
  });
});
