// npm run bench:realtime — commit → event at 1,000 subscribed sockets vs a bare socket.io
// broadcast to 1,000 sockets in the same run; catch-up of 1,000 missed events; RSS of the
// server with 2,000 idle subscribed sockets. Results: bench/results/realtime.json.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { adminQuery, uniqueDatabaseName, withDatabase } from '../test/support/database';
import { machine, saveResults, startServer, stopServer } from './lib/run';
import { MAX_SOCKETS_PER_CREDENTIAL } from '../src/realtime/realtime.gateway';

const SOCKETS = 1_000;
const IDLE_SOCKETS = 2_000;
const ROUNDS = 30;
const WARMUP = 5;
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round = (n: number) => Math.round(n * 100) / 100;

async function json(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as Record<string, unknown>, etag: res.headers.get('etag') };
}

/**
 * `count` sessions' worth of access tokens: a session may hold at most
 * MAX_SOCKETS_PER_CREDENTIAL sockets on one server, as many people each hold their own.
 */
async function sessions(url: string, email: string, password: string, sockets: number) {
  const tokens: string[] = [];
  for (let i = 0; i < Math.ceil(sockets / MAX_SOCKETS_PER_CREDENTIAL); i++)
    tokens.push(
      (await json(`${url}/api/v1/auth/login`, 'POST', { email, password })).body
        .accessToken as string,
    );
  return tokens;
}

async function connectMany(
  url: string,
  tokens: string[],
  teamId: string,
  count: number,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, async (_, j) => {
        const socket = io(`${url}/realtime`, {
          auth: { token: tokens[(i + j) % tokens.length] },
          transports: ['websocket'],
          reconnection: false,
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const ack = (await socket.emitWithAck('subscribe', { teamId })) as { ok: boolean };
        if (!ack.ok) throw new Error('subscribe refused');
        return socket;
      }),
    );
    sockets.push(...batch);
  }
  return sockets;
}

/** Fires `trigger` ROUNDS times; latency = from the trigger to each socket's receipt. */
async function measure(
  sockets: Socket[],
  trigger: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = -WARMUP; i < ROUNDS; i++) {
    let pending = sockets.length;
    const started = performance.now();
    const done = new Promise<void>((resolve) => {
      for (const socket of sockets) {
        socket.once('event', () => {
          if (i >= 0) latencies.push(performance.now() - started);
          if (--pending === 0) resolve();
        });
      }
    });
    await trigger(i + WARMUP);
    await done;
  }
  return latencies;
}

function rssMb(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '0';
  return Math.round(Number(/\d+/.exec(line)?.[0] ?? 0) / 1024);
}

async function main(): Promise<void> {
  const database = uniqueDatabaseName('ritmo_bench');
  await adminQuery(BASE_URL, `CREATE DATABASE ${database}`);
  const ritmo = await startServer('bench/servers/realtime-server.ts', ['ritmo'], {
    DATABASE_URL: withDatabase(BASE_URL, database),
  });
  const bare = await startServer('bench/servers/realtime-server.ts', ['bare'], {});
  try {
    const email = `bench.${Date.now()}@comune.example`;
    const password = 'Benchmark-Scandiano-2026!';
    await json(`${ritmo.url}/api/v1/auth/register`, 'POST', {
      email,
      displayName: 'Banco di prova',
      password,
    });
    const token = (await json(`${ritmo.url}/api/v1/auth/login`, 'POST', { email, password })).body
      .accessToken as string;
    const ws = (
      await json(
        `${ritmo.url}/api/v1/workspaces`,
        'POST',
        { name: 'Unione Tresinaro Secchia' },
        token,
      )
    ).body.id as string;
    const teamId = (
      await json(`${ritmo.url}/api/v1/workspaces/${ws}/teams`, 'POST', { name: 'Anagrafe' }, token)
    ).body.id as string;
    let version = 1;
    const rename = async (i: number) => {
      await json(`${ritmo.url}/api/v1/teams/${teamId}`, 'PATCH', { name: `Anagrafe ${i}` }, token, {
        'if-match': `"${version}"`,
      });
      version += 1;
    };

    const bareSockets = await connectMany(bare.url, ['x'], teamId, SOCKETS);
    const payload = { team: { id: teamId, name: 'Anagrafe 0', version: 1 }, changes: ['name'] };
    const bareLatency = await measure(bareSockets, async () => {
      await json(`${bare.url}/broadcast`, 'POST', { teamId, data: payload });
    });
    for (const s of bareSockets) s.close();

    const ritmoSockets = await connectMany(
      ritmo.url,
      await sessions(ritmo.url, email, password, SOCKETS),
      teamId,
      SOCKETS,
    );
    const ritmoLatency = await measure(ritmoSockets, rename);
    for (const s of ritmoSockets) s.close();

    // Catch-up: 1,000 events written while away, then one subscribe.
    const before = version;
    const pg = new Client({ connectionString: withDatabase(BASE_URL, database) });
    await pg.connect();
    const [{ event_seq: seqBefore }] = (
      await pg.query<{ event_seq: string }>('SELECT event_seq FROM teams WHERE id = $1', [teamId])
    ).rows;
    for (let i = 0; i < 1_000; i++) await rename(before + i);
    await pg.end();
    const late = io(`${ritmo.url}/realtime`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve) => late.once('connect', () => resolve()));
    let received = 0;
    const catchUpStarted = performance.now();
    const caughtUp = new Promise<void>((resolve) =>
      late.on('event', () => ++received === 1_000 && resolve()),
    );
    await late.emitWithAck('subscribe', { teamId, afterSeq: Number(seqBefore) });
    await caughtUp;
    const catchUpMs = performance.now() - catchUpStarted;
    late.close();

    // Memory in a fresh server process, so the sockets above do not count.
    await stopServer(ritmo.child);
    const fresh = await startServer('bench/servers/realtime-server.ts', ['ritmo'], {
      DATABASE_URL: withDatabase(BASE_URL, database),
    });
    ritmo.child = fresh.child;
    const freshTokens = await sessions(fresh.url, email, password, IDLE_SOCKETS);
    const rssBefore = rssMb(fresh.child.pid as number);
    const idle = await connectMany(fresh.url, freshTokens, teamId, IDLE_SOCKETS);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rssIdle = rssMb(fresh.child.pid as number);
    for (const s of idle) s.close();

    const results = {
      machine: machine(),
      sockets: SOCKETS,
      rounds: ROUNDS,
      commitToEvent: {
        p50: round(percentile(ritmoLatency, 50)),
        p99: round(percentile(ritmoLatency, 99)),
      },
      bareBroadcast: {
        p50: round(percentile(bareLatency, 50)),
        p99: round(percentile(bareLatency, 99)),
      },
      ratioP50: round(percentile(ritmoLatency, 50) / percentile(bareLatency, 50)),
      ratioP99: round(percentile(ritmoLatency, 99) / percentile(bareLatency, 99)),
      catchUp1000Ms: round(catchUpMs),
      rssMb: { beforeIdleSockets: rssBefore, with2000IdleSubscribedSockets: rssIdle },
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(
      `ritmo commit→event at ${SOCKETS} sockets: p50 ${results.commitToEvent.p50} ms, p99 ${results.commitToEvent.p99} ms`,
    );
    console.log(
      `bare socket.io broadcast to ${SOCKETS} sockets: p50 ${results.bareBroadcast.p50} ms, p99 ${results.bareBroadcast.p99} ms`,
    );
    console.log(`ratio ritmo/bare: p50 ${results.ratioP50}x, p99 ${results.ratioP99}x`);
    console.log(`catch-up of 1,000 missed events: ${results.catchUp1000Ms} ms`);
    console.log(
      `server RSS with ${IDLE_SOCKETS} idle subscribed sockets: ${rssIdle} MB (before: ${rssBefore} MB)`,
    );
    console.log(`written to ${saveResults('realtime.json', results)}`);
  } finally {
    await stopServer(ritmo.child);
    await stopServer(bare.child);
    await adminQuery(BASE_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

void main();
