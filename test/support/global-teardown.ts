import { rm } from 'node:fs/promises';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { adminQuery } from './database';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const template = process.env.RITMO_TEST_TEMPLATE;
  if (url && template) await adminQuery(url, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  const state = (
    globalThis as { __ritmoEmbedded?: { embedded: EmbeddedPostgres; dataDir: string } }
  ).__ritmoEmbedded;
  if (state) {
    await state.embedded.stop();
    await rm(state.dataDir, { recursive: true, force: true });
  }
}
