import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import { RealtimeClient } from '../src/client/realtime-client';
import { TeamView } from './chaos/client-state';
import { startNginx } from './chaos/nginx';
import { adminQuery, uniqueDatabaseName, withDatabase } from './support/database';
import { freePort, RitmoProcess, spawnRitmo, waitForReady } from './support/process';
import { TEST_JWT_SECRET } from './support/test-app';

/**
 * The realtime promise under fire: two instances behind nginx, PostgreSQL and Redis; socket
 * clients following the client contract; mutations at a steady rate through both instances;
 * random client disconnects; each instance SIGKILLed and restarted. At the end every client's
 * view, built only from the events it applied, equals the REST snapshot, and every client applied
 * every seq exactly once. `npm test` runs a short version; `npm run test:chaos` the long one.
 */
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 30);
const TEAMS = Number(process.env.CHAOS_TEAMS ?? 3);
const MUTATIONS = Number(process.env.CHAOS_MUTATIONS ?? 240);
const KILLS = Number(process.env.CHAOS_KILLS ?? 2);
const WRITERS = 4;
/** Pause between two mutations of one writer: a steady rate that outlasts the restarts. */
const PAUSE_MS = Number(process.env.CHAOS_PAUSE_MS ?? 40);

describe('chaos: the realtime promise with instances killed under load', () => {
  it(`${CLIENTS} clients, ${TEAMS} teams, ${MUTATIONS} mutations, ${KILLS} SIGKILLs: every view equals the server`, async () => {
    const baseUrl = process.env.DATABASE_URL as string;
    const database = uniqueDatabaseName('ritmo_chaos');
    await adminQuery(baseUrl, `CREATE DATABASE ${database}`);
    const dir = await mkdtemp(join(tmpdir(), 'ritmo-chaos-'));
    const ports = [await freePort(), await freePort()];
    const lbPort = await freePort();
    const env = (port: number) => ({
      DATABASE_URL: withDatabase(baseUrl, database),
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const instances: RitmoProcess[] = [spawnRitmo(env(ports[0]))];
    await waitForReady(`http://127.0.0.1:${ports[0]}`, 120_000); // first one alone: it runs the migrations
    instances.push(spawnRitmo(env(ports[1])));
    await waitForReady(`http://127.0.0.1:${ports[1]}`, 120_000);
    let nginx: ChildProcess | undefined;
    const clients: { client: RealtimeClient; teamId: string; view: TeamView }[] = [];
    try {
      nginx = await startNginx(dir, lbPort, ports);
      const lb = `http://127.0.0.1:${lbPort}`;
      await waitForReady(lb, 30_000);
      const call = async (
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ) => {
        const res = await fetch(`${lb}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            'x-ritmo-client': String(Math.random()),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        // nginx answers a dead upstream with an HTML 502.
        const json = /json/.test(res.headers.get('content-type') ?? '') && text;
        return {
          status: res.status,
          body: json ? (JSON.parse(text) as Record<string, unknown>) : {},
          etag: res.headers.get('etag'),
        };
      };
      /** For set-up and the final check: retried while an instance comes back. */
      const callOk: typeof call = async (method, path, body, headers) => {
        for (let attempt = 0; ; attempt++) {
          const res = await call(method, path, body, headers);
          if (res.status < 500 || attempt >= 50) return res;
          await sleep(200);
        }
      };
      const email = `caos.${Date.now()}@comune.example`;
      const password = 'Caos-Controllato-Scandiano-9';
      await call('POST', '/api/v1/auth/register', {
        email,
        displayName: 'Regia del caos',
        password,
      });
      const token = (await call('POST', '/api/v1/auth/login', { email, password })).body
        .accessToken as string;
      const auth = { authorization: `Bearer ${token}` };
      const workspace = (
        await call('POST', '/api/v1/workspaces', { name: 'Unione Tresinaro Secchia' }, auth)
      ).body.id as string;
      const teams: string[] = [];
      for (let i = 0; i < TEAMS; i++) {
        const created = await call(
          'POST',
          `/api/v1/workspaces/${workspace}/teams`,
          { name: `Ufficio ${i + 1}` },
          auth,
        );
        const teamId = created.body.id as string;
        // The admin joins as product owner: creating and ranking items takes a team role.
        const invitation = await call(
          'POST',
          `/api/v1/teams/${teamId}/invitations`,
          { email, role: 'product_owner' },
          auth,
        );
        const accepted = await call(
          'POST',
          '/api/v1/invitations/accept',
          { token: invitation.body.token },
          auth,
        );
        if (accepted.status !== 200)
          throw new Error(`join team: ${accepted.status} ${JSON.stringify(accepted.body)}`);
        teams.push(teamId);
      }

      for (let i = 0; i < CLIENTS; i++) {
        const teamId = teams[i % TEAMS];
        const view = new TeamView();
        // A session of its own, as each person's browser has: one session may hold at most 20
        // sockets on one server, and after a kill every client lands on the survivor.
        const session = (await call('POST', '/api/v1/auth/login', { email, password })).body
          .accessToken as string;
        const client = new RealtimeClient(lb, session, {
          onEvent: (event) => view.apply(event),
          extraHeaders: { 'x-ritmo-client': `client-${i}` },
        });
        await client.connected();
        const ack = await client.subscribe(teamId, 0);
        if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
        clients.push({ client, teamId, view });
      }

      const items = new Map<string, string[]>(teams.map((t) => [t, []]));
      const counts = { ok: 0, refused: 0, failed: 0, disconnects: 0, kills: 0 };
      let done = 0;
      const statuses = new Map<number, number>();
      const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
      const mutate = async () => {
        const teamId = pick(teams);
        const known = items.get(teamId) as string[];
        const roll = Math.random();
        if (roll < 0.15) {
          const team = await call('GET', `/api/v1/teams/${teamId}`, undefined, auth);
          return call(
            'PATCH',
            `/api/v1/teams/${teamId}`,
            { name: `Ufficio ${Math.floor(Math.random() * 1000)}` },
            { ...auth, 'if-match': team.etag ?? '' },
          );
        }
        if (roll < 0.55 || known.length < 2) {
          const res = await call(
            'POST',
            `/api/v1/teams/${teamId}/backlog-items`,
            { type: 'story', title: `Pratica ${done}` },
            auth,
          );
          if (res.status === 201) known.push(res.body.id as string);
          return res;
        }
        const itemId = pick(known);
        if (roll < 0.8) {
          const item = await call('GET', `/api/v1/backlog-items/${itemId}`, undefined, auth);
          return call(
            'PATCH',
            `/api/v1/backlog-items/${itemId}`,
            { estimate: pick([1, 2, 3, 5, 8]), title: `Pratica rivista ${done}` },
            { ...auth, 'if-match': item.etag ?? '' },
          );
        }
        const anchor = pick(known.filter((id) => id !== itemId));
        return call(
          'POST',
          `/api/v1/teams/${teamId}/backlog-items/rank`,
          { ids: [itemId], after: anchor },
          auth,
        );
      };
      const writer = async () => {
        while (done < MUTATIONS) {
          done += 1;
          try {
            const res = await mutate();
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status < 300) counts.ok += 1;
            else if (res.status < 500) counts.refused += 1;
            else counts.failed += 1;
          } catch {
            counts.failed += 1;
          }
          await sleep(PAUSE_MS);
        }
      };
      const disconnects = async () => {
        while (done < MUTATIONS) {
          await sleep(150);
          const victim = pick(clients).client;
          victim.socket.disconnect();
          counts.disconnects += 1;
          setTimeout(() => victim.socket.connect(), 100 + Math.random() * 400);
        }
      };
      // One instance at a time: killed, restarted, and back before the other is killed.
      const kills = async () => {
        for (let k = 0; k < KILLS; k++) {
          const at = Math.floor(((k + 1) * MUTATIONS) / (KILLS + 2));
          while (done < at) await sleep(20);
          const index = k % 2;
          instances[index].child.kill('SIGKILL');
          await instances[index].exited;
          counts.kills += 1;
          instances[index] = spawnRitmo(env(ports[index]));
          await waitForReady(`http://127.0.0.1:${ports[index]}`, 120_000);
        }
      };
      await Promise.all([...Array.from({ length: WRITERS }, writer), disconnects(), kills()]);
      for (const [index, port] of ports.entries()) {
        await waitForReady(`http://127.0.0.1:${port}`, 120_000);
        expect(instances[index].child.exitCode).toBeNull();
      }
      for (const { client } of clients) if (!client.socket.connected) client.socket.connect();

      const finalSeq = new Map<string, number>();
      for (const teamId of teams) {
        const page = await call(
          'GET',
          `/api/v1/teams/${teamId}/events?after=0&limit=1`,
          undefined,
          auth,
        );
        if (page.status !== 200) {
          const log = await import('node:fs/promises').then((fs) =>
            fs.readFile(join(dir, 'logs', 'error.log'), 'utf8'),
          );
          throw new Error(
            `events of ${teamId}: ${page.status} ${log.split('\n').slice(-5).join('\n')}`,
          );
        }
        finalSeq.set(teamId, page.body.currentSeq as number);
      }
      const started = Date.now();
      while (
        clients.some(({ client, teamId }) => client.seq(teamId) !== finalSeq.get(teamId)) &&
        Date.now() - started < 60_000
      ) {
        await sleep(100);
      }
      let mismatches = 0;
      let applied = 0;
      for (const teamId of teams) {
        const team = await callOk('GET', `/api/v1/teams/${teamId}`, undefined, auth);
        const snapshot: { id: string; title: string; estimate: number | null }[] = [];
        let cursor: string | null = null;
        do {
          const page = await call(
            'GET',
            `/api/v1/teams/${teamId}/backlog-items?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
            undefined,
            auth,
          );
          for (const item of page.body.items as {
            id: string;
            title: string;
            estimate: number | null;
          }[]) {
            snapshot.push({ id: item.id, title: item.title, estimate: item.estimate });
          }
          cursor = (page.body.nextCursor as string | null) ?? null;
        } while (cursor);
        const expectedSeqs = Array.from(
          { length: finalSeq.get(teamId) as number },
          (_, i) => i + 1,
        );
        for (const { view } of clients.filter((c) => c.teamId === teamId)) {
          applied += view.seqs.length;
          const ok =
            view.name === team.body.name &&
            JSON.stringify(view.ordered()) === JSON.stringify(snapshot);
          const exactlyOnce = JSON.stringify(view.seqs) === JSON.stringify(expectedSeqs);
          if (!ok || !exactlyOnce) mismatches += 1;
          expect(view.seqs).toEqual(expectedSeqs);
          expect(view.name).toBe(team.body.name);
          expect(view.ordered()).toEqual(snapshot);
        }
      }
      const nginxLog = await import('node:fs/promises').then((fs) =>
        fs.readFile(join(dir, 'logs', 'error.log'), 'utf8'),
      );
      const reasons = new Map<string, number>();
      for (const line of nginxLog.split('\n')) {
        const reason = /\] \d+#\d+: \*\d+ ([^,]+),/.exec(line)?.[1];
        if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      console.log(`nginx: ${JSON.stringify(Object.fromEntries(reasons))}`);
      console.log(
        `chaos: ${CLIENTS} clients on ${TEAMS} teams; ${MUTATIONS} mutations (${counts.ok} ok, ${counts.refused} refused 4xx, ` +
          `${counts.failed} lost to a killed instance); ${counts.disconnects} client disconnects; ${counts.kills} SIGKILLs; ` +
          `${applied} events applied in all, each exactly once; ${mismatches} views differing from the server; ` +
          `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(mismatches).toBe(0);
      expect(counts.kills).toBe(KILLS);
    } finally {
      for (const { client } of clients) client.close();
      nginx?.kill('SIGTERM');
      for (const instance of instances) {
        instance.child.kill('SIGKILL');
        await instance.exited;
      }
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
