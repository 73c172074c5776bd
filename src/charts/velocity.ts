import type { EChartsOption } from 'echarts';
import { ARIA, capitalized, PALETTE, type ChartSpec, type ChartText } from './text';

/** The shape of `GET /teams/{id}/velocity`. */
export interface VelocityData {
  sprints: { sprintId: string; name: string; committed: number; completed: number }[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Committed against completed points per completed sprint, as bars: one sprint is a chart too. */
export function velocityChart(data: VelocityData, text: ChartText): ChartSpec<EChartsOption> {
  const { t } = text;
  const title = t('velocity');
  const unit = t('points');
  const names = data.sprints.map((s) => s.name);
  const bar = (name: string, values: number[]) => ({
    type: 'bar' as const,
    name,
    data: values,
    barMaxWidth: 48,
    label: {
      show: true,
      position: 'top' as const,
      formatter: (p: { value: unknown }) => text.number(Number(p.value)),
    },
  });
  const option: EChartsOption = {
    animation: false,
    aria: ARIA,
    color: [PALETTE[4], PALETTE[0]],
    title: { text: title, left: 8, top: 6, textStyle: { fontSize: 15 } },
    legend: { top: 34, right: 16 },
    grid: { left: 56, right: 24, top: 72, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'value',
      name: capitalized(unit),
      minInterval: 1,
      axisLabel: { formatter: (v: number) => text.number(v) },
    },
    series: [
      bar(
        t('committed'),
        data.sprints.map((s) => s.committed),
      ),
      bar(
        t('completed'),
        data.sprints.map((s) => s.completed),
      ),
    ],
  };
  const last = data.sprints[data.sprints.length - 1];
  const summary = last
    ? t('velocitySummary', {
        count: data.sprints.length,
        mean: text.number(mean(data.sprints.map((s) => s.completed))),
        committedMean: text.number(mean(data.sprints.map((s) => s.committed))),
        unit,
        last: last.name,
        lastCompleted: text.number(last.completed),
        lastCommitted: text.number(last.committed),
      })
    : t('velocityEmpty');
  return {
    title,
    summary,
    option,
    table: {
      columns: [t('sprintTerm'), t('committed'), t('completed')],
      rows: data.sprints.map((s) => [s.name, s.committed, s.completed]),
    },
  };
}
