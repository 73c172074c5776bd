import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';

/** Every DTO file under src, loaded so that its classes register their validation metadata. */
function loadDtos(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) loadDtos(path);
    else if (/\.dto\.ts$/.test(entry.name) || (dir.endsWith('/dto') && entry.name.endsWith('.ts')))
      require(path); // eslint-disable-line @typescript-eslint/no-require-imports
  }
}

const ONE_LINE_FIELDS = new Set(['name', 'title', 'displayName', 'label', 'term']);

describe('names and titles are one line, in every request DTO', () => {
  it('each validated string field called name, title, displayName or label refuses line breaks', () => {
    loadDtos(join(__dirname, '..'));
    // class-validator keeps its metadata in a global store, filled by the imports above.
    const metadatas = (
      getMetadataStorage() as unknown as {
        validationMetadatas: Map<{ name: string }, { propertyName: string; name?: string }[]>;
      }
    ).validationMetadatas;
    const missing: string[] = [];
    let checked = 0;
    for (const [target, list] of metadatas) {
      const byProperty = new Map<string, Set<string>>();
      for (const m of list) {
        if (!byProperty.has(m.propertyName)) byProperty.set(m.propertyName, new Set());
        if (m.name) byProperty.get(m.propertyName)!.add(m.name);
      }
      for (const [property, names] of byProperty) {
        if (!ONE_LINE_FIELDS.has(property) || !names.has('isString')) continue;
        checked++;
        if (!names.has('singleLine')) missing.push(`${target.name}.${property}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
