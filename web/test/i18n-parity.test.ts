import { describe, expect, it } from 'vitest';

const files = import.meta.glob<{ default: Record<string, unknown> }>('../src/i18n/*/*.json', {
  eager: true,
});

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keys(inner, prefix ? `${prefix}.${key}` : key),
  );
}

describe('Italian and English texts', () => {
  it.each(['common', 'auth', 'home', 'settings', 'setup'])(
    '%s has the same keys in both languages, none empty',
    (ns) => {
      const it = files[`../src/i18n/it/${ns}.json`]?.default;
      const en = files[`../src/i18n/en/${ns}.json`]?.default;
      expect(it).toBeDefined();
      expect(keys(it).sort()).toEqual(keys(en).sort());
      const empty = [it, en].flatMap((texts) =>
        keys(texts).filter((key) => {
          const value = key
            .split('.')
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], texts);
          return typeof value !== 'string' || value.trim() === '';
        }),
      );
      expect(empty).toEqual([]);
    },
  );
});
