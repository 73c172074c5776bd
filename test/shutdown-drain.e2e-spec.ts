import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Factory } from './support/factories';
import { freePort, spawnRitmo, waitForReady } from './support/process';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

/**
 * Issue 27, item 3: a request still running at the shutdown's drain deadline (here blocked on
 * its team's lock) gets a retryable 503 with Retry-After and a log line instead of a dropped
 * connection; it commits nothing, so its Idempotency-Key is free and the retry after the
 * restart creates the item once (not a 409).
 */
describe('shutdown with a request blocked past the drain deadline', () => {
  let app: TestApp;
  let f: Factory;

  beforeAll(async () => {
    app = await startTestApp();
    f = new Factory(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 503 + Retry-After, logs the cut request, commits nothing, and the retry is not a 409', async () => {
    const team = await f.team();
    const po = await f.member(team, 'product_owner');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const ritmo = spawnRitmo({
      DATABASE_URL: app.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_DRAIN_MS: '1000',
    });
    const locker = new Client({ connectionString: app.databaseUrl });
    await locker.connect();
    try {
      await waitForReady(url, 90_000);
      // Hold the team's row lock: the create waits for it, as behind a long transaction.
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM teams WHERE id = $1 FOR UPDATE', [team.id]);
      const key = randomUUID();
      const create = () =>
        fetch(`${url}/api/v1/teams/${team.id}/backlog-items`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${po.token}`,
            'content-type': 'application/json',
            'accept-language': 'it',
            'idempotency-key': key,
          },
          body: JSON.stringify({ type: 'story', title: 'Pagamento TARI online' }),
        });
      const pending = create();
      let waiting = false;
      const blocked = async () => {
        const rows: { n: number }[] = await app.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        waiting = rows[0].n > 0;
      };
      const started = Date.now();
      while (!waiting) {
        if (Date.now() - started > 15_000) {
          const early = await pending;
          throw new Error(
            `the create never waited for the lock: ${early.status} ${await early.text()}`,
          );
        }
        await blocked();
      }

      ritmo.child.kill('SIGTERM');
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { type: string; status: number; detail: string };
      expect(body).toMatchObject({ type: 'urn:ritmo:problem:shutting-down', status: 503 });
      expect(body.detail).toMatch(/riavviando/);

      // The lock goes; the cut request reaches its COMMIT and rolls back instead.
      await locker.query('ROLLBACK');
      expect(await ritmo.exited).toEqual({ code: 0, signal: null });
      expect(ritmo.output()).toMatch(
        new RegExp(`Drain deadline: cut POST /api/v1/teams/${team.id}/backlog-items`),
      );
      const items = await app.db.query('SELECT id FROM backlog_items WHERE team_id = $1', [
        team.id,
      ]);
      expect(items).toHaveLength(0);
      const events = await app.db.query(
        `SELECT seq FROM events WHERE team_id = $1 AND type = 'backlog_item.created'`,
        [team.id],
      );
      expect(events).toHaveLength(0);

      // After the restart (here: the other instance), the same key creates the item once.
      const retry = await fetch(`${app.url}/api/v1/teams/${team.id}/backlog-items`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${po.token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ type: 'story', title: 'Pagamento TARI online' }),
      });
      expect(retry.status).toBe(201);
      const after = await app.db.query('SELECT id FROM backlog_items WHERE team_id = $1', [
        team.id,
      ]);
      expect(after).toHaveLength(1);
    } finally {
      await locker.end().catch(() => undefined);
      ritmo.child.kill('SIGKILL');
      await ritmo.exited;
    }
  }, 120_000);
});
