import { burnChart, cfdChart, toCsv, velocityChart, type BurnData, type ChartText } from '.';

// Keys as text, parameters listed: the builders' choices show without a catalogue.
const text: ChartText = {
  t: (key, params) =>
    params
      ? `${key}(${Object.entries(params)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')})`
      : key,
  number: (value) => String(value),
  day: (date) => `d${date.slice(5)}`,
};

// A sprint from Thursday 23 April 2026 to Tuesday 5 May: 25 April, 1 May and weekends are off.
const burn: BurnData = {
  unit: 'points',
  frozen: false,
  committed: 10,
  points: [
    {
      day: 0,
      date: '2026-04-23',
      workingDay: true,
      remaining: 10,
      completed: 0,
      scope: 10,
      ideal: 10,
    },
    {
      day: 1,
      date: '2026-04-23',
      workingDay: true,
      remaining: 10,
      completed: 0,
      scope: 10,
      ideal: 8.75,
    },
    {
      day: 2,
      date: '2026-04-24',
      workingDay: true,
      remaining: 8,
      completed: 2,
      scope: 10,
      ideal: 7.5,
    },
    {
      day: 3,
      date: '2026-04-25',
      workingDay: false,
      remaining: 8,
      completed: 2,
      scope: 10,
      ideal: 7.5,
    },
    {
      day: 4,
      date: '2026-04-26',
      workingDay: false,
      remaining: 8,
      completed: 2,
      scope: 10,
      ideal: 7.5,
    },
    {
      day: 5,
      date: '2026-04-27',
      workingDay: true,
      remaining: 11,
      completed: 2,
      scope: 13,
      ideal: 6.25,
    },
    {
      day: 6,
      date: '2026-04-28',
      workingDay: true,
      remaining: null,
      completed: null,
      scope: null,
      ideal: 5,
    },
  ],
};

describe('chart builders (shared by the server SVG and the web client)', () => {
  it('burndown: named after the sprint, "start" for day 0, days off shaded, scope changes marked', () => {
    const spec = burnChart('burndown', 'Ciclo 4', burn, text);
    expect(spec.title).toBe('burndownOf(name=Ciclo 4)');
    const option = spec.option as {
      xAxis: { data: string[] };
      series: {
        name: string;
        data: unknown[];
        markPoint?: { data: { value: string; coord: number[] }[] };
        markArea?: { data: { xAxis: number }[][] };
      }[];
    };
    expect(option.xAxis.data).toEqual([
      'start',
      'd04-23',
      'd04-24',
      'd04-25',
      'd04-26',
      'd04-27',
      'd04-28',
    ]);
    expect(option.series.map((s) => s.name)).toEqual(['remaining', 'ideal']);
    expect(option.series[1].data).toEqual([10, 8.75, 7.5, 7.5, 7.5, 6.25, 5]);
    // 25 and 26 April: one band over the stretches ending on points 3 and 4.
    expect(option.series[0].markArea?.data.map(([a, b]) => [a.xAxis, b.xAxis])).toEqual([[2, 4]]);
    expect(option.series[0].markPoint?.data).toEqual([
      expect.objectContaining({ coord: [5, 11], value: '+3' }),
    ]);
    // The last known day, not the future one with nulls.
    expect(spec.summary).toContain('date=d04-27');
    expect(spec.summary).toContain('remaining=11');
    expect(spec.summary).toContain('changes=1');
    expect(spec.table.rows[3]).toEqual([3, '2026-04-25', 'no', 8, 2, 10, 7.5]);
    expect(spec.table.rows[6]).toEqual([6, '2026-04-28', 'yes', null, null, null, 5]);
  });

  it('velocity is bars, and one sprint is a chart too', () => {
    const spec = velocityChart(
      { sprints: [{ sprintId: 'a', name: 'Ciclo 1', committed: 18, completed: 6 }] },
      text,
    );
    const option = spec.option as { series: { type: string; data: number[] }[] };
    expect(option.series.map((s) => [s.type, s.data])).toEqual([
      ['bar', [18]],
      ['bar', [6]],
    ]);
    expect(velocityChart({ sprints: [] }, text).summary).toBe('velocityEmpty');
  });

  it('cumulative flow stacks bands with the last column at the bottom, legend in workflow order', () => {
    const spec = cfdChart(
      {
        from: '2026-03-01',
        to: '2026-03-02',
        statuses: [
          { id: 't', name: 'Da fare', category: 'todo' },
          { id: 'r', name: 'In revisione', category: 'in_progress' },
          { id: 'f', name: 'Fatto', category: 'done' },
        ],
        days: [
          { date: '2026-03-01', counts: { t: 5, r: 1, f: 0 } },
          { date: '2026-03-02', counts: { t: 3, r: 2, f: 1 } },
        ],
      },
      text,
    );
    const option = spec.option as {
      legend: { data: string[] };
      series: { name: string; stack: string; areaStyle: object; data: number[] }[];
    };
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Fatto', 'flow', [0, 1]],
      ['In revisione', 'flow', [1, 2]],
      ['Da fare', 'flow', [5, 3]],
    ]);
    expect(option.series.every((s) => s.areaStyle)).toBe(true);
    expect(option.legend.data).toEqual(['Da fare', 'In revisione', 'Fatto']);
    expect(spec.table).toEqual({
      columns: ['date', 'Da fare', 'In revisione', 'Fatto'],
      rows: [
        ['2026-03-01', 5, 1, 0],
        ['2026-03-02', 3, 2, 1],
      ],
    });
  });

  it('CSV: RFC 4180 quoting, no formulas from text cells, numbers kept, both delimiters', () => {
    const table = {
      columns: ['name', 'value'],
      rows: [
        ['=HYPERLINK("x")', -2],
        ['a, "b"', 1.5],
        ['riga\nnuova', null],
      ],
    };
    expect(toCsv(table)).toBe(
      'name,value\r\n"\'=HYPERLINK(""x"")",-2\r\n"a, ""b""",1.5\r\n"riga\nnuova",\r\n',
    );
    expect(toCsv({ columns: ['a', 'b'], rows: [['x;y', 1]] }, ';')).toBe('a;b\r\n"x;y";1\r\n');
  });
});
