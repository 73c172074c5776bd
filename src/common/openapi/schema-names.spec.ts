import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * @nestjs/swagger names a component schema after its class: two classes with one name (a
 * board's CardDto and a retrospective's) silently become one schema in the document, and one
 * module's responses are then described by the other's members.
 */
describe('OpenAPI schema names', () => {
  it('every exported class under src/ has a name of its own', () => {
    const seen = new Map<string, string[]>();
    for (const file of sources(join(__dirname, '..', '..'))) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/export class (\w+)/g)) {
        seen.set(name, [...(seen.get(name) ?? []), file.replace(/^.*\/src\//, 'src/')]);
      }
    }
    const duplicates = [...seen].filter(([, files]) => files.length > 1);
    expect(duplicates).toEqual([]);
  });
});
