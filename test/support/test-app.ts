import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp, RitmoApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { adminQuery, uniqueDatabaseName, withDatabase } from './database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestApp {
  ritmo: RitmoApp;
  /** Base URL of the listening server, for supertest and socket.io-client. */
  url: string;
  /** The app's own DataSource, to assert on rows. */
  db: DataSource;
  databaseUrl: string;
  /** The app's DATA_DIR (a fresh folder unless env.DATA_DIR says): .eml files go to outbox/. */
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  extraModules?: Type[];
  env?: Record<string, string>;
  /** Reuse an existing database (a second instance of the same deployment). */
  databaseUrl?: string;
  /** A built web client to serve at `/`. */
  webRoot?: string;
}

/** A real app on a random port with a fresh database copied from the migrated template. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const baseUrl = process.env.DATABASE_URL;
  const template = process.env.RITMO_TEST_TEMPLATE;
  if (!baseUrl || !template)
    throw new Error('e2e tests need the global setup (run them with jest)');
  let databaseUrl = options.databaseUrl;
  let ownDatabase: string | undefined;
  if (!databaseUrl) {
    ownDatabase = uniqueDatabaseName('ritmo_test');
    await adminQuery(baseUrl, `CREATE DATABASE ${ownDatabase} TEMPLATE ${template}`);
    databaseUrl = withDatabase(baseUrl, ownDatabase);
  }
  // Its own DATA_DIR: without SMTP_URL the app writes every email it sends there.
  const ownDataDir = options.env?.DATA_DIR
    ? undefined
    : await mkdtemp(join(tmpdir(), 'ritmo-test-data-'));
  const config = loadConfig({
    DATA_DIR: ownDataDir,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    ...options.env,
  });
  const ritmo = await createApp(config, {
    extraModules: options.extraModules,
    webRoot: options.webRoot ?? '/nonexistent-web-root',
  });
  await ritmo.app.listen(0, '127.0.0.1');
  const url = (await ritmo.app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    ritmo,
    url,
    db: ritmo.app.get(DataSource),
    databaseUrl,
    dataDir: ritmo.config.dataDir,
    close: async () => {
      await ritmo.close();
      if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
      if (ownDatabase)
        await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${ownDatabase} WITH (FORCE)`);
    },
  };
}
