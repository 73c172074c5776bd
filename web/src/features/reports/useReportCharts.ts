import { agingChart, burnChart, cfdChart, flowTimeChart, velocityChart } from '@ritmo/charts';
import { useMemo } from 'react';
import {
  useAgingWip,
  useBurn,
  useCumulativeFlow,
  useFlowTimes,
  useVelocity,
} from '../../api/reports';
import type { Sprint } from '../../api/sprints';
import { useChartText } from './chartText';

/** The sprints a report can show: the running one first, then the completed, newest first. */
export function reportableSprints(sprints: readonly Sprint[]): Sprint[] {
  const active = sprints.filter((s) => s.state === 'active');
  const completed = sprints
    .filter((s) => s.state === 'completed')
    .sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? ''));
  return [...active, ...completed];
}

/** The team's report data, as the same chart specs the server draws its SVGs from. */
export function useReportCharts(teamId: string, sprint: Sprint | undefined) {
  const text = useChartText();
  const burndown = useBurn(teamId, sprint?.id, 'burndown');
  const burnup = useBurn(teamId, sprint?.id, 'burnup');
  const velocity = useVelocity(teamId);
  const cfd = useCumulativeFlow(teamId);
  const flow = useFlowTimes(teamId);
  const aging = useAgingWip(teamId);
  const name = sprint?.name ?? '';
  return {
    text,
    error:
      burndown.error ?? burnup.error ?? velocity.error ?? cfd.error ?? flow.error ?? aging.error,
    burndown: useMemo(
      () => (burndown.data ? burnChart('burndown', name, burndown.data, text) : undefined),
      [burndown.data, name, text],
    ),
    burnup: useMemo(
      () => (burnup.data ? burnChart('burnup', name, burnup.data, text) : undefined),
      [burnup.data, name, text],
    ),
    velocity: useMemo(
      () => (velocity.data ? velocityChart(velocity.data, text) : undefined),
      [velocity.data, text],
    ),
    cfd: useMemo(() => (cfd.data ? cfdChart(cfd.data, text) : undefined), [cfd.data, text]),
    cycle: useMemo(
      () => (flow.data ? flowTimeChart('cycle', flow.data, text) : undefined),
      [flow.data, text],
    ),
    lead: useMemo(
      () => (flow.data ? flowTimeChart('lead', flow.data, text) : undefined),
      [flow.data, text],
    ),
    aging: useMemo(
      () => (aging.data ? agingChart(aging.data, text) : undefined),
      [aging.data, text],
    ),
  };
}
