import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminQuery, uniqueDatabaseName, withDatabase } from './support/database';
import { freePort, spawnRitmo, waitForReady } from './support/process';
import { TEST_JWT_SECRET } from './support/test-app';

function postgresProcessesFor(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', `postgres -D ${dataDir}`], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(dataDir));
  } catch {
    return [];
  }
}

describe('the ritmo process', () => {
  it('refuses to start on bad configuration, listing every problem', async () => {
    const ritmo = spawnRitmo({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/ritmo',
      LOG_LEVEL: 'chatty',
      CORS_ORIGINS: 'not-an-origin',
      REDIS_URL: 'localhost:6379',
    });
    const { code } = await ritmo.exited;
    expect(code).not.toBe(0);
    const out = ritmo.output();
    expect(out).toContain('Invalid configuration');
    for (const variable of [
      'PORT',
      'DATABASE_URL',
      'LOG_LEVEL',
      'CORS_ORIGINS',
      'REDIS_URL',
      'JWT_SECRET',
    ]) {
      expect(out).toMatch(new RegExp(`- ${variable} `));
    }
  });

  it('requires JWT_SECRET with a real database', async () => {
    const ritmo = spawnRitmo({ DATABASE_URL: 'postgres://localhost/ritmo' });
    expect((await ritmo.exited).code).toBe(1);
    expect(ritmo.output()).toContain('JWT_SECRET is required when DATABASE_URL is set');
  });

  it('serves a real PostgreSQL whose schema comes only from migrations, and exits 0 on SIGTERM', async () => {
    const baseUrl = process.env.DATABASE_URL as string;
    const database = uniqueDatabaseName('ritmo_proc');
    await adminQuery(baseUrl, `CREATE DATABASE ${database}`);
    try {
      const port = await freePort();
      const ritmo = spawnRitmo({
        DATABASE_URL: withDatabase(baseUrl, database),
        JWT_SECRET: TEST_JWT_SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      await waitForReady(`http://127.0.0.1:${port}`, 90_000);
      ritmo.child.kill('SIGTERM');
      expect(await ritmo.exited).toEqual({ code: 0, signal: null });
    } finally {
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  }, 240_000);

  it('starts its own PostgreSQL without DATABASE_URL, survives being killed, and stops it on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ritmo-embedded-'));
    try {
      const port = await freePort();
      const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
      const first = spawnRitmo(env);
      await waitForReady(`http://127.0.0.1:${port}`, 90_000);
      const secret = await readFile(join(dataDir, 'jwt-secret'), 'utf8');
      expect(secret.trim().length).toBeGreaterThanOrEqual(32);

      // Killed without a chance to clean up: its PostgreSQL is left running.
      first.child.kill('SIGKILL');
      await first.exited;
      expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);

      const second = spawnRitmo(env);
      await waitForReady(`http://127.0.0.1:${port}`, 90_000);
      expect(second.output()).toContain('left over by a killed process');
      expect(await readFile(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);

      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(postgresProcessesFor(dataDir)).toEqual([]);
      expect(existsSync(join(dataDir, 'ritmo.pid'))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
