/**
 * The web client's API types come from the OpenAPI document the server serves. Shared by
 * `npm run generate:api` (writes web/src/api/schema.d.ts) and the drift test (compares).
 */
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';

export const SCHEMA_FILE = 'web/src/api/schema.d.ts';

const HEADER =
  '/**\n * Generated from the served OpenAPI document by `npm run generate:api`. Do not edit:\n' +
  ' * a test fails when this file and the server disagree.\n */\n\n';

export async function typesFromDocument(document: unknown): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, {
    alphabetize: false,
    defaultNonNullable: false,
  });
  return HEADER + astToString(ast);
}
