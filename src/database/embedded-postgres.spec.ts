import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres, EmbeddedPostgresError } from './embedded-postgres';

const log = { info: () => undefined, warn: () => undefined };

describe('embedded PostgreSQL for root in a private folder', () => {
  let base: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'ritmo-private-'));
    // As root the server runs as `postgres`; the check only applies then.
    jest.spyOn(process, 'getuid').mockReturnValue(0);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await chmod(base, 0o755);
    await rm(base, { recursive: true, force: true });
  });

  it('stops with one message naming the folder postgres cannot enter, creating nothing', async () => {
    const home = join(base, 'root');
    await mkdir(home, { mode: 0o700 });
    await chmod(home, 0o700);
    const dataDir = join(home, 'ritmo', 'data');
    const started = EmbeddedPostgres.start(dataDir, log);
    await expect(started).rejects.toThrow(EmbeddedPostgresError);
    await expect(started).rejects.toThrow(
      new RegExp(`cannot enter ${home} \\(mode 700\\).*chmod o\\+x ${home}.*DATABASE_URL`),
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
