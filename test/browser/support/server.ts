import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface BrowserServer {
  url: string;
  /** Everything the server printed (the start-up log holds the first-run setup link). */
  log(): string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function admin(url: string, sql: string): Promise<void> {
  const target = new URL(url);
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The built app as `npm start` runs it: on DATABASE_URL's server in a database of its own,
 * or (unset) on the embedded PostgreSQL in a fresh data folder.
 */
export async function startServer(env: Record<string, string> = {}): Promise<BrowserServer> {
  const port = await freePort();
  const name = `ritmo_browser_${randomBytes(5).toString('hex')}`;
  const base = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  // Under the repo: the embedded server's postgres user must traverse every parent folder.
  const dataDir = join(ROOT, 'data', name);
  if (base) {
    await admin(base, `CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  // Also where a server without SMTP_URL writes its email (outbox/): removed with the server.
  mkdirSync(dataDir, { recursive: true });
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...(databaseUrl
        ? { DATABASE_URL: databaseUrl, JWT_SECRET: randomBytes(24).toString('hex') }
        : { DATABASE_URL: '' }),
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (base) await admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
