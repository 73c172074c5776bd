// npm run bench:backlog — with 5,000 items in a team: GET a page of 100 in rank order through
// ritmo vs a bare node:http + pg server running the same SQL (autocannon, 20 connections);
// then move latency with 100 vs 10,000 items. Needs DATABASE_URL (a server where it may create
// a scratch database). Results: bench/results/backlog.json.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { LoadResult, machine, saveResults, startServer, stopServer } from './lib/run';

const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MOVES = 300;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(base, 'postgres') });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function call<T>(url: string, method: string, token: string | null, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A team with `n` items (bulk-created through the API), the caller its product owner. */
async function seedTeam(url: string, token: string, userId: string, db: Client, n: number) {
  const workspace = await call<{ id: string }>(`${url}/api/v1/workspaces`, 'POST', token, {
    name: 'Comune di Scandiano',
  });
  const team = await call<{ id: string }>(
    `${url}/api/v1/workspaces/${workspace.id}/teams`,
    'POST',
    token,
    { name: `Servizi Scolastici ${n}` },
  );
  await db.query(
    `INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'product_owner')`,
    [team.id, userId],
  );
  for (let done = 0; done < n; done += 200) {
    const lines = Array.from(
      { length: Math.min(200, n - done) },
      (_, i) => `Pratica ${done + i + 1}`,
    );
    await call(`${url}/api/v1/teams/${team.id}/backlog-items/bulk`, 'POST', token, {
      text: lines.join('\n'),
    });
  }
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM backlog_items WHERE team_id = $1 ORDER BY rank`,
    [team.id],
  );
  return { teamId: team.id, ids: rows.rows.map((row) => row.id) };
}

async function load(name: string, url: string, token?: string): Promise<LoadResult> {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  await autocannon({ url, connections: 10, duration: 1, headers });
  const result = await autocannon({ url, connections: 20, duration: 5, headers });
  return {
    name,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2),
  );
}

async function moves(
  url: string,
  token: string,
  db: Client,
  team: { teamId: string; ids: string[] },
) {
  const updatesBefore = await rowUpdates(db);
  const latencies: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const moved = team.ids[Math.floor(Math.random() * team.ids.length)];
    let anchor = moved;
    while (anchor === moved) anchor = team.ids[Math.floor(Math.random() * team.ids.length)];
    const started = performance.now();
    await call(`${url}/api/v1/teams/${team.teamId}/backlog-items/rank`, 'POST', token, {
      ids: [moved],
      [i % 2 ? 'before' : 'after']: anchor,
    });
    latencies.push(performance.now() - started);
  }
  await sleep(1500); // statistics reach pg_stat_user_tables asynchronously
  const rowsPerMove = ((await rowUpdates(db)) - updatesBefore) / MOVES;
  return {
    items: team.ids.length,
    moves: MOVES,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: Number((latencies.reduce((a, b) => a + b, 0) / MOVES).toFixed(2)),
    backlogRowsUpdatedPerMove: rowsPerMove,
  };
}

async function rowUpdates(db: Client): Promise<number> {
  const rows = await db.query<{ n: string }>(
    `SELECT n_tup_upd AS n FROM pg_stat_user_tables WHERE relname = 'backlog_items'`,
  );
  return Number(rows.rows[0]?.n ?? 0);
}

async function main(): Promise<void> {
  // Other processes on the machine skew every figure: record the load average around the run.
  const loadBefore = loadavg().map((n) => Number(n.toFixed(2)));
  const name = `ritmo_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(base, name);
  const db = new Client({ connectionString: databaseUrl });
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  try {
    const app = await startServer('bench/servers/backlog-server.ts', ['ritmo'], {
      DATABASE_URL: databaseUrl,
    });
    servers.push(app);
    await db.connect();
    const email = 'bench@comune.scandiano.example';
    const password = 'Scandiano-Bench-2026!';
    const user = await call<{ id: string }>(`${app.url}/api/v1/auth/register`, 'POST', null, {
      email,
      displayName: 'Ufficio Benchmark',
      password,
    });
    const login = await call<{ accessToken: string }>(
      `${app.url}/api/v1/auth/login`,
      'POST',
      null,
      {
        email,
        password,
      },
    );
    const token = login.accessToken;
    const big = await seedTeam(app.url, token, user.id, db, 5000);
    await db.query('VACUUM ANALYZE backlog_items');

    if (process.env.BENCH_SEED_ONLY) return;
    const bare = await startServer('bench/servers/backlog-server.ts', ['bare'], {
      DATABASE_URL: databaseUrl,
      BENCH_USER_ID: user.id,
    });
    servers.push(bare);
    const path = `/api/v1/teams/${big.teamId}/backlog-items?limit=100`;
    const results: LoadResult[] = [];
    results.push(await load('bare node:http + pg: GET 100 of 5,000', `${bare.url}${path}`));
    await stopServer(bare.child);
    servers.pop();
    results.push(await load('ritmo: GET 100 of 5,000', `${app.url}${path}`, token));
    console.table(results);
    const ratio = results[1].requestsPerSec / results[0].requestsPerSec;
    console.log(
      `ritmo/bare throughput = ${ratio.toFixed(2)}x (goal >= 0.7), ritmo p99 = ${results[1].p99} ms (goal < 30)`,
    );

    const small = await seedTeam(app.url, token, user.id, db, 100);
    const large = await seedTeam(app.url, token, user.id, db, 10_000);
    await db.query('VACUUM ANALYZE backlog_items');
    const moveSmall = await moves(app.url, token, db, small);
    const moveLarge = await moves(app.url, token, db, large);
    console.table([moveSmall, moveLarge]);
    const moveRatio = moveLarge.p50 / moveSmall.p50;
    console.log(`move p50 at 10,000 / at 100 = ${moveRatio.toFixed(2)}x (goal <= 1.2)`);
    const file = saveResults('backlog.json', {
      machine: { ...machine(), loadavgBefore: loadBefore, loadavgAfter: loadavg() },
      list: results,
      listRatio: Number(ratio.toFixed(2)),
      moves: [moveSmall, moveLarge],
      moveRatio: Number(moveRatio.toFixed(2)),
    });
    console.log(`written to ${file}`);
  } finally {
    for (const server of servers) await stopServer(server.child);
    await db.end().catch(() => undefined);
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

void main();
