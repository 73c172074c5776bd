import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from './locale';
import { VOCABULARY_TERMS } from './vocabulary';

const ROOT = __dirname;

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  return out;
}

const load = (lang: string, file: string) =>
  flatten(JSON.parse(readFileSync(join(ROOT, lang, file), 'utf8')));
const placeholders = (text: string) => [...text.matchAll(/\{([\w.]+)\}/g)].map((m) => m[1]).sort();

/** Every namespace file under src/i18n/, including those other modules add later. */
const namespaces = [...new Set(LANGUAGES.flatMap((lang) => readdirSync(join(ROOT, lang))))].sort();

describe('translations', () => {
  it('has a folder per language and at least the shared namespaces', () => {
    expect(
      readdirSync(ROOT, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort(),
    ).toEqual([...LANGUAGES].sort());
    expect(namespaces).toEqual(
      expect.arrayContaining(['errors.json', 'validation.json', 'vocabulary.json']),
    );
  });

  it.each(namespaces)('%s: the same keys and placeholders in every language', (file) => {
    for (const lang of LANGUAGES) {
      expect(readdirSync(join(ROOT, lang))).toContain(file);
    }
    const [first, ...others] = LANGUAGES.map((lang) => ({ lang, keys: load(lang, file) }));
    for (const other of others) {
      const missing = (a: Map<string, string>, b: Map<string, string>) =>
        [...a.keys()].filter((k) => !b.has(k));
      expect({ [`missing in ${other.lang}`]: missing(first.keys, other.keys) }).toEqual({
        [`missing in ${other.lang}`]: [],
      });
      expect({ [`missing in ${first.lang}`]: missing(other.keys, first.keys) }).toEqual({
        [`missing in ${first.lang}`]: [],
      });
      for (const [key, text] of first.keys) {
        expect({ key, placeholders: placeholders(other.keys.get(key) ?? '') }).toEqual({
          key,
          placeholders: placeholders(text),
        });
      }
    }
    for (const { keys } of [first, ...others])
      for (const [key, text] of keys)
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('names every vocabulary term, and only those', () => {
    for (const lang of LANGUAGES)
      expect([...load(lang, 'vocabulary.json').keys()].sort()).toEqual(
        [...VOCABULARY_TERMS].sort(),
      );
  });
});
