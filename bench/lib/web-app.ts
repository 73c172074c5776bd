// What the web benchmarks share (bench/web.ts, bench/web-board.ts): a scratch database, the
// built app as `npm start` runs it, JSON calls, headless Chromium, percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './run';

export const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(base, 'postgres') });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function call<T>(
  url: string,
  method: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The built app, as `npm start` runs it (node dist/src/main.js), on a scratch database. */
export async function startRitmo(
  databaseUrl: string,
): Promise<{ url: string; child: ChildProcess }> {
  if (
    !existsSync(join(ROOT, 'dist', 'src', 'main.js')) ||
    !existsSync(join(ROOT, 'dist', 'web', 'index.html'))
  )
    throw new Error('dist/ is missing: npm run build first');
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('ritmo exited');
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('ritmo not ready');
}

export interface Seeded {
  teamId: string;
  email: string;
  password: string;
}

/**
 * A new person who creates a workspace and a team and joins it as its product owner (the
 * workspace administrator is not a member until they accept their own invitation).
 */
export async function seedTeam(
  url: string,
  names: { person: string; workspace: string; process?: 'scrum' | 'kanban' },
): Promise<Seeded & { token: string }> {
  const email = `bench.${randomBytes(4).toString('hex')}@comune.example`;
  const password = `Sportello-${randomBytes(4).toString('hex')}-Tresinaro!`;
  await call(`${url}/api/v1/auth/register`, 'POST', null, {
    email,
    password,
    displayName: names.person,
  });
  const { accessToken: token } = await login(url, { teamId: '', email, password });
  const ws = await call<{ id: string }>(`${url}/api/v1/workspaces`, 'POST', token, {
    name: names.workspace,
  });
  const team = await call<{ id: string }>(
    `${url}/api/v1/workspaces/${ws.id}/teams`,
    'POST',
    token,
    { name: names.person, ...(names.process ? { process: names.process } : {}) },
  );
  const invitation = await call<{ token: string }>(
    `${url}/api/v1/teams/${team.id}/invitations`,
    'POST',
    token,
    { email, role: 'product_owner' },
  );
  await call(`${url}/api/v1/invitations/accept`, 'POST', token, { token: invitation.token });
  return { teamId: team.id, email, password, token };
}

export async function login(url: string, s: Seeded) {
  return call<{ accessToken: string; refreshToken: string }>(
    `${url}/api/v1/auth/login`,
    'POST',
    null,
    {
      email: s.email,
      password: s.password,
    },
  );
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
export const round = (n: number) => Math.round(n * 10) / 10;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
