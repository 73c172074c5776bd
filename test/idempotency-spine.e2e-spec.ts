import { Client } from 'pg';
import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionService } from '../src/database/transaction.service';
import { EventBus } from '../src/events/event-bus';
import { Factory, TestTeam, TestUser } from './support/factories';
import { freePort, spawnRitmo, waitForReady } from './support/process';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

/**
 * The idempotency record is part of the change's transaction: whatever happens after COMMIT,
 * a committed change replays, and a request that dies takes its key's hold with it.
 */
describe('idempotency inside the transaction', () => {
  let t: TestApp;
  let team: TestTeam;
  let po: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    const f = new Factory(t);
    team = await f.team();
    po = await f.member(team, 'product_owner');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const count = async (sql: string, params: unknown[]): Promise<number> => {
    const rows: { n: string }[] = await t.db.query(sql, params);
    return Number(rows[0].n);
  };
  const items = (title: string) =>
    count(`SELECT count(*) AS n FROM backlog_items WHERE team_id = $1 AND title = $2`, [
      team.id,
      title,
    ]);
  const created = () =>
    count(`SELECT count(*) AS n FROM events WHERE team_id = $1 AND type = 'backlog_item.created'`, [
      team.id,
    ]);
  const create = (key: string, body: object) =>
    request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set(as(po))
      .set('Idempotency-Key', key)
      .send(body);

  it('a throwing bus listener neither fails the committed request nor lets its retry apply it twice', async () => {
    const unsubscribe = t.ritmo.app.get(EventBus).subscribe(() => {
      throw new Error('listener broke after commit');
    });
    try {
      const before = await created();
      const body = { title: 'Passi carrai: rinnovo', type: 'story' };
      const first = await create('k-listener', body);
      expect(first.status).toBe(201);
      const retry = await create('k-listener', body);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(await items(body.title)).toBe(1);
      expect(await created()).toBe(before + 1);
    } finally {
      unsubscribe();
    }
  });

  it('a throwing or rejecting bus listener does not fail a committed request that has no key', async () => {
    const bus = t.ritmo.app.get(EventBus);
    const unsubscribes = [
      bus.subscribe(() => {
        throw new Error('listener broke after commit');
      }),
      bus.subscribe(() => Promise.reject(new Error('listener rejected after commit'))),
    ];
    try {
      const before = await created();
      const title = 'Servizio scuolabus: iscrizioni';
      const res = await request(t.url)
        .post(`/api/v1/teams/${team.id}/backlog-items`)
        .set(as(po))
        .send({ title, type: 'story' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title });
      expect(await items(title)).toBe(1);
      expect(await created()).toBe(before + 1);
    } finally {
      for (const unsubscribe of unsubscribes) unsubscribe();
    }
  });

  it('a throwing after-commit callback does not turn a committed transaction into an error', async () => {
    const tx = t.ritmo.app.get(TransactionService);
    const ran: string[] = [];
    const result = await tx.run(async (m) => {
      tx.afterCommit(m, () => {
        throw new Error('callback broke after commit');
      });
      tx.afterCommit(m, () => {
        ran.push('second');
      });
      const rows: { n: number }[] = await m.query('SELECT 41 + 1 AS n');
      return rows[0].n;
    });
    expect(result).toBe(42);
    expect(ran).toEqual(['second']);
  });

  it('the completion is written in the same transaction as the change', async () => {
    const body = { title: 'Contributi asili nido', type: 'story' };
    const first = await create('k-same-tx', body).expect(201);
    const rows: { status_code: number; xmin_item: string; xmin_key: string }[] = await t.db.query(
      `SELECT k.status_code, i.xmin::text AS xmin_item, k.xmin::text AS xmin_key
         FROM idempotency_keys k, backlog_items i
        WHERE k.user_id = $1 AND i.id = $2 AND k.status_code IS NOT NULL
        ORDER BY k.created_at DESC LIMIT 1`,
      [po.id, first.body.id],
    );
    expect(rows[0].status_code).toBe(201);
    expect(rows[0].xmin_key).toBe(rows[0].xmin_item);
  });

  it('a request killed with SIGKILL in the middle frees its key at once', async () => {
    const port = await freePort();
    const child = spawnRitmo({
      DATABASE_URL: t.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await waitForReady(`http://127.0.0.1:${port}`, 90_000);
      const body = { title: 'Richiesta interrotta', type: 'story' };
      // Hold the team row: the child's insert waits inside its transaction, mid-request.
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM teams WHERE id = $1 FOR UPDATE', [team.id]);
      const pending = fetch(`http://127.0.0.1:${port}/api/v1/teams/${team.id}/backlog-items`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${po.token}`,
          'Idempotency-Key': 'k-crash',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      }).catch(() => 'connection lost');
      for (let i = 0; ; i++) {
        const waiting = await blocker.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
              AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        if (waiting.rows.length > 0) break;
        if (i > 400) throw new Error('the child request never reached its transaction');
        await sleep(50);
      }
      child.child.kill('SIGKILL');
      await child.exited;
      expect(await pending).toBe('connection lost');
      await blocker.query('ROLLBACK');

      const retry = await create('k-crash', body);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await items(body.title)).toBe(1);
    } finally {
      child.child.kill('SIGKILL');
      await blocker.end();
    }
  }, 180_000);

  it('a retry during the first request waits for its answer and replays it', async () => {
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      const body = { title: 'Mensa: nuove tariffe', type: 'story' };
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM teams WHERE id = $1 FOR UPDATE', [team.id]);
      const first = create('k-wait', body).then((r) => r);
      await sleep(300);
      const second = create('k-wait', body).then((r) => r);
      await sleep(300);
      await blocker.query('ROLLBACK');
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body).toEqual(a.body);
      expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']]).toContain(
        'true',
      );
      expect(await items(body.title)).toBe(1);
    } finally {
      await blocker.end();
    }
  });
});
