// Servers for bench/realtime.ts and bench/presence.ts: `ritmo` (the real app on DATABASE_URL) or `bare` (a plain
// socket.io server that broadcasts a payload of the same size to a room on POST /broadcast).
import 'reflect-metadata';
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';

async function ritmo(): Promise<string> {
  const app = await createApp(
    loadConfig({
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    }),
  );
  await app.app.listen(0, '127.0.0.1');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  return (await app.app.getUrl()).replace('[::1]', '127.0.0.1');
}

async function bare(): Promise<string> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  const room = io.of('/realtime');
  room.on('connection', (socket) => {
    socket.on('subscribe', (body: { teamId: string }, ack: (reply: unknown) => void) => {
      void socket.join(`team:${body.teamId}`);
      ack({ ok: true, seq: 0 });
    });
  });
  let seq = 0;
  http.on('request', (req, res) => {
    if (req.method !== 'POST') return;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { teamId, data } = JSON.parse(body) as { teamId: string; data: unknown };
      seq += 1;
      room.to(`team:${teamId}`).emit('event', {
        seq,
        teamId,
        type: 'team.updated',
        occurredAt: new Date().toISOString(),
        actorId: null,
        id: String(seq),
        data,
      });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  process.on('SIGTERM', () => void io.close(() => process.exit(0)));
  const address = http.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

// On SIGUSR2: CPU used and the longest event-loop stall since the previous report
// (bench/presence.ts reads the line).
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpu = process.cpuUsage();
process.on('SIGUSR2', () => {
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const stats = { cpuMs: (used.user + used.system) / 1000, loopDelayMaxMs: loop.max / 1e6 };
  loop.reset();
  console.log(`STATS ${JSON.stringify(stats)}`);
});

(process.argv[2] === 'bare' ? bare() : ritmo()).then(
  (url) => console.log(`LISTENING ${url}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
