import type { Server, ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';

/** What a bare baseline server answers: the body as JSON, or a bare 500. */
export function replyJson(res: ServerResponse, body: Promise<unknown>): void {
  body.then(
    (value) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    },
    () => {
      res.writeHead(500);
      res.end();
    },
  );
}

/** Listens on a free port; SIGTERM closes it and the pool. Returns its URL. */
export async function listenBare(server: Server, pool: Pool): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** The real app on a free port, without rate limits or logs, as the benchmarks compare it. */
export async function listenRitmo(databaseUrl: string): Promise<string> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'silent',
    PORT: '0',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const app = await createApp(config, { log: { info: () => undefined, warn: console.warn } });
  await app.app.listen(0, '127.0.0.1');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  return (await app.app.getUrl()).replace('[::1]', '127.0.0.1');
}

/** Prints `LISTENING <url>` for the parent (bench/lib/run.ts), or exits 1. */
export function announce(url: Promise<string>): void {
  url.then(
    (value) => console.log(`LISTENING ${value}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
