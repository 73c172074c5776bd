import {
  agingChart,
  burnChart,
  cfdChart,
  flowTimeChart,
  toCsv,
  velocityChart,
  type BurnData,
  type ChartText,
} from '.';

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
      provisional: false,
    },
    {
      day: 1,
      date: '2026-04-23',
      workingDay: true,
      remaining: 10,
      completed: 0,
      scope: 10,
      ideal: 8.75,
      provisional: false,
    },
    {
      day: 2,
      date: '2026-04-24',
      workingDay: true,
      remaining: 8,
      completed: 2,
      scope: 10,
      ideal: 7.5,
      provisional: false,
    },
    {
      day: 3,
      date: '2026-04-25',
      workingDay: false,
      remaining: 8,
      completed: 2,
      scope: 10,
      ideal: 7.5,
      provisional: false,
    },
    {
      day: 4,
      date: '2026-04-26',
      workingDay: false,
      remaining: 8,
      completed: 2,
      scope: 10,
      ideal: 7.5,
      provisional: false,
    },
    {
      day: 5,
      date: '2026-04-27',
      workingDay: true,
      remaining: 11,
      completed: 2,
      scope: 13,
      ideal: 6.25,
      provisional: false,
    },
    {
      day: 6,
      date: '2026-04-28',
      workingDay: true,
      remaining: null,
      completed: null,
      scope: null,
      ideal: 5,
      provisional: false,
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
    expect(spec.table.rows[3]).toEqual([3, '2026-04-25', 'no', 8, 2, 10, 7.5, 'no']);
    expect(spec.table.rows[6]).toEqual([6, '2026-04-28', 'yes', null, null, null, 5, 'no']);
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

  it("burndown: today's live point is hollow, in the table as provisional and said in the summary", () => {
    const live = {
      ...burn,
      points: burn.points.map((p, i) => (i === 5 ? { ...p, provisional: true } : p)),
    };
    const spec = burnChart('burndown', 'Ciclo 4', live, text);
    const option = spec.option as { series: { data: unknown[] }[] };
    expect(option.series[0].data[5]).toEqual({
      value: 11,
      symbol: 'emptyCircle',
      symbolSize: 11,
      name: 'provisional',
      label: { show: true, position: 'top', formatter: 'provisional' },
    });
    expect(option.series[0].data[4]).toBe(8);
    expect(spec.table.columns.at(-1)).toBe('provisional');
    expect(spec.table.rows[5].at(-1)).toBe('yes');
    expect(spec.summary).toMatch(/remaining=11.* provisionalNote$/);
  });

  it('cycle and lead time: a point per finished item on its day, percentile lines, both day counts in the table', () => {
    const data = {
      items: [
        {
          itemId: 'a',
          title: 'TARI',
          doneOn: '2026-03-02',
          cycleDays: 1.5,
          leadDays: 4,
          cycleWorkingDays: 1,
          leadWorkingDays: 3,
        },
        {
          itemId: 'b',
          title: 'ANPR',
          doneOn: '2026-03-04',
          cycleDays: 6.25,
          leadDays: 9,
          cycleWorkingDays: 4,
          leadWorkingDays: 6,
        },
      ],
      cycleWorkingDays: { p50: 1, p85: 4, p95: 4 },
      leadWorkingDays: { p50: 3, p85: 6, p95: 6 },
    };
    const spec = flowTimeChart('cycle', data, text);
    expect(spec.title).toBe('cycleTime');
    const option = spec.option as {
      xAxis: { data: string[] };
      series: {
        type: string;
        data: { name: string; value: number[] }[];
        markLine: { data: { yAxis: number; lineStyle: { type: string } }[] };
      }[];
    };
    // Every day between the first and the last, so the axis is evenly spaced.
    expect(option.xAxis.data).toEqual(['d03-02', 'd03-03', 'd03-04']);
    expect(option.series[0].type).toBe('scatter');
    expect(option.series[0].data).toEqual([
      { name: 'TARI', value: [0, 1] },
      { name: 'ANPR', value: [2, 4] },
    ]);
    expect(option.series[0].markLine.data.map((l) => [l.yAxis, l.lineStyle.type])).toEqual([
      [1, 'solid'],
      [4, 'dashed'],
      [4, 'dotted'],
    ]);
    expect(spec.table).toEqual({
      columns: ['item', 'doneOn', 'workingDays', 'calendarDays'],
      rows: [
        ['TARI', '2026-03-02', 1, 1.5],
        ['ANPR', '2026-03-04', 4, 6.25],
      ],
    });
    expect(spec.summary).toBe('cycleSummary(count=2,from=d03-02,to=d03-04,p50=1,p85=4,p95=4)');
    const lead = flowTimeChart('lead', data, text);
    expect(lead.table.rows).toEqual([
      ['TARI', '2026-03-02', 3, 4],
      ['ANPR', '2026-03-04', 6, 9],
    ]);
    const empty = flowTimeChart(
      'lead',
      { ...data, items: [], leadWorkingDays: { p50: null, p85: null, p95: null } },
      text,
    );
    expect(empty.summary).toBe('flowEmpty');
    expect(
      (empty.option as { series: { markLine?: unknown }[] }).series[0].markLine,
    ).toBeUndefined();
  });

  it('aging WIP: items over their column at their age; beyond the 85th percentile a triangle', () => {
    const spec = agingChart(
      {
        asOf: '2026-03-10',
        statuses: [
          { id: 'c1', name: 'In lavorazione' },
          { id: 'c2', name: 'In revisione' },
        ],
        items: [
          { itemId: 'x', title: 'Mensa', statusId: 'c2', ageDays: 8.5, ageWorkingDays: 6 },
          { itemId: 'y', title: 'Tributi', statusId: 'c1', ageDays: 1, ageWorkingDays: 1 },
        ],
        finished: 5,
        cycleWorkingDays: { p50: 2, p85: 4, p95: 5 },
      },
      text,
    );
    const option = spec.option as {
      xAxis: { data: string[] };
      series: { data: { name: string; value: number[]; symbol: string }[] }[];
    };
    expect(option.xAxis.data).toEqual(['In lavorazione', 'In revisione']);
    expect(option.series[0].data.map((d) => [d.name, d.value, d.symbol])).toEqual([
      ['Mensa', [1, 6], 'triangle'],
      ['Tributi', [0, 1], 'circle'],
    ]);
    expect(spec.table).toEqual({
      columns: ['item', 'column', 'workingDays', 'calendarDays'],
      rows: [
        ['Mensa', 'In revisione', 6, 8.5],
        ['Tributi', 'In lavorazione', 1, 1],
      ],
    });
    expect(spec.summary).toBe('agingSummary(count=2,oldest=Mensa,age=6) agingOver(p85=4,over=1)');
    expect(
      agingChart(
        {
          asOf: '2026-03-10',
          statuses: [],
          items: [],
          finished: 0,
          cycleWorkingDays: { p50: null, p85: null, p95: null },
        },
        text,
      ).summary,
    ).toBe('agingEmpty');
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
