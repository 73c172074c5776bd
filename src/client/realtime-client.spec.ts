import { createServer, Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, Socket } from 'socket.io';
import type { EventEnvelope } from './event-types';
import { RealtimeClient } from './realtime-client';

const TEAM = '5b0c7a52-0000-4000-8000-000000000001';

const envelope = (seq: number) =>
  ({
    seq,
    id: `event-${seq}`,
    teamId: TEAM,
    type: 'team.updated',
    occurredAt: new Date(0).toISOString(),
    actorId: null,
    data: {},
  }) as unknown as EventEnvelope;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The reference client against a scripted socket.io server: what it does with a heartbeat. */
describe('RealtimeClient and the heartbeat', () => {
  let http: HttpServer;
  let io: Server;
  let server: Socket | undefined;
  let client: RealtimeClient;
  const subscribes: { teamId: string; afterSeq?: number }[] = [];
  const applied: number[] = [];
  /** What the scripted server replays for a subscribe, by afterSeq. */
  let log: number[] = [1];

  beforeAll(async () => {
    http = createServer();
    io = new Server(http);
    io.of('/realtime').on('connection', (socket) => {
      server = socket;
      socket.on(
        'subscribe',
        (body: { teamId: string; afterSeq?: number }, ack: (r: unknown) => void) => {
          subscribes.push(body);
          const after = body.afterSeq ?? log.length;
          for (const seq of log) if (seq > after) socket.emit('event', envelope(seq));
          ack({ ok: true, teamId: body.teamId, seq: log.length });
        },
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    client = new RealtimeClient(`http://127.0.0.1:${port}`, 'token', {
      onEvent: (event) => applied.push(event.seq),
    });
    await client.connected();
    await until(() => server !== undefined);
  });
  afterAll(async () => {
    client.close();
    await io.close();
  });

  it('asks for what it lacks when a heartbeat is ahead of it, and only then', async () => {
    await client.subscribe(TEAM, 1);
    // Seqs 2 and 3 committed, their live frames lost on the server's side: only the beat says so.
    log = [1, 2, 3];
    server!.emit('heartbeat', { teamId: TEAM, seq: 3 });
    await until(() => client.seq(TEAM) === 3);
    expect(applied).toEqual([2, 3]);

    // Up to date: a beat at our seq asks nothing (the next beat's subscribe is the next one).
    server!.emit('heartbeat', { teamId: TEAM, seq: 3 });
    log = [1, 2, 3, 4];
    server!.emit('heartbeat', { teamId: TEAM, seq: 4 });
    await until(() => client.seq(TEAM) === 4);
    expect(subscribes).toEqual([
      { teamId: TEAM, afterSeq: 1 },
      { teamId: TEAM, afterSeq: 1 },
      { teamId: TEAM, afterSeq: 3 },
    ]);
    expect(applied).toEqual([2, 3, 4]);
  });

  it('ignores heartbeats of teams it does not follow', async () => {
    const before = subscribes.length;
    server!.emit('heartbeat', { teamId: '5b0c7a52-0000-4000-8000-000000000002', seq: 9 });
    server!.emit('heartbeat', { teamId: TEAM, seq: 5 });
    log = [1, 2, 3, 4, 5];
    await until(() => client.seq(TEAM) === 5);
    expect(subscribes.slice(before)).toEqual([{ teamId: TEAM, afterSeq: 4 }]);
  });
});
