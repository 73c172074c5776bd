import { ModulesContainer } from '@nestjs/core';
import {
  GATEWAY_METADATA,
  GATEWAY_OPTIONS,
  MESSAGE_MAPPING_METADATA,
  MESSAGE_METADATA,
} from '@nestjs/websockets/constants';
import { io, Socket } from 'socket.io-client';
import { ApiTokensService } from '../src/identity/tokens/api-tokens.service';
import { ACTORS, ActorName, matrixContext, MatrixContext } from './matrix/matrix';
import { SOCKET_ROWS, SocketOutcome, SocketRow } from './matrix/socket';
import { Factory, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface Ack {
  ok: boolean;
  error?: { type: string; status: number; detail: string };
}

/**
 * The route × role matrix of test/access-matrix.e2e-spec.ts, for socket messages: every
 * message of every gateway, sent by every actor, answered as the permission table says; a
 * refusal appends no event and its acknowledgement names nothing of the target team.
 */
describe('access matrix: every socket message × every actor', () => {
  let t: TestApp;
  let c: MatrixContext;
  const tokens: Partial<Record<ActorName, string>> = {};
  const sockets: Socket[] = [];
  let pairs = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    const f = new Factory(t);
    const team = await f.team();
    await t.db.query(`UPDATE teams SET name = 'Bersaglio Anagrafe' WHERE id = $1`, [team.id]);
    const other = await f.team();
    const users: Partial<Record<ActorName, TestUser>> = {
      outsider: await f.member(other, 'scrum_master', other.admin),
      workspace_admin: team.admin,
      stakeholder: await f.member(team, 'stakeholder'),
      developer: await f.member(team, 'developer'),
      scrum_master: await f.member(team, 'scrum_master'),
      product_owner: await f.member(team, 'product_owner'),
    };
    for (const [actor, user] of Object.entries(users)) tokens[actor as ActorName] = user.token;
    tokens.read_token = (
      await t.ritmo.app
        .get(ApiTokensService)
        .create(users.developer!.actor, { name: 'Sola lettura', scopes: ['read'] })
    ).token;
    c = matrixContext(t, f, team, users);
  });

  afterAll(async () => {
    console.log(
      `socket matrix: ${pairs} (message, actor) pairs over ${SOCKET_ROWS.length} messages × ${ACTORS.length} actors`,
    );
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  it('has exactly one row per message handler of every gateway', () => {
    const handled: string[] = [];
    for (const module of t.ritmo.app.get(ModulesContainer).values()) {
      for (const wrapper of module.providers.values()) {
        const type = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!type || !Reflect.getMetadata(GATEWAY_METADATA, type)) continue;
        const options = (Reflect.getMetadata(GATEWAY_OPTIONS, type) ?? {}) as {
          namespace?: string;
        };
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const method = (type.prototype as Record<string, unknown>)[name];
          if (typeof method !== 'function') continue;
          if (!Reflect.getMetadata(MESSAGE_MAPPING_METADATA, method)) continue;
          handled.push(
            `${options.namespace ?? '/'} ${Reflect.getMetadata(MESSAGE_METADATA, method)}`,
          );
        }
      }
    }
    expect(handled.length).toBeGreaterThan(0);
    expect([...new Set(handled)].sort()).toEqual(SOCKET_ROWS.map((r) => r.message).sort());
  });

  it('refuses a handshake without credentials, for every namespace', async () => {
    for (const namespace of new Set(SOCKET_ROWS.map((r) => r.message.split(' ')[0]))) {
      const error = await connect(namespace, undefined).then(
        () => undefined,
        (e: Error & { data?: unknown }) => e,
      );
      expect({ namespace, refused: error?.message }).toEqual({
        namespace,
        refused: 'unauthenticated',
      });
    }
  });

  describe.each(SOCKET_ROWS.map((row) => [row.message, row] as const))('%s', (_name, row) => {
    it('answers every actor as the permission table says, and a refusal changes nothing', async () => {
      const outcomes: { actor: ActorName; outcome: SocketOutcome }[] = [];
      for (const actor of ACTORS) {
        outcomes.push({ actor, outcome: await send(row, actor) });
        pairs++;
      }
      expect(outcomes).toEqual(ACTORS.map((actor) => ({ actor, outcome: row.expected[actor] })));
    });
  });

  async function send(row: SocketRow, actor: ActorName): Promise<SocketOutcome> {
    const [namespace, message] = row.message.split(' ');
    if (actor === 'anonymous') {
      const refused = await connect(namespace, undefined).then(
        () => false,
        () => true,
      );
      return refused ? 401 : 'ok';
    }
    const socket = await connect(namespace, tokens[actor]);
    const payload = await row.build(c, actor);
    const before = await eventCount();
    const ack = (await socket.timeout(5_000).emitWithAck(message, payload)) as Ack;
    socket.disconnect();
    if (ack.ok) return 'ok';
    const where = `${row.message} as ${actor}`;
    expect({ where, events: await eventCount() }).toEqual({ where, events: before });
    const text = JSON.stringify(ack);
    expect({ where, leaked: text.includes('Bersaglio') }).toEqual({ where, leaked: false });
    return ack.error!.status;
  }

  function connect(namespace: string, token: string | undefined): Promise<Socket> {
    const socket = io(`${t.url}${namespace}`, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  async function eventCount(): Promise<number> {
    const [row] = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM events`);
    return Number(row.n);
  }
});
