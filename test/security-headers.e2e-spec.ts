import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

const ALLOWED = 'https://ritmo.unione.example';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends helmet headers and a deny-all CSP on API responses, errors included', async () => {
    for (const path of ['/health', '/api/v1/me', '/api/v1/nowhere']) {
      const res = await request(t.url).get(path);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("default-src 'none'"),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('still serves the Swagger UI, with a policy that lets it run', async () => {
    const page = await request(t.url).get('/api/docs').expect(200).expect('content-type', /html/);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // Every script the page loads is served from here, which script-src 'self' allows.
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      await request(t.url)
        .get(new URL(src, `${t.url}/api/docs/`).pathname)
        .expect(200);
    }
  });

  it('allows exactly the origins in CORS_ORIGINS', async () => {
    const allowed = await request(t.url).get('/health').set('Origin', ALLOWED).expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(allowed.headers['access-control-expose-headers']).toContain('Retry-After');
    const other = await request(t.url)
      .get('/health')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await request(t.url)
      .options('/api/v1/me')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    const refused = await request(t.url)
      .options('/api/v1/me')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'PATCH');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
