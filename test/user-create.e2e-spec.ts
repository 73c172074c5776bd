import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { adminQuery, uniqueDatabaseName, withDatabase } from './support/database';
import {
  freePort,
  spawnRitmo,
  spawnUserCreate,
  waitForOutput,
  waitForReady,
} from './support/process';
import { startTestApp, TEST_JWT_SECRET } from './support/test-app';

const PASSWORD = 'Viano-Sistemi-Informativi-7';

describe('npm run user:create', () => {
  const baseUrl = () => process.env.DATABASE_URL as string;
  let database: string;
  let databaseUrl: string;

  beforeAll(async () => {
    database = uniqueDatabaseName('ritmo_cli');
    await adminQuery(
      baseUrl(),
      `CREATE DATABASE ${database} TEMPLATE ${process.env.RITMO_TEST_TEMPLATE}`,
    );
    databaseUrl = withDatabase(baseUrl(), database);
  });
  afterAll(async () => {
    await adminQuery(baseUrl(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('creates an instance administrator in DATABASE_URL who can then log in', async () => {
    const run = spawnUserCreate(
      ['--email', ' Sistemi@Unione.example ', '--name', 'Sistemi Informativi', '--admin'],
      { DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET },
      `${PASSWORD}\n`,
    );
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain('Created instance administrator sistemi@unione.example');

    const t = await startTestApp({ databaseUrl });
    try {
      const [row] = await t.db.query<{ display_name: string; is_instance_admin: boolean }[]>(
        'SELECT display_name, is_instance_admin FROM users WHERE email = $1',
        ['sistemi@unione.example'],
      );
      expect(row).toEqual({ display_name: 'Sistemi Informativi', is_instance_admin: true });
      const login = await request(t.url)
        .post('/api/v1/auth/login')
        .send({ email: 'sistemi@unione.example', password: PASSWORD })
        .expect(200);
      const me = await request(t.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect(me.body.isInstanceAdmin).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('applies the password rules and reports usage errors', async () => {
    const weak = spawnUserCreate(
      ['--email', 'debole@unione.example', '--name', 'Debole'],
      {
        DATABASE_URL: databaseUrl,
        // No JWT_SECRET: the command signs nothing and must not need one.
      },
      'password1234\n',
    );
    expect((await weak.exited).code).toBe(1);
    expect(weak.output()).toContain('password is too easy to guess');

    const missing = spawnUserCreate(['--email', 'x@unione.example'], { DATABASE_URL: databaseUrl });
    expect((await missing.exited).code).toBe(2);
    expect(missing.output()).toContain('--email and --name are required');

    const t = await startTestApp({ databaseUrl });
    try {
      const rows = await t.db.query('SELECT 1 FROM users WHERE email LIKE $1', ['%debole%']);
      expect(rows).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('npm run user:create on the embedded database', () => {
  it('uses the running server’s database, or starts one itself', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ritmo-cli-'));
    try {
      const port = await freePort();
      const server = spawnRitmo({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      await waitForReady(`http://127.0.0.1:${port}`, 60_000);
      const hint = 'No users yet. Create the first administrator with:';
      expect(await waitForOutput(server, hint)).toContain(hint);
      const urlFile = join(dataDir, 'database-url');
      expect((await stat(urlFile)).mode & 0o777).toBe(0o600);

      const first = spawnUserCreate(
        ['--email', 'primo@unione.example', '--name', 'Primo', '--admin', '--password', PASSWORD],
        { DATA_DIR: dataDir },
      );
      expect(await first.exited).toEqual({ code: 0, signal: null });
      await request(`http://127.0.0.1:${port}`)
        .post('/api/v1/auth/login')
        .send({ email: 'primo@unione.example', password: PASSWORD })
        .expect(200);

      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(urlFile)).toBe(false);

      const second = spawnUserCreate(
        ['--email', 'secondo@unione.example', '--name', 'Secondo', '--password', PASSWORD],
        { DATA_DIR: dataDir },
      );
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(second.output()).toContain('Created user secondo@unione.example');
      // It stopped the database it started.
      expect(existsSync(join(dataDir, 'ritmo.pid'))).toBe(false);
      expect(existsSync(urlFile)).toBe(false);
      expect(postgresRunningOn(dataDir)).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

function postgresRunningOn(dataDir: string): boolean {
  try {
    return execFileSync('pgrep', ['-af', `postgres -D ${dataDir}`], { encoding: 'utf8' }).includes(
      dataDir,
    );
  } catch {
    return false;
  }
}
