import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { Factory, TestTeam } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CUT_MS = 3_000;
/** The promise of docs/guarantees.md: consistent within 5 s after Redis recovers. */
const HEALED_WITHIN_MS = 5_000;

/**
 * Issue 27's blip: instance B reaches Redis through a proxy the test cuts for 3 s while
 * instance A commits one event on a team that then stays quiet. Redis pub/sub drops what B
 * was not connected for, B's sockets stay connected and see no gap: only the heartbeat (the
 * team's seq read from PostgreSQL) can tell B, and its clients, that something is missing.
 */
describe('realtime heals itself after a Redis blip', () => {
  let a: TestApp;
  let b: TestApp;
  let proxy: TcpProxy;
  let f: Factory;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const redis = new URL(REDIS_URL);
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    a = await startTestApp({ env: { REDIS_URL } });
    redis.host = `127.0.0.1:${proxy.port}`;
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: { REDIS_URL: redis.toString() } });
    f = new Factory(a);
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await b.close();
    await a.close();
    await proxy.close();
  });

  async function rename(team: TestTeam, name: string): Promise<void> {
    const auth = `Bearer ${team.admin.token}`;
    const current = await request(a.url)
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .expect(200);
    await request(a.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .set('If-Match', current.headers.etag)
      .send({ name })
      .expect(200);
  }

  it('every client on the cut instance has the event within 5 s of the cut ending, exactly once', async () => {
    const team = await f.team();
    const onB = await Promise.all(
      [1, 2, 3, 4, 5].map(() => connectClient(b.url, team.admin.token)),
    );
    const onA = await connectClient(a.url, team.admin.token);
    clients.push(...onB, onA);
    let start = 0;
    for (const c of [...onB, onA]) {
      const ack = await c.client.subscribe(team.id, 0);
      expect(ack).toMatchObject({ ok: true });
      start = ack.seq ?? 0;
    }
    const seqs = (n: number) => Array.from({ length: start + n }, (_, i) => i + 1);
    const socketIds = onB.map((c) => c.client.socket.id);

    // Through the proxy, live: B relays A's events before the cut.
    await rename(team, 'Prima del taglio');
    await waitFor(
      () => onB.every((c) => c.events.length === start + 1),
      5_000,
      'the event before the cut',
    );

    proxy.cut();
    const connectionsAtCut = proxy.connections();
    await rename(team, 'Durante il taglio');
    await sleep(CUT_MS);
    proxy.restore();

    await waitFor(
      () => onB.every((c) => c.events.length === start + 2),
      HEALED_WITHIN_MS,
      'every client on B to have the event committed during the cut',
    );
    for (const c of onB) {
      expect(c.events.map((e) => e.seq)).toEqual(seqs(2));
      expect(c.events.at(-1)).toMatchObject({
        type: 'team.updated',
        data: { team: { name: 'Durante il taglio' } },
      });
    }
    // Healed without a reconnect: the same sockets, still connected.
    expect(onB.map((c) => c.client.socket.id)).toEqual(socketIds);
    expect(onB.every((c) => c.client.socket.connected)).toBe(true);

    // The adapter came back too, and live delivery goes on without a duplicate.
    await waitFor(() => proxy.connections() >= connectionsAtCut + 2, 10_000, 'B back on Redis');
    await rename(team, 'Dopo il taglio');
    await waitFor(
      () => [...onB, onA].every((c) => c.events.length === start + 3),
      5_000,
      'the event after',
    );
    for (const c of [...onB, onA]) expect(c.events.map((e) => e.seq)).toEqual(seqs(3));
  }, 60_000);

  it('sends each subscribed team its current seq in a heartbeat', async () => {
    const team = await f.team();
    const c = await connectClient(b.url, team.admin.token);
    clients.push(c);
    const ack = await c.client.subscribe(team.id);
    await waitFor(
      () => c.raw.some((frame) => (frame as unknown[])[0] === 'heartbeat'),
      10_000,
      'a heartbeat',
    );
    expect(c.raw.find((frame) => (frame as unknown[])[0] === 'heartbeat')).toEqual([
      'heartbeat',
      { teamId: team.id, seq: ack.seq },
    ]);
  }, 20_000);
});
