import type { EChartsOption } from 'echarts';
import { ARIA, PALETTE, type ChartKey, type ChartSpec, type ChartText } from './text';

export interface Percentiles {
  p50: number | null;
  p85: number | null;
  p95: number | null;
}

/** The shape of `GET /teams/{id}/flow-times`. */
export interface FlowTimesData {
  items: {
    itemId: string;
    title: string;
    doneOn: string;
    cycleDays: number;
    leadDays: number;
    cycleWorkingDays: number;
    leadWorkingDays: number;
  }[];
  cycleWorkingDays: Percentiles;
  leadWorkingDays: Percentiles;
}

/** The shape of `GET /teams/{id}/aging-wip`. */
export interface AgingData {
  asOf: string;
  statuses: { id: string; name: string }[];
  items: {
    itemId: string;
    title: string;
    statusId: string;
    ageDays: number;
    ageWorkingDays: number;
  }[];
  finished: number;
  cycleWorkingDays: Percentiles;
}

/** Every calendar day from..to (YYYY-MM-DD): the scatter's axis is evenly spaced in days. */
function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T12:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.toISOString().slice(0, 10);
    if (day > to) return out;
    out.push(day);
  }
}

const LEVELS = [
  ['p50', 'solid'],
  ['p85', 'dashed'],
  ['p95', 'dotted'],
] as const;

/**
 * The 50/85/95th percentile as horizontal lines, told apart by their dash as well as their
 * label ("85%: 6"), so they read in print and without colour.
 */
function percentileLines(p: Percentiles, text: ChartText) {
  const data = LEVELS.filter(([k]) => p[k] !== null).map(([k, type]) => ({
    name: k,
    yAxis: p[k] as number,
    lineStyle: { type, width: 1.5, color: PALETTE[4] },
    label: {
      formatter: text.t('percentileLine', { p: k.slice(1), value: text.number(p[k] as number) }),
      position: 'insideEndTop' as const,
    },
  }));
  return data.length ? { silent: true, symbol: 'none', data } : undefined;
}

/** The value axis reaches the highest percentile line, so no line falls off the chart. */
const base = (title: string, text: ChartText, p: Percentiles) => ({
  animation: false,
  aria: ARIA,
  color: PALETTE,
  title: { text: title, left: 8, top: 6, textStyle: { fontSize: 15 } },
  grid: { left: 56, right: 24, top: 64, bottom: 40 },
  tooltip: { trigger: 'item' as const },
  yAxis: {
    type: 'value' as const,
    name: text.t('workingDays'),
    minInterval: 1,
    max: (extent: { max: number }) => Math.max(extent.max, p.p95 ?? 0),
    axisLabel: { formatter: (v: number) => text.number(v) },
  },
});

/**
 * Cycle time (first day in progress → done) or lead time (created → done): one point per
 * finished item on the day it was done, in working days of the team's calendar, with the
 * percentile lines. The table carries the calendar days beside the working days.
 */
export function flowTimeChart(
  kind: 'cycle' | 'lead',
  data: FlowTimesData,
  text: ChartText,
): ChartSpec<EChartsOption> {
  const { t } = text;
  const title = t(kind === 'cycle' ? 'cycleTime' : 'leadTime');
  const working = (i: FlowTimesData['items'][number]) =>
    kind === 'cycle' ? i.cycleWorkingDays : i.leadWorkingDays;
  const calendar = (i: FlowTimesData['items'][number]) =>
    kind === 'cycle' ? i.cycleDays : i.leadDays;
  const p = kind === 'cycle' ? data.cycleWorkingDays : data.leadWorkingDays;
  const first = data.items[0]?.doneOn;
  const last = data.items[data.items.length - 1]?.doneOn;
  const axis = first && last ? daysFrom(first, last) : [];
  const index = new Map(axis.map((d, i) => [d, i]));
  const option: EChartsOption = {
    ...base(title, text, p),
    xAxis: {
      type: 'category',
      data: axis.map((d) => text.day(d)),
      axisLabel: { hideOverlap: true },
    },
    series: [
      {
        type: 'scatter',
        name: title,
        symbolSize: 10,
        data: data.items.map((i) => ({
          name: i.title,
          value: [index.get(i.doneOn) ?? 0, working(i)],
        })),
        tooltip: {
          formatter: (x: { name: string; value: unknown }) =>
            `${x.name}: ${text.number((x.value as number[])[1])} ${t('workingDays').toLocaleLowerCase()}`,
        },
        markLine: percentileLines(p, text),
      },
    ],
  };
  const summary =
    first && last && p.p50 !== null && p.p85 !== null && p.p95 !== null
      ? t(kind === 'cycle' ? 'cycleSummary' : 'leadSummary', {
          count: data.items.length,
          from: text.day(first),
          to: text.day(last),
          p50: text.number(p.p50),
          p85: text.number(p.p85),
          p95: text.number(p.p95),
        })
      : t('flowEmpty');
  return {
    title,
    summary,
    option,
    table: {
      columns: [t('item'), t('doneOn'), t('workingDays'), t('calendarDays')],
      rows: data.items.map((i) => [i.title, i.doneOn, working(i), calendar(i)]),
    },
  };
}

/**
 * Aging work in progress: each item in progress as a point over its column, at its age in
 * working days, against the cycle-time percentiles of the finished ones. An item older than
 * the 85th percentile is drawn as a triangle, not only in another colour.
 */
export function agingChart(data: AgingData, text: ChartText): ChartSpec<EChartsOption> {
  const { t } = text;
  const title = t('aging');
  const column = new Map(data.statuses.map((s, i) => [s.id, i]));
  const p85 = data.cycleWorkingDays.p85;
  const late = (age: number) => p85 !== null && age > p85;
  const option: EChartsOption = {
    ...base(title, text, data.cycleWorkingDays),
    xAxis: {
      type: 'category',
      data: data.statuses.map((s) => s.name),
      axisLabel: { interval: 0 },
    },
    series: [
      {
        type: 'scatter',
        name: title,
        symbolSize: 12,
        data: data.items.map((i) => ({
          name: i.title,
          value: [column.get(i.statusId) ?? 0, i.ageWorkingDays],
          symbol: late(i.ageWorkingDays) ? 'triangle' : 'circle',
          itemStyle: { color: late(i.ageWorkingDays) ? PALETTE[1] : PALETTE[0] },
        })),
        tooltip: {
          formatter: (x: { name: string; value: unknown }) =>
            `${x.name}: ${text.number((x.value as number[])[1])} ${t('workingDays').toLocaleLowerCase()}`,
        },
        markLine: percentileLines(data.cycleWorkingDays, text),
      },
    ],
  };
  const oldest = data.items[0];
  const history: ChartKey = p85 === null ? 'agingNoHistory' : 'agingOver';
  const summary = oldest
    ? `${t('agingSummary', {
        count: data.items.length,
        oldest: oldest.title,
        age: text.number(oldest.ageWorkingDays),
      })} ${t(history, {
        p85: text.number(p85 ?? 0),
        over: data.items.filter((i) => late(i.ageWorkingDays)).length,
      })}`
    : t('agingEmpty');
  const names = new Map(data.statuses.map((s) => [s.id, s.name]));
  return {
    title,
    summary,
    option,
    table: {
      columns: [t('item'), t('column'), t('workingDays'), t('calendarDays')],
      rows: data.items.map((i) => [
        i.title,
        names.get(i.statusId) ?? '',
        i.ageWorkingDays,
        i.ageDays,
      ]),
    },
  };
}
