/**
 * npm run generate:api — writes web/src/api/schema.d.ts from the app's OpenAPI document.
 *
 * The document is built in Nest's preview mode (modules and controllers are scanned, no
 * provider is instantiated), so no database is needed. The drift test compares the result
 * with the document the real app serves.
 */
import { writeFileSync } from 'node:fs';
import { buildDocumentWithoutDatabase } from './openapi-document';
import { SCHEMA_FILE, typesFromDocument } from './openapi-types';

async function main(): Promise<void> {
  const document = await buildDocumentWithoutDatabase();
  const source = await typesFromDocument(document);
  writeFileSync(SCHEMA_FILE, source);
  console.log(`${SCHEMA_FILE}: ${Object.keys(document.paths).length} paths`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
