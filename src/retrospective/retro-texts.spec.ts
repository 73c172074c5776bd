import english from '../i18n/en/retrospective.json';
import italian from '../i18n/it/retrospective.json';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './retro-texts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('retrospective texts', () => {
  it('has the same keys in Italian and English', () => {
    expect(keys(italian).sort()).toEqual(keys(english).sort());
  });

  it('gives every built-in template columns with a title and a prompt in both languages', () => {
    for (const key of BUILT_IN_TEMPLATES) {
      const [itT, enT] = [builtInTemplate(key, 'it'), builtInTemplate(key, 'en')];
      expect(itT.columns.map((c) => c.key)).toEqual(enT.columns.map((c) => c.key));
      for (const column of [...itT.columns, ...enT.columns]) {
        expect(column.title.length).toBeGreaterThan(0);
        expect(column.prompt.length).toBeGreaterThan(0);
      }
      expect(itT.columns[0].prompt).not.toEqual(enT.columns[0].prompt);
    }
  });
});
