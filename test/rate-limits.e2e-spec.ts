import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createClient } from 'redis';
import { DeploymentService } from '../src/database/deployment.service';
import { PasswordService } from '../src/identity/auth/password.service';
import { FAILED_AUTH_PER_MINUTE } from '../src/identity/auth/failed-authentication.service';
import { Factory, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PER_MINUTE = 20;
const ENV = {
  REDIS_URL,
  RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
  AUTH_RATE_LIMIT_PER_MINUTE: '3',
  // supertest connects from 127.0.0.1: X-Forwarded-For then says which client it is.
  TRUST_PROXY: 'loopback',
};
const PROBLEM = /^application\/problem\+json/;

/**
 * Issue 20, item 4: limits counted per route (one token made 1,800 calls in 7.5 s across three
 * routes against 600/min), per instance, never for invalid credentials or password changes,
 * and behind a proxy every client shared the proxy's address.
 */
describe('rate limits', () => {
  let a: TestApp;
  let b: TestApp;
  let f: Factory;

  beforeAll(async () => {
    a = await startTestApp({ env: ENV });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: ENV });
    f = new Factory(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** A client address of its own per call site, so that tests do not share budgets. */
  const clientIp = () => `198.51.100.${1 + (randomBytes(1)[0] % 250)}`;

  const get = (app: TestApp, path: string, token: string, ip: string) =>
    request(app.url)
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Forwarded-For', ip);

  function expectLimited(res: request.Response): void {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('urn:ritmo:problem:rate-limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  }

  it('one budget per client across every route and every instance', async () => {
    const team = await f.team();
    const user = team.admin;
    const ip = clientIp();
    const paths = ['/me', '/me/teams', `/teams/${team.id}`];
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE; i++) {
      const res = await get(i % 2 === 0 ? a : b, paths[i % paths.length], user.token, ip);
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(PER_MINUTE).fill(200));
    for (const app of [a, b]) expectLimited(await get(app, '/me/tokens', user.token, ip));

    // Another person from the same address has a budget of their own.
    const colleague = await f.user();
    await get(a, '/me', colleague.token, ip).expect(200);

    // The counter is one, in Redis, under this deployment's prefix.
    const prefix = await a.ritmo.app.get(DeploymentService).redisPrefix();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      expect(Number(await redis.get(`${prefix}rl:default:user:${user.id}`))).toBe(PER_MINUTE + 1);
    } finally {
      await redis.quit();
    }
  });

  it('failed authentication is limited per client IP; valid tokens from it keep working', async () => {
    const user = await f.user();
    const ip = clientIp();
    const guesses: number[] = [];
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE; i++) {
      const token = `ritmo_pat_${randomBytes(32).toString('base64url')}`;
      guesses.push((await get(i % 2 === 0 ? a : b, '/me', token, ip)).status);
    }
    expect(guesses).toEqual(Array(FAILED_AUTH_PER_MINUTE).fill(401));
    expectLimited(await get(b, '/me', 'ritmo_pat_another-guess', ip));
    expectLimited(await get(a, '/me', 'not-even-a-jwt', ip));

    await get(a, '/me', user.token, ip).expect(200);
    // A login from that address is refused before its password is checked, right or wrong.
    const login = await request(a.url)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: user.email, password: user.password });
    expectLimited(login);
    // The same person from elsewhere signs in.
    await request(b.url)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', clientIp())
      .send({ email: user.email, password: user.password })
      .expect(200);
  });

  it('behind a trusted proxy, bad logins for someone from one address do not lock them out', async () => {
    const victim = await f.user();
    const attacker = clientIp();
    const login = (ip: string, password: string) =>
      request(a.url)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: victim.email, password });
    for (let i = 0; i < 3; i++) await login(attacker, 'Sbagliata-2026!').expect(401);
    expectLimited(await login(attacker, 'Sbagliata-2026!'));
    expectLimited(await login(attacker, victim.password));
    await login(clientIp(), victim.password).expect(200);
    const [{ sessions }] = await a.db.query<{ sessions: number }[]>(
      `SELECT count(*)::int AS sessions FROM refresh_tokens WHERE user_id = $1`,
      [victim.id],
    );
    expect(sessions).toBe(2); // the factory's and the victim's own login
  });

  it('password change is limited per user and address', async () => {
    const user = await f.user();
    const ip = clientIp();
    const change = (currentPassword: string) =>
      request(a.url)
        .post('/api/v1/me/password')
        .set('Authorization', `Bearer ${user.token}`)
        .set('X-Forwarded-For', ip)
        .send({ currentPassword, newPassword: 'Rubiera-Biblioteca-2027!' });
    for (let i = 0; i < 3; i++) await change('Indovino-2026!').expect(401);
    expectLimited(await change(user.password));
    const [{ hash }] = await a.db.query<{ hash: string }[]>(
      `SELECT password_hash AS hash FROM users WHERE id = $1`,
      [user.id],
    );
    expect(await a.ritmo.app.get(PasswordService).verify(hash, user.password)).toBe(true);
  });

  it('refreshing is counted per session, not in one bucket for everyone behind an address', async () => {
    const ip = clientIp();
    const users: TestUser[] = [];
    for (let i = 0; i < 5; i++) users.push(await f.user());
    for (const user of users)
      await request(a.url)
        .post('/api/v1/auth/refresh')
        .set('X-Forwarded-For', ip)
        .send({ refreshToken: user.refreshToken })
        .expect(200);
  });
});
