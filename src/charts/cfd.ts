import type { EChartsOption } from 'echarts';
import { ARIA, capitalized, PALETTE, type ChartSpec, type ChartText } from './text';

/** The shape of `GET /teams/{id}/cumulative-flow`: statuses in workflow order. */
export interface FlowData {
  from: string;
  to: string;
  statuses: { id: string; name: string; category: string }[];
  days: { date: string; counts: Record<string, number> }[];
}

/**
 * Cumulative flow as stacked bands in workflow order: the last column (done) at the bottom,
 * the first on top, so every band's thickness is the work in that column and none hides another.
 */
export function cfdChart(data: FlowData, text: ChartText): ChartSpec<EChartsOption> {
  const { t } = text;
  const title = t('cfd');
  const bottomUp = [...data.statuses].reverse();
  const colors = bottomUp.map((_, i) => PALETTE[(bottomUp.length - 1 - i) % PALETTE.length]);
  const option: EChartsOption = {
    animation: false,
    aria: ARIA,
    color: colors,
    title: { text: title, left: 8, top: 6, textStyle: { fontSize: 15 } },
    // The legend reads in workflow order, as the board does.
    legend: { top: 34, right: 16, data: data.statuses.map((s) => s.name) },
    grid: { left: 56, right: 24, top: 72, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: data.days.map((d) => text.day(d.date)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      name: capitalized(t('items')),
      minInterval: 1,
      axisLabel: { formatter: (v: number) => text.number(v) },
    },
    series: bottomUp.map((s) => ({
      type: 'line' as const,
      name: s.name,
      stack: 'flow',
      areaStyle: { opacity: 0.85 },
      lineStyle: { width: 1 },
      showSymbol: false,
      data: data.days.map((d) => d.counts[s.id] ?? 0),
    })),
  };
  const last = data.days[data.days.length - 1];
  const summary = last
    ? t('cfdSummary', {
        from: text.day(data.from),
        to: text.day(data.to),
        parts: data.statuses
          .map((s) => `${s.name} ${text.number(last.counts[s.id] ?? 0)}`)
          .join(', '),
      })
    : t('cfdEmpty');
  return {
    title,
    summary,
    option,
    table: {
      columns: [t('date'), ...data.statuses.map((s) => s.name)],
      rows: data.days.map((d) => [d.date, ...data.statuses.map((s) => d.counts[s.id] ?? 0)]),
    },
  };
}
