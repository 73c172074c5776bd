import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { adminQuery, uniqueDatabaseName, withDatabase } from './database';

/**
 * Once per `npm test`: find a PostgreSQL (DATABASE_URL, or an embedded one started for the
 * run) and build a template database with every migration applied. Each e2e file then copies
 * the template into a database of its own (CREATE DATABASE … TEMPLATE), so files run in
 * parallel without seeing each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'ritmo-test-'));
    const embedded = await EmbeddedPostgres.start(dataDir, {
      info: () => undefined,
      warn: (message) => console.warn(message),
    });
    (globalThis as { __ritmoEmbedded?: unknown }).__ritmoEmbedded = { embedded, dataDir };
    baseUrl = embedded.url;
    process.env.DATABASE_URL = baseUrl;
    console.log(`\nTests use an embedded PostgreSQL (${dataDir})`);
  }
  const template = uniqueDatabaseName('ritmo_tpl');
  await adminQuery(baseUrl, `CREATE DATABASE ${template}`);
  const dataSource = new DataSource(dataSourceOptions(withDatabase(baseUrl, template)));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  process.env.RITMO_TEST_TEMPLATE = template;
}
