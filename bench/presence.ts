// npm run bench:realtime (second part) — presence under waves of 2,000 subscribed sockets over
// 3 teams and 30 people: connect in waves of 200, half leave in one wave, the rest at once.
// Per cycle: presence frames received by the sockets, server CPU and the longest event-loop
// stall, against a bare socket.io server doing the same subscribes without presence.
// Results: bench/results/presence.json.
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { adminQuery, uniqueDatabaseName, withDatabase } from '../test/support/database';
import { MAX_SOCKETS_PER_CREDENTIAL } from '../src/realtime/realtime.gateway';
import { machine, saveResults, startServer, stopServer } from './lib/run';

const SOCKETS = 2_000;
const TEAMS = 3;
const PEOPLE = 30;
const WAVE = 200;
const SESSIONS_EACH = Math.ceil(SOCKETS / PEOPLE / MAX_SOCKETS_PER_CREDENTIAL);
const CYCLES = 3;
/** After a wave: long enough for the debounced deltas (100 ms) to go out. */
const SETTLE_MS = 500;
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Benchmark-Scandiano-2026!';

interface Stats {
  cpuMs: number;
  loopDelayMaxMs: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function json(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Asks the server process for its CPU and loop delay since the last call. */
function stats(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /STATS (\{.*\})/.exec(buffer);
      if (!match) return;
      child.stdout?.off('data', onData);
      resolve(JSON.parse(match[1]) as Stats);
    };
    child.stdout?.on('data', onData);
    child.kill('SIGUSR2');
  });
}

async function connectWave(
  url: string,
  tokens: string[],
  teams: string[],
  from: number,
  count: number,
  frames: { n: number },
): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, k) => {
      const i = from + k;
      const socket = io(`${url}/realtime`, {
        auth: { token: tokens[i % tokens.length] },
        transports: ['websocket'],
        reconnection: false,
      });
      socket.on('presence.changed', () => (frames.n += 1));
      socket.on('presence.delta', () => (frames.n += 1));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack = (await socket.emitWithAck('subscribe', { teamId: teams[i % teams.length] })) as {
        ok: boolean;
      };
      if (!ack.ok) throw new Error('subscribe refused');
      return socket;
    }),
  );
}

async function cycle(url: string, child: ChildProcess, tokens: string[], teams: string[]) {
  const frames = { n: 0 };
  await stats(child);
  const sockets: Socket[] = [];
  for (let i = 0; i < SOCKETS; i += WAVE)
    sockets.push(...(await connectWave(url, tokens, teams, i, WAVE, frames)));
  await sleep(SETTLE_MS);
  const connect = await stats(child);
  for (const s of sockets.slice(0, SOCKETS / 2)) s.close();
  await sleep(SETTLE_MS);
  const half = await stats(child);
  for (const s of sockets.slice(SOCKETS / 2)) s.close();
  await sleep(SETTLE_MS);
  const mass = await stats(child);
  return {
    presenceFrames: frames.n,
    cpuMs: {
      connect: round(connect.cpuMs),
      halfLeave: round(half.cpuMs),
      massDisconnect: round(mass.cpuMs),
    },
    loopDelayMaxMs: {
      connect: round(connect.loopDelayMaxMs),
      halfLeave: round(half.loopDelayMaxMs),
      massDisconnect: round(mass.loopDelayMaxMs),
    },
  };
}

async function main(): Promise<void> {
  const database = uniqueDatabaseName('ritmo_bench');
  await adminQuery(BASE_URL, `CREATE DATABASE ${database}`);
  const dbUrl = withDatabase(BASE_URL, database);
  const ritmo = await startServer('bench/servers/realtime-server.ts', ['ritmo'], {
    DATABASE_URL: dbUrl,
  });
  const bare = await startServer('bench/servers/realtime-server.ts', ['bare'], {});
  const load = [loadavg()[0]];
  try {
    const tokens: string[] = [];
    const userIds: string[] = [];
    for (let p = 0; p < PEOPLE; p++) {
      const email = `presenza.${p}.${Date.now()}@comune.example`;
      const user = await json(`${ritmo.url}/api/v1/auth/register`, 'POST', {
        email,
        displayName: `Persona ${p}`,
        password: PASSWORD,
      });
      userIds.push(user.id as string);
      // Several sessions each (several browsers): one session holds at most
      // MAX_SOCKETS_PER_CREDENTIAL sockets on a server.
      for (let s = 0; s < SESSIONS_EACH; s++) {
        const login = await json(`${ritmo.url}/api/v1/auth/login`, 'POST', {
          email,
          password: PASSWORD,
        });
        // Session-major, so that socket i still belongs to person i % PEOPLE.
        tokens[s * PEOPLE + p] = login.accessToken as string;
      }
    }
    const ws = (await json(`${ritmo.url}/api/v1/workspaces`, 'POST', { name: 'Unione' }, tokens[0]))
      .id as string;
    const teams: string[] = [];
    for (let t = 0; t < TEAMS; t++)
      teams.push(
        (
          await json(
            `${ritmo.url}/api/v1/workspaces/${ws}/teams`,
            'POST',
            { name: `Ufficio ${t}` },
            tokens[0],
          )
        ).id as string,
      );
    // Set-up only: everyone a developer of every team, without 90 invitations.
    const pg = new Client({ connectionString: dbUrl });
    await pg.connect();
    for (const teamId of teams)
      for (const userId of userIds.slice(1))
        await pg.query(
          `INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'developer')`,
          [teamId, userId],
        );
    await pg.end();

    const runs = {
      ritmo: [] as Awaited<ReturnType<typeof cycle>>[],
      bare: [] as Awaited<ReturnType<typeof cycle>>[],
    };
    for (let c = 0; c < CYCLES; c++) {
      runs.bare.push(await cycle(bare.url, bare.child, tokens, teams));
      runs.ritmo.push(await cycle(ritmo.url, ritmo.child, tokens, teams));
    }
    load.push(loadavg()[0]);
    const worst = (
      side: 'ritmo' | 'bare',
      pick: (r: Awaited<ReturnType<typeof cycle>>) => number,
    ) => round(Math.max(...runs[side].map(pick)));
    const summary = {
      presenceFramesPerCycle: worst('ritmo', (r) => r.presenceFrames),
      massDisconnectCpuMs: {
        ritmo: worst('ritmo', (r) => r.cpuMs.massDisconnect),
        bare: worst('bare', (r) => r.cpuMs.massDisconnect),
      },
      cycleCpuMs: {
        ritmo: worst('ritmo', (r) => r.cpuMs.connect + r.cpuMs.halfLeave + r.cpuMs.massDisconnect),
        bare: worst('bare', (r) => r.cpuMs.connect + r.cpuMs.halfLeave + r.cpuMs.massDisconnect),
      },
      massDisconnectLoopDelayMaxMs: {
        ritmo: worst('ritmo', (r) => r.loopDelayMaxMs.massDisconnect),
        bare: worst('bare', (r) => r.loopDelayMaxMs.massDisconnect),
      },
      loopDelayMaxMs: {
        ritmo: worst('ritmo', (r) => Math.max(...Object.values(r.loopDelayMaxMs))),
        bare: worst('bare', (r) => Math.max(...Object.values(r.loopDelayMaxMs))),
      },
    };
    const results = {
      machine: machine(),
      sockets: SOCKETS,
      teams: TEAMS,
      people: PEOPLE,
      wave: WAVE,
      cycles: CYCLES,
      loadAverage1m: { before: round(load[0]), after: round(load[1]) },
      summary: {
        ...summary,
        ratioCycleCpu: round(summary.cycleCpuMs.ritmo / summary.cycleCpuMs.bare),
        ratioMassDisconnectCpu: round(
          summary.massDisconnectCpuMs.ritmo / summary.massDisconnectCpuMs.bare,
        ),
      },
      runs,
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(`written to ${saveResults('presence.json', results)}`);
  } finally {
    await stopServer(ritmo.child);
    await stopServer(bare.child);
    await adminQuery(BASE_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

void main();
