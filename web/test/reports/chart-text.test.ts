import { burnChart, velocityChart } from '@ritmo/charts';
import { describe, expect, it } from 'vitest';
import enPage from '../../src/i18n/en/reports.json';
import itPage from '../../src/i18n/it/reports.json';
import { chartText, fill } from '../../src/features/reports/chartText';
import { reportableSprints } from '../../src/features/reports/useReportCharts';
import { mergeTerms } from '../../src/i18n/vocabulary';
import type { Sprint } from '../../src/api/sprints';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the charts text on the web: the server’s reports.json with the team’s words', () => {
  it('fills single-brace placeholders, numbers in the reader’s way, and leaves unknown ones', () => {
    const n = (v: number) => new Intl.NumberFormat('it').format(v);
    expect(fill('{a} e {b} di {c}', { a: 'uno', b: 1.5 }, n)).toBe('uno e 1,5 di {c}');
  });

  it('renamed terms reach the titles; numbers and days through Intl in it and en', () => {
    const it = chartText('it', mergeTerms('it', { sprint: 'Ciclo' }));
    expect(it.t('burndownOf', { name: 'Mensa' })).toBe('Burndown — Ciclo «Mensa»');
    expect(it.number(1.25)).toBe('1,3');
    expect(it.day('2026-12-08')).toBe('8 dic');
    const en = chartText('en', mergeTerms('en', undefined), 'en-GB');
    expect(chartText('en', mergeTerms('en', undefined), 'en-US').day('2026-12-08')).toBe('Dec 8');
    expect(en.t('burnupOf', { name: 'Canteen' })).toBe('Burnup — Sprint “Canteen”');
    expect(en.number(1234.5)).toBe('1,234.5');
    expect(en.day('2026-12-08')).toBe('8 Dec');
  });

  it('the builders through the alias give the server’s table and a summary with no placeholder left', () => {
    const text = chartText('it', mergeTerms('it', undefined));
    const spec = velocityChart(
      { sprints: [{ sprintId: 's1', name: 'Sprint 1', committed: 8, completed: 5 }] },
      text,
    );
    expect(spec.table.rows).toEqual([['Sprint 1', 8, 5]]);
    expect(spec.summary).not.toMatch(/[{}]/);
    const burn = burnChart(
      'burndown',
      'Sprint 2',
      {
        unit: 'points',
        frozen: false,
        committed: 3,
        points: [
          {
            day: 0,
            date: '2026-12-07',
            workingDay: true,
            remaining: 3,
            completed: 0,
            scope: 3,
            ideal: 3,
            provisional: false,
          },
          {
            day: 1,
            date: '2026-12-07',
            workingDay: true,
            remaining: null,
            completed: null,
            scope: null,
            ideal: 0,
            provisional: false,
          },
        ],
      },
      text,
    );
    expect(burn.table.rows[1]).toEqual([1, '2026-12-07', 'sì', null, null, null, 0, 'no']);
    expect(burn.summary).toContain('al 7 dic ne restano 3');
  });

  it('the page texts have the same keys in both languages', () => {
    expect(keys(enPage).sort()).toEqual(keys(itPage).sort());
  });

  it('lists the running sprint first, then the completed ones newest first, never the planned', () => {
    const s = (id: string, state: Sprint['state'], endDate: string) =>
      ({ id, state, endDate }) as Sprint;
    const list = reportableSprints([
      s('a', 'completed', '2026-10-01'),
      s('b', 'planned', '2026-12-30'),
      s('c', 'completed', '2026-11-01'),
      s('d', 'active', '2026-12-16'),
    ]);
    expect(list.map((x) => x.id)).toEqual(['d', 'c', 'a']);
  });
});
