import request from 'supertest';
import { Factory, TestTeam } from './support/factories';
import { freePort, RitmoProcess, spawnRitmo, waitForReady } from './support/process';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('several instances sharing PostgreSQL and Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let f: Factory;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    a = await startTestApp({ env: { REDIS_URL } });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: { REDIS_URL } });
    f = new Factory(a);
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await b.close();
    await a.close();
  });

  async function rename(base: string, team: TestTeam, name: string): Promise<void> {
    const auth = `Bearer ${team.admin.token}`;
    const current = await request(base)
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .expect(200);
    await request(base)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .set('If-Match', current.headers.etag)
      .send({ name })
      .expect(200);
  }

  it('a client on instance A sees a change made through instance B', async () => {
    const team = await f.team();
    const c = await connectClient(a.url, team.admin.token);
    clients.push(c);
    await c.client.subscribe(team.id);
    await rename(b.url, team, 'Cambiato da B');
    await waitFor(() => c.events.length === 1, 5_000, 'the event from B');
    expect(c.events[0]).toMatchObject({
      type: 'team.updated',
      data: { team: { name: 'Cambiato da B' } },
    });
  });

  it('after an instance is killed and restarted, every client holds every event exactly once', async () => {
    const team = await f.team();
    const port = await freePort();
    const env = {
      DATABASE_URL: a.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    let killed: RitmoProcess = spawnRitmo(env);
    const killedUrl = `http://127.0.0.1:${port}`;
    try {
      await waitForReady(killedUrl, 90_000);
      const onKilled = await Promise.all(
        [1, 2, 3].map(() => connectClient(killedUrl, team.admin.token)),
      );
      const onB = await connectClient(b.url, team.admin.token);
      clients.push(...onKilled, onB);
      for (const c of [...onKilled, onB])
        expect(await c.client.subscribe(team.id, 0)).toMatchObject({ ok: true });

      for (let i = 1; i <= 5; i++) await rename(b.url, team, `Prima ${i}`);
      await waitFor(() => onKilled.every((c) => c.events.length === 6), 5_000, 'first events');

      killed.child.kill('SIGKILL');
      await killed.exited;
      for (let i = 1; i <= 10; i++) await rename(b.url, team, `Durante ${i}`);

      killed = spawnRitmo(env);
      await waitForReady(killedUrl, 90_000);
      for (let i = 1; i <= 5; i++) await rename(b.url, team, `Dopo ${i}`);

      const total = 1 + 5 + 10 + 5;
      await waitFor(
        () => [...onKilled, onB].every((c) => c.events.length >= total),
        15_000,
        'every event everywhere',
      );
      for (const c of [...onKilled, onB]) {
        expect(c.events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        expect(new Set(c.events.map((e) => e.id)).size).toBe(total);
      }
    } finally {
      killed.child.kill('SIGKILL');
      await killed.exited;
    }
  }, 240_000);
});
