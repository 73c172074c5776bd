import { useQuery } from '@tanstack/react-query';
import type { BacklogList } from '../live/backlog-reducer';
import { backlogKeys } from './backlog';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type Sprint = components['schemas']['SprintDto'];
export type Planning = components['schemas']['PlanningDto'];
export type Forecast = components['schemas']['ForecastDto'];
export type MemberCapacity = components['schemas']['MemberCapacityDto'];
export type SprintReport = components['schemas']['SprintReportDto'];
export type CarryOverTo = components['schemas']['CompleteSprintDto']['carryOverTo'];
export type CompleteSprint = components['schemas']['CompleteSprintDto'];

/** Everything of a sprint lives under the team's key, so a 410 refetches it with the rest. */
export const sprintKeys = {
  /** The team's sprints, by start date (shared with the backlog's "Sposta in…"). */
  list: (teamId: string) => backlogKeys.sprints(teamId),
  items: (teamId: string, sprintId: string) =>
    ['team', teamId, 'sprint', sprintId, 'items'] as const,
  planning: (teamId: string, sprintId: string) =>
    ['team', teamId, 'sprint', sprintId, 'planning'] as const,
  report: (teamId: string, sprintId: string) =>
    ['team', teamId, 'sprint', sprintId, 'report'] as const,
};

export function useSprints(teamId: string, enabled = true) {
  return useQuery({
    queryKey: sprintKeys.list(teamId),
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/sprints', { params: { path: { teamId } } })),
  });
}

const PAGE = 200;

/** The sprint's items in rank order (the same list shape as the backlog: one reducer kit). */
export async function loadSprintItems(teamId: string, sprintId: string): Promise<BacklogList> {
  const items: BacklogList['items'] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(
      await api.GET('/api/v1/teams/{teamId}/backlog-items', {
        params: {
          path: { teamId },
          query: { sprint: sprintId, limit: PAGE, ...(cursor ? { cursor } : {}) },
        },
      }),
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, complete: true };
}

export function useSprintItems(teamId: string, sprintId: string | undefined) {
  return useQuery({
    queryKey: sprintKeys.items(teamId, sprintId ?? ''),
    enabled: Boolean(sprintId),
    queryFn: () => loadSprintItems(teamId, sprintId as string),
  });
}

/** Capacity, working days and the forecast against recent velocity. */
export function usePlanning(teamId: string, sprintId: string | undefined) {
  return useQuery({
    queryKey: sprintKeys.planning(teamId, sprintId ?? ''),
    enabled: Boolean(sprintId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/sprints/{sprintId}/planning', {
          params: { path: { sprintId: sprintId as string } },
        }),
      ),
  });
}

/** The sprint report: frozen once the sprint is completed. */
export function useSprintReport(teamId: string, sprintId: string | undefined) {
  return useQuery({
    queryKey: sprintKeys.report(teamId, sprintId ?? ''),
    enabled: Boolean(sprintId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/sprints/{sprintId}/report', {
          params: { path: { sprintId: sprintId as string } },
        }),
      ),
  });
}
