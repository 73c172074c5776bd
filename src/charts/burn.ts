import type { EChartsOption } from 'echarts';
import { ARIA, capitalized, PALETTE, type ChartSpec, type ChartText } from './text';

/** The shape of `GET /sprints/{id}/burndown` (and burnup): the server's DTO and the web's schema both fit. */
export interface BurnData {
  unit: 'points' | 'items';
  frozen: boolean;
  committed: number;
  points: {
    day: number;
    date: string;
    workingDay: boolean;
    remaining: number | null;
    completed: number | null;
    scope: number | null;
    ideal: number;
    /** Today's point of an active sprint: the state now (it changes until the day ends). */
    provisional: boolean;
  }[];
}

/** Days where the scope moved (items added, removed or re-estimated since the day before). */
function scopeChanges(points: BurnData['points']) {
  const changes: { index: number; delta: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1].scope;
    const now = points[i].scope;
    if (before !== null && now !== null && now !== before)
      changes.push({ index: i, delta: now - before });
  }
  return changes;
}

/** Runs of days that are not working days, as [first, last] indexes: shaded bands on the axis. */
function nonWorkingRuns(points: BurnData['points']) {
  const runs: [number, number][] = [];
  points.forEach((p, i) => {
    if (i === 0 || p.workingDay) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

const lastKnown = (points: BurnData['points']) =>
  [...points].reverse().find((p) => p.remaining !== null && p.completed !== null);

/**
 * Burndown or burnup of one sprint. Day 0 is the commitment ("Inizio"), day i the end of the
 * i-th day; days off are shaded and the ideal line stays flat on them; scope changes are marked
 * with their size; an early close ends the chart on the day it closed (the server's points stop).
 */
export function burnChart(
  kind: 'burndown' | 'burnup',
  sprintName: string,
  data: BurnData,
  text: ChartText,
): ChartSpec<EChartsOption> {
  const { t } = text;
  const unit = t(data.unit);
  const title = t(kind === 'burndown' ? 'burndownOf' : 'burnupOf', { name: sprintName });
  const axis = data.points.map((p, i) => (i === 0 ? t('start') : text.day(p.date)));
  const changes = scopeChanges(data.points);
  const marks = changes.map((c) => ({
    name: t('scopeChange'),
    coord: [
      c.index,
      (kind === 'burndown' ? data.points[c.index].remaining : data.points[c.index].scope) ?? 0,
    ] as [number, number],
    value: `${c.delta > 0 ? '+' : '−'}${text.number(Math.abs(c.delta))}`,
  }));
  // Point i is the end of day i, so day i itself is the stretch from point i-1 to point i.
  const bands = nonWorkingRuns(data.points).map(([from, to]) => [
    { xAxis: from - 1, name: t('nonWorking') },
    { xAxis: to },
  ]);
  const line = (name: string, values: unknown[], dashed = false) => ({
    type: 'line' as const,
    name,
    data: values as (number | null)[],
    showSymbol: true,
    symbolSize: 5,
    connectNulls: false,
    lineStyle: { width: 2, type: dashed ? ('dashed' as const) : ('solid' as const) },
  });
  // Today's point (provisional) is hollow, larger and named: it is not a day's end yet.
  const marked = (pick: (p: BurnData['points'][number]) => number | null) =>
    data.points.map((p) =>
      p.provisional
        ? {
            value: pick(p),
            symbol: 'emptyCircle',
            symbolSize: 11,
            name: t('provisional'),
            label: { show: true, position: 'top' as const, formatter: t('provisional') },
          }
        : pick(p),
    );
  const main =
    kind === 'burndown'
      ? line(
          t('remaining'),
          marked((p) => p.remaining),
        )
      : line(
          t('completed'),
          marked((p) => p.completed),
        );
  const second =
    kind === 'burndown'
      ? line(
          t('ideal'),
          data.points.map((p) => p.ideal),
          true,
        )
      : {
          ...line(
            t('scope'),
            data.points.map((p) => p.scope),
            true,
          ),
          step: 'end' as const,
        };
  const option: EChartsOption = {
    animation: false,
    aria: ARIA,
    color: PALETTE,
    title: { text: title, left: 8, top: 6, textStyle: { fontSize: 15 } },
    legend: { top: 34, right: 16 },
    grid: { left: 56, right: 24, top: 72, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: axis,
      boundaryGap: false,
      axisLabel: { hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      name: capitalized(unit),
      minInterval: 1,
      axisLabel: { formatter: (v: number) => text.number(v) },
    },
    series: [
      {
        ...main,
        markPoint: marks.length
          ? { symbol: 'pin', symbolSize: 36, label: { fontSize: 10 }, data: marks }
          : undefined,
        markArea: bands.length
          ? {
              silent: true,
              itemStyle: { color: 'rgba(92, 111, 130, 0.12)' },
              label: { show: false },
              data: bands as never,
            }
          : undefined,
      },
      second,
    ],
  };
  const last = lastKnown(data.points);
  const summary = !last
    ? t('burnNotStarted')
    : t(kind === 'burndown' ? 'burndownSummary' : 'burnupSummary', {
        name: sprintName,
        committed: text.number(data.committed),
        remaining: text.number(last.remaining ?? 0),
        completed: text.number(last.completed ?? 0),
        scope: text.number(last.scope ?? 0),
        ideal: text.number(last.ideal),
        unit,
        date: text.day(last.date),
        changes: changes.length,
      }) + (last.provisional ? ` ${t('provisionalNote')}` : '');
  return {
    title,
    summary,
    option,
    table: {
      columns: [
        t('day'),
        t('date'),
        t('workingDay'),
        t('remaining'),
        t('completed'),
        t('scope'),
        t('ideal'),
        t('provisional'),
      ],
      rows: data.points.map((p) => [
        p.day,
        p.date,
        p.workingDay ? t('yes') : t('no'),
        p.remaining,
        p.completed,
        p.scope,
        p.ideal,
        p.provisional ? t('yes') : t('no'),
      ]),
    },
  };
}
