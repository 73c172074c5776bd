import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type DailySummary = components['schemas']['DailySummaryDto'];
export type Impediment = components['schemas']['ImpedimentDto'];

export const dailyKeys = {
  day: (teamId: string, date: string) => ['team', teamId, 'daily', date] as const,
  impediments: (teamId: string) => ['team', teamId, 'impediments'] as const,
};

/** Today as a plain date in the team's timezone (the server's daily scrums are by plain date). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function useDaily(teamId: string, date: string) {
  return useQuery({
    queryKey: dailyKeys.day(teamId, date),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}/daily-scrums/{date}', {
          params: { path: { teamId, date } },
        }),
      ),
  });
}

export function usePostAnswers(teamId: string, date: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (answers: Record<string, string>) =>
      unwrap(
        await api.PUT('/api/v1/teams/{teamId}/daily-scrums/{date}/entries/me', {
          params: { path: { teamId, date } },
          body: { answers },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dailyKeys.day(teamId, date) }),
  });
}

export function useImpediments(teamId: string) {
  return useQuery({
    queryKey: dailyKeys.impediments(teamId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/impediments', { params: { path: { teamId } } })),
  });
}

export function useRaiseImpediment(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['CreateImpedimentDto']) =>
      unwrap(
        await api.POST('/api/v1/teams/{teamId}/impediments', {
          params: { path: { teamId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dailyKeys.impediments(teamId) }),
  });
}

export function useUpdateImpediment(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      impediment,
      patch,
    }: {
      impediment: Impediment;
      patch: components['schemas']['UpdateImpedimentDto'];
    }) =>
      unwrap(
        await api.PATCH('/api/v1/impediments/{impedimentId}', {
          params: {
            path: { impedimentId: impediment.id },
            header: { 'If-Match': `"${impediment.version}"` },
          },
          body: patch,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dailyKeys.impediments(teamId) }),
  });
}
