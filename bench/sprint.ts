// npm run bench:sprint — the live burndown of a 10-day sprint with 500 items and 5,000 events,
// and the board of a Kanban team with 1,000 items, each through ritmo and through a bare
// node:http + pg server running the same SQL and the same report maths / mapper
// (bench/servers/sprint-server.ts). Latency of sequential requests (one at a time: the
// figure a user waiting for a chart sees), p50/p99 over 300 requests after 30 warm-up ones.
// Needs DATABASE_URL (a server where it may create a scratch database).
// Results: bench/results/sprint.json.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { machine, saveResults, startServer, stopServer } from './lib/run';

const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WARM_UP = 30;
const RUNS = 300;
const SPRINT_ITEMS = 500;
const BOARD_ITEMS = 1000;
const TARGET_EVENTS = 5000;
const DAY = 86_400_000;

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

async function call<T>(
  url: string,
  method: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, {
    method,
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** Runs `tasks` with at most `n` at a time (moves serialize on the team lock anyway). */
async function pool(n: number, tasks: (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

async function team(
  url: string,
  token: string,
  db: Client,
  userId: string,
  kind: 'scrum' | 'kanban',
  n: number,
) {
  const workspace = await call<{ id: string }>(`${url}/api/v1/workspaces`, 'POST', token, {
    name: `Comune di Rubiera ${kind}`,
  });
  const t = await call<{ id: string }>(
    `${url}/api/v1/workspaces/${workspace.id}/teams`,
    'POST',
    token,
    { name: `Ufficio Tributi ${kind}`, process: kind, timezone: 'Europe/Rome' },
  );
  await db.query(
    `INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'scrum_master')`,
    [t.id, userId],
  );
  const items: { id: string; version: number }[] = [];
  for (let done = 0; done < n; done += 200) {
    const lines = Array.from({ length: Math.min(200, n - done) }, (_, i) => `Pratica ${done + i}`);
    const res = await call<{ items: { id: string; version: number }[] }>(
      `${url}/api/v1/teams/${t.id}/backlog-items/bulk`,
      'POST',
      token,
      { text: lines.join('\n') },
    );
    items.push(...res.items);
  }
  return { teamId: t.id, items };
}

const ymd = (at: Date) => at.toISOString().slice(0, 10);

/**
 * A Scrum team, a sprint of the last 10 days with 500 estimated items, started, then board
 * moves until the team's log holds 5,000 events; event times are then spread over the sprint
 * (the log is written now, a real sprint writes it over ten days).
 */
async function seedSprint(url: string, token: string, db: Client, userId: string) {
  const { teamId, items } = await team(url, token, db, userId, 'scrum', SPRINT_ITEMS);
  const points = [1, 2, 3, 5, 8];
  await pool(
    4,
    items.map(
      (item, i) => () =>
        call(
          `${url}/api/v1/backlog-items/${item.id}`,
          'PATCH',
          token,
          { estimate: points[i % 5] },
          {
            'if-match': `"${item.version}"`,
          },
        ),
    ),
  );
  const start = new Date(Date.now() - 10 * DAY);
  const sprint = await call<{ id: string }>(
    `${url}/api/v1/teams/${teamId}/sprints`,
    'POST',
    token,
    {
      name: 'Ciclo di prova',
      startDate: ymd(start),
      endDate: ymd(new Date(start.getTime() + 9 * DAY)),
    },
  );
  for (let i = 0; i < items.length; i += 100)
    await call(`${url}/api/v1/sprints/${sprint.id}/items`, 'POST', token, {
      ids: items.slice(i, i + 100).map((x) => x.id),
    });
  await call(`${url}/api/v1/sprints/${sprint.id}/start`, 'POST', token, {});
  const wf = await call<{ statuses: { id: string }[] }>(
    `${url}/api/v1/teams/${teamId}/workflow`,
    'GET',
    token,
  );
  const seqOf = async () =>
    Number(
      (await db.query<{ s: string }>(`SELECT event_seq AS s FROM teams WHERE id = $1`, [teamId]))
        .rows[0].s,
    );
  const startedSeq = await seqOf();
  const moves: (() => Promise<unknown>)[] = [];
  // Columns 1 (in progress), 2 (review), 3 (done) in turn; the last round leaves half done.
  const route = [1, 2, 1, 2, 3, 1, 2];
  for (let round = 0; moves.length < TARGET_EVENTS - startedSeq; round++)
    for (const [i, item] of items.entries()) {
      if (moves.length >= TARGET_EVENTS - startedSeq) break;
      const column = round < route.length ? route[round] : i % 2 ? 3 : 1;
      moves.push(() =>
        call(`${url}/api/v1/teams/${teamId}/board/moves`, 'POST', token, {
          itemId: item.id,
          statusId: wf.statuses[column].id,
        }),
      );
    }
  await pool(4, moves);
  const lastSeq = await seqOf();
  // Planning before the first day, the sprint's events spread evenly over its ten days.
  const day1 = new Date(`${ymd(start)}T07:00:00Z`).getTime();
  await db.query(
    `UPDATE events SET occurred_at = CASE
        WHEN seq <= $2 THEN to_timestamp(($3::bigint - ($2 - seq) * 1000) / 1000.0)
        ELSE to_timestamp(($3::bigint + (seq - $2) * ($5::bigint / ($4 - $2))) / 1000.0) END
      WHERE team_id = $1`,
    [teamId, startedSeq, day1, lastSeq, Math.floor(9.5 * DAY)],
  );
  return { teamId, sprintId: sprint.id, events: lastSeq };
}

async function seedBoard(url: string, token: string, db: Client, userId: string) {
  const { teamId } = await team(url, token, db, userId, 'kanban', BOARD_ITEMS);
  await call(`${url}/api/v1/teams/${teamId}/workflow`, 'GET', token);
  // Spread the cards over the four columns (the route under test only reads them).
  await db.query(
    `UPDATE backlog_items b SET status_id = s.id
       FROM (SELECT id, row_number() OVER (ORDER BY position) - 1 AS n
               FROM workflow_statuses WHERE team_id = $1) s
      WHERE b.team_id = $1 AND s.n = (abs(hashtext(b.id::text)) % 4)`,
    [teamId],
  );
  return { teamId };
}

async function seeded(db: Client) {
  const { rows } = await db.query<{ team_id: string; id: string; events: string }>(
    `SELECT s.team_id, s.id, t.event_seq AS events FROM sprints s JOIN teams t ON t.id = s.team_id`,
  );
  return { teamId: rows[0].team_id, sprintId: rows[0].id, events: Number(rows[0].events) };
}

async function seededBoard(db: Client) {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM teams WHERE process = 'kanban'`);
  return { teamId: rows[0].id };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(2),
  );
}

async function latency(name: string, url: string, token: string | null) {
  let bytes = 0;
  const once = async () => {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${text}`);
    bytes = text.length;
  };
  for (let i = 0; i < WARM_UP; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return {
    name,
    runs: RUNS,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: Number((times.reduce((a, b) => a + b, 0) / RUNS).toFixed(2)),
    responseBytes: bytes,
  };
}

async function main(): Promise<void> {
  const loadBefore = loadavg().map((n) => Number(n.toFixed(2)));
  // BENCH_DB: measure again on a database a BENCH_KEEP_DB run left (seeding takes minutes).
  const reuse = process.env.BENCH_DB;
  const name = reuse ?? `ritmo_bench_${randomBytes(4).toString('hex')}`;
  if (!reuse) await admin(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(base, name);
  const db = new Client({ connectionString: databaseUrl });
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  try {
    const app = await startServer('bench/servers/sprint-server.ts', ['ritmo'], {
      DATABASE_URL: databaseUrl,
    });
    servers.push(app);
    await db.connect();
    const email = 'bench@comune.rubiera.example';
    const password = 'Rubiera-Bench-2026!';
    const user = reuse
      ? (await db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email])).rows[0]
      : await call<{ id: string }>(`${app.url}/api/v1/auth/register`, 'POST', null, {
          email,
          displayName: 'Ufficio Benchmark',
          password,
        });
    const { accessToken: token } = await call<{ accessToken: string }>(
      `${app.url}/api/v1/auth/login`,
      'POST',
      null,
      { email, password },
    );
    const seeding = performance.now();
    const sprint = reuse ? await seeded(db) : await seedSprint(app.url, token, db, user.id);
    const board = reuse ? await seededBoard(db) : await seedBoard(app.url, token, db, user.id);
    await db.query('VACUUM ANALYZE events');
    await db.query('VACUUM ANALYZE backlog_items');
    console.log(
      `seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s: ${sprint.events} events in the sprint team`,
    );
    if (process.env.BENCH_SEED_ONLY) return;

    const bare = await startServer('bench/servers/sprint-server.ts', ['bare'], {
      DATABASE_URL: databaseUrl,
      BENCH_USER_ID: user.id,
    });
    servers.push(bare);
    const burnPath = `/api/v1/sprints/${sprint.sprintId}/burndown`;
    const boardPath = `/api/v1/teams/${board.teamId}/board`;
    const bareBurn = await latency('bare: burndown', `${bare.url}${burnPath}`, null);
    const bareBoard = await latency('bare: board of 1,000', `${bare.url}${boardPath}`, null);
    await stopServer(bare.child);
    servers.pop();
    const ritmoBurn = await latency('ritmo: burndown', `${app.url}${burnPath}`, token);
    const ritmoBoard = await latency('ritmo: board of 1,000', `${app.url}${boardPath}`, token);
    const rows = [bareBurn, ritmoBurn, bareBoard, ritmoBoard];
    console.table(rows);
    const ratio = (a: { p99: number }, b: { p99: number }) => Number((a.p99 / b.p99).toFixed(2));
    console.log(
      `burndown p99 ritmo ${ritmoBurn.p99} ms (goal < 50), ritmo/bare ${ratio(ritmoBurn, bareBurn)}x; ` +
        `board p99 ritmo ${ritmoBoard.p99} ms (goal < 50), ritmo/bare ${ratio(ritmoBoard, bareBoard)}x`,
    );
    const file = saveResults('sprint.json', {
      machine: { ...machine(), loadavgBefore: loadBefore, loadavgAfter: loadavg() },
      seed: { sprintItems: SPRINT_ITEMS, sprintTeamEvents: sprint.events, boardItems: BOARD_ITEMS },
      burndown: { bare: bareBurn, ritmo: ritmoBurn, p99Ratio: ratio(ritmoBurn, bareBurn) },
      board: { bare: bareBoard, ritmo: ritmoBoard, p99Ratio: ratio(ritmoBoard, bareBoard) },
    });
    console.log(`written to ${file}`);
  } finally {
    for (const server of servers) await stopServer(server.child);
    await db.end().catch(() => undefined);
    if (process.env.BENCH_KEEP_DB || reuse) console.log(`kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

void main();
