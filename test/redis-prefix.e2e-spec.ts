import request from 'supertest';
import { createClient } from 'redis';
import { DeploymentService } from '../src/database/deployment.service';
import { adminQuery, uniqueDatabaseName, withDatabase } from './support/database';
import { Factory, TestTeam } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisDb = (n: number) => `${REDIS.replace(/\/\d*$/, '')}/${n}`;

/**
 * Issue 20, item 6: with production on redis://…/1 and staging on redis://…/2, a production
 * client received a staging event (pub/sub ignores the database number). Staging here is a copy
 * of production (same team, same ids, same signing secret), the case that went wrong.
 */
describe('two deployments sharing one Redis', () => {
  const base = process.env.DATABASE_URL as string;
  const seed = uniqueDatabaseName('ritmo_seed');
  const prodDb = uniqueDatabaseName('ritmo_prod');
  const stagingDb = uniqueDatabaseName('ritmo_staging');
  const apps: TestApp[] = [];
  const clients: TestClient[] = [];
  let team: TestTeam;

  beforeAll(async () => {
    await adminQuery(base, `CREATE DATABASE ${seed} TEMPLATE ${process.env.RITMO_TEST_TEMPLATE}`);
    const seeding = await startTestApp({ databaseUrl: withDatabase(base, seed) });
    team = await new Factory(seeding).team();
    await seeding.close();
    await adminQuery(base, `CREATE DATABASE ${prodDb} TEMPLATE ${seed}`);
    await adminQuery(base, `CREATE DATABASE ${stagingDb} TEMPLATE ${seed}`);
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await Promise.all(apps.map((app) => app.close()));
    for (const db of [seed, prodDb, stagingDb])
      await adminQuery(base, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });

  async function instance(db: string, redisUrl: string): Promise<TestApp> {
    const app = await startTestApp({
      databaseUrl: withDatabase(base, db),
      env: { REDIS_URL: redisUrl },
    });
    apps.push(app);
    return app;
  }

  async function rename(app: TestApp, name: string): Promise<void> {
    const auth = `Bearer ${team.admin.token}`;
    const current = await request(app.url)
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .expect(200);
    await request(app.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .set('If-Match', current.headers.etag)
      .send({ name })
      .expect(200);
  }

  async function subscribed(app: TestApp): Promise<TestClient> {
    const c = await connectClient(app.url, team.admin.token);
    clients.push(c);
    await c.client.subscribe(team.id);
    return c;
  }

  const names = (c: TestClient) =>
    c.events.map((e) => `${e.seq} ${(e.data as { team: { name: string } }).team.name}`);

  it('each deployment sees its own events only, through channels under its own prefix', async () => {
    const prod1 = await instance(prodDb, redisDb(1));
    const prod2 = await instance(prodDb, redisDb(1));
    const staging1 = await instance(stagingDb, redisDb(2));
    const staging2 = await instance(stagingDb, redisDb(2));
    const prefixes = await Promise.all(
      [prod1, prod2, staging1, staging2].map((app) =>
        app.ritmo.app.get(DeploymentService).redisPrefix(),
      ),
    );
    expect(prefixes[0]).toMatch(/^ritmo:[0-9a-f]{16}:$/);
    expect(prefixes[1]).toBe(prefixes[0]);
    expect(prefixes[3]).toBe(prefixes[2]);
    expect(prefixes[2]).not.toBe(prefixes[0]);

    const production = await subscribed(prod1);
    const staging = await subscribed(staging2);
    const [{ seq }] = await prod1.db.query<{ seq: string }[]>(
      'SELECT event_seq AS seq FROM teams WHERE id = $1',
      [team.id],
    );
    const next = Number(seq) + 1;

    // Staging's event crosses the shared Redis (staging1 → staging2)…
    await rename(staging1, 'Anagrafe (prova)');
    await waitFor(() => staging.events.length === 1, 5_000, 'the staging event on staging2');
    expect(names(staging)).toEqual([`${next} Anagrafe (prova)`]);
    // …and production's too, later: the production client gets that one alone.
    await rename(prod2, 'Anagrafe');
    await waitFor(() => production.events.length >= 1, 5_000, 'the production event on prod1');
    expect(names(production)).toEqual([`${next} Anagrafe`]);
    expect(names(staging)).toEqual([`${next} Anagrafe (prova)`]);
    const [row] = await prod1.db.query<{ name: string }[]>('SELECT name FROM teams WHERE id = $1', [
      team.id,
    ]);
    expect(row.name).toBe('Anagrafe');

    // Each deployment's channels carry its prefix.
    const redis = createClient({ url: REDIS });
    await redis.connect();
    try {
      const channels = await redis.sendCommand<string[]>(['PUBSUB', 'CHANNELS', '*socket.io*']);
      const ours = channels.filter((c) => prefixes.some((p) => c.startsWith(p)));
      expect(ours.some((c) => c.startsWith(prefixes[0]))).toBe(true);
      expect(ours.some((c) => c.startsWith(prefixes[2]))).toBe(true);
    } finally {
      await redis.quit();
    }
  });

  it('REDIS_PREFIX, when set, is the prefix as written', async () => {
    const app = await startTestApp({ env: { REDIS_URL: REDIS, REDIS_PREFIX: 'ritmo-staging:' } });
    apps.push(app);
    expect(await app.ritmo.app.get(DeploymentService).redisPrefix()).toBe('ritmo-staging:');
  });
});
