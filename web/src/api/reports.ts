import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type BurnReport = components['schemas']['BurnReportDto'];
export type MonteCarloForecast = components['schemas']['MonteCarloForecastDto'];

/** Under the team's key: a 410 refetches them with the rest, a live event invalidates them all. */
export const reportKeys = {
  all: (teamId: string) => ['team', teamId, 'reports'] as const,
  burn: (teamId: string, sprintId: string, kind: 'burndown' | 'burnup') =>
    ['team', teamId, 'reports', 'burn', sprintId, kind] as const,
  velocity: (teamId: string) => ['team', teamId, 'reports', 'velocity'] as const,
  cfd: (teamId: string) => ['team', teamId, 'reports', 'cfd'] as const,
  flowTimes: (teamId: string) => ['team', teamId, 'reports', 'flow-times'] as const,
  aging: (teamId: string) => ['team', teamId, 'reports', 'aging-wip'] as const,
  /** The sentence is written in the reader's language: one answer per language. */
  forecast: (teamId: string, items: number, lang: string) =>
    ['team', teamId, 'reports', 'forecast', items, lang] as const,
};

export function useBurn(teamId: string, sprintId: string | undefined, kind: 'burndown' | 'burnup') {
  return useQuery({
    queryKey: reportKeys.burn(teamId, sprintId ?? '', kind),
    enabled: Boolean(sprintId),
    queryFn: async () => {
      const params = { params: { path: { sprintId: sprintId as string } } };
      return unwrap(
        kind === 'burndown'
          ? await api.GET('/api/v1/sprints/{sprintId}/burndown', params)
          : await api.GET('/api/v1/sprints/{sprintId}/burnup', params),
      );
    },
  });
}

export function useVelocity(teamId: string) {
  return useQuery({
    queryKey: reportKeys.velocity(teamId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/velocity', { params: { path: { teamId } } })),
  });
}

/** The server's default period (its last weeks): the same the CSV and SVG downloads cover. */
export function useCumulativeFlow(teamId: string) {
  return useQuery({
    queryKey: reportKeys.cfd(teamId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}/cumulative-flow', { params: { path: { teamId } } }),
      ),
  });
}

/** Every finished item of the team (no window): the same the CSV and SVG downloads cover. */
export function useFlowTimes(teamId: string) {
  return useQuery({
    queryKey: reportKeys.flowTimes(teamId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/flow-times', { params: { path: { teamId } } })),
  });
}

export function useAgingWip(teamId: string) {
  return useQuery({
    queryKey: reportKeys.aging(teamId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/aging-wip', { params: { path: { teamId } } })),
  });
}

export function useForecast(teamId: string, items: number, lang: string) {
  return useQuery({
    queryKey: reportKeys.forecast(teamId, items, lang),
    enabled: Number.isInteger(items) && items > 0,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}/forecast', {
          params: { path: { teamId }, query: { items } },
        }),
      ),
  });
}

/** The server's files of a report: they need the bearer token, so no plain link will do. */
export type SprintFile = {
  kind: 'burndown.svg' | 'burndown.csv' | 'burnup.svg' | 'burnup.csv' | 'report.html';
  sprintId: string;
};
export type TeamFile = {
  kind:
    | 'velocity.svg'
    | 'velocity.csv'
    | 'cumulative-flow.svg'
    | 'cumulative-flow.csv'
    | 'cycle-time.svg'
    | 'cycle-time.csv'
    | 'lead-time.svg'
    | 'lead-time.csv'
    | 'aging-wip.svg'
    | 'aging-wip.csv';
  teamId: string;
};
export type ReportFile = SprintFile | TeamFile;

const isTeamFile = (file: ReportFile): file is TeamFile => 'teamId' in file;

async function fetchTeamFile(file: TeamFile): Promise<Blob> {
  const p = { params: { path: { teamId: file.teamId } }, parseAs: 'blob' as const };
  switch (file.kind) {
    case 'velocity.svg':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/velocity.svg', p));
    case 'velocity.csv':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/velocity.csv', p));
    case 'cumulative-flow.svg':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/cumulative-flow.svg', p));
    case 'cumulative-flow.csv':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/cumulative-flow.csv', p));
    case 'cycle-time.svg':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/cycle-time.svg', p));
    case 'cycle-time.csv':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/cycle-time.csv', p));
    case 'lead-time.svg':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/lead-time.svg', p));
    case 'lead-time.csv':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/lead-time.csv', p));
    case 'aging-wip.svg':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/aging-wip.svg', p));
    case 'aging-wip.csv':
      return unwrap<Blob>(await api.GET('/api/v1/teams/{teamId}/aging-wip.csv', p));
  }
}

async function fetchSprintFile(file: SprintFile): Promise<Blob> {
  const p = { params: { path: { sprintId: file.sprintId } }, parseAs: 'blob' as const };
  switch (file.kind) {
    case 'burndown.svg':
      return unwrap<Blob>(await api.GET('/api/v1/sprints/{sprintId}/burndown.svg', p));
    case 'burndown.csv':
      return unwrap<Blob>(await api.GET('/api/v1/sprints/{sprintId}/burndown.csv', p));
    case 'burnup.svg':
      return unwrap<Blob>(await api.GET('/api/v1/sprints/{sprintId}/burnup.svg', p));
    case 'burnup.csv':
      return unwrap<Blob>(await api.GET('/api/v1/sprints/{sprintId}/burnup.csv', p));
    case 'report.html':
      return unwrap<Blob>(await api.GET('/api/v1/sprints/{sprintId}/report.html', p));
  }
}

/** Fetches the file through the session and saves it under `name` via a blob URL. */
export async function downloadReport(file: ReportFile, name: string): Promise<void> {
  const blob = await (isTeamFile(file) ? fetchTeamFile(file) : fetchSprintFile(file));
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
