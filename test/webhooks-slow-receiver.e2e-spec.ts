import { createServer, Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { Factory, TestTeam } from './support/factories';
import { waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const TIMEOUT_MS = 3_000;
const ENV = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_RETRY_BASE_MS: '600000',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
};

/** Answers 200 at once, then one byte every 100 ms, and never ends the body. */
class TricklingReceiver {
  open = 0;
  maxOpen = 0;
  /** Bytes sent so far on each open response. */
  readonly dripping = new Set<{ bytes: number }>();
  received = 0;
  url: string;
  private server: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      req.resume();
      this.received += 1;
      this.open += 1;
      this.maxOpen = Math.max(this.maxOpen, this.open);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('o');
      const sent = { bytes: 1 };
      this.dripping.add(sent);
      const drip = setInterval(() => {
        res.write('k');
        sent.bytes += 1;
      }, 100);
      res.on('close', () => {
        clearInterval(drip);
        this.dripping.delete(sent);
        this.open -= 1;
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slow`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * Issue 20, item 2: a receiver that answered 200 and then trickled its body kept a claim
 * transaction (and a pool connection) open for a minute, and with a few of them in one tenant
 * every other tenant's deliveries waited. Now nothing is held open while a delivery is out, one
 * deadline covers the whole answer, and one team takes at most two of an instance's workers.
 */
describe('a slow webhook receiver', () => {
  let t: TestApp;
  let f: Factory;
  let slow: TricklingReceiver;
  let healthy: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    f = new Factory(t);
    slow = await new TricklingReceiver().start();
    healthy = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await slow?.stop();
    await healthy?.stop();
    await t?.close();
  });

  const auth = (team: TestTeam) => `Bearer ${team.admin.token}`;

  async function subscribe(team: TestTeam, url: string): Promise<string> {
    const res = await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks`)
      .set('Authorization', auth(team))
      .send({ url, events: ['team.updated'] })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  async function rename(team: TestTeam, name: string): Promise<void> {
    const current = await request(t.url)
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth(team))
      .expect(200);
    await request(t.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth(team))
      .set('If-Match', current.headers.etag)
      .send({ name })
      .expect(200);
  }

  it('holds no transaction open, delays no other tenant, and is cut off at the deadline', async () => {
    const tenant = await f.team();
    const other = await f.team();
    const slowHooks: string[] = [];
    for (let i = 0; i < 6; i++) slowHooks.push(await subscribe(tenant, slow.url));
    await subscribe(other, healthy.url);

    await rename(tenant, 'Ufficio Tributi lento');
    await waitFor(() => slow.open >= 2, 5_000, 'two deliveries to the slow receiver');

    // Once both have trickled for a while (8 bytes, 100 ms apart), no connection of the pool has
    // been sitting in a transaction all that time (a request's transaction between two of its
    // statements, for a moment, is no concern).
    await waitFor(
      () => [...slow.dripping].filter((d) => d.bytes >= 8).length >= 2,
      5_000,
      'two slow bodies well under way',
    );
    const [{ idle }] = await t.db.query<{ idle: number }[]>(
      `SELECT count(*)::int AS idle FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'idle in transaction'
          AND state_change < now() - interval '500 milliseconds'`,
    );
    expect(idle).toBe(0);

    // The other tenant's event goes out while the slow tenant's deliveries are still open.
    await rename(other, 'Anagrafe puntuale');
    await waitFor(() => healthy.received.length === 1, 5_000, 'the other tenant’s delivery');
    expect(slow.open).toBeGreaterThan(0);
    expect(healthy.received[0].json).toMatchObject({
      type: 'team.updated',
      data: { team: { name: 'Anagrafe puntuale' } },
    });

    // The slow ones fail at the deadline (headers came, the body never ended) and wait to retry.
    const settled = async () =>
      t.db.query<{ status: string; attempts: number; response_status: number; error: string }[]>(
        `SELECT status, attempts, response_status, error FROM webhook_deliveries
          WHERE subscription_id = ANY($1::uuid[]) AND attempts > 0`,
        [slowHooks],
      );
    let rows = await settled();
    for (const started = Date.now(); rows.length < 2; rows = await settled()) {
      if (Date.now() - started > 10_000) throw new Error('the first attempts were not recorded');
      await sleep(50);
    }
    for (const row of rows)
      expect(row).toEqual({
        status: 'pending',
        attempts: 1,
        response_status: 200,
        error: `no complete response within ${TIMEOUT_MS / 1000} s`,
      });
    // At most two of the instance's workers ever served that one tenant.
    expect(slow.maxOpen).toBe(2);
    const leases = await t.db.query<{ failure_count: number; next: boolean; leased: boolean }[]>(
      `SELECT failure_count, next_attempt_at IS NOT NULL AS next, claim_id IS NOT NULL AS leased
         FROM webhook_subscriptions WHERE id = ANY($1::uuid[]) AND failure_count > 0`,
      [slowHooks],
    );
    expect(leases.length).toBeGreaterThanOrEqual(2);
    for (const lease of leases)
      expect(lease).toEqual({ failure_count: 1, next: true, leased: false });
  });

  it('a ping to it answers at the deadline with the failure, not when the receiver stops', async () => {
    const team = await f.team();
    const hook = await subscribe(team, slow.url);
    const res = await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks/${hook}/ping`)
      .set('Authorization', auth(team))
      .expect(200);
    expect(res.body).toMatchObject({
      kind: 'ping',
      status: 'failed',
      responseStatus: 200,
      error: `no complete response within ${TIMEOUT_MS / 1000} s`,
    });
  });
});
