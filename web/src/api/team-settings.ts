import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKeys, teamKeys } from './keys';
import { unwrap } from './problem';
import type { components } from './schema';
import type { Team } from './teams';

export type TeamPatch = components['schemas']['UpdateTeamDto'];
export type TeamMember = components['schemas']['TeamMemberDto'];
export type TeamEvent = components['schemas']['EventEnvelopeDto'];

/**
 * PATCH with If-Match: the version the person saw. A 412 rejects with an ApiProblem whose
 * body carries `current` (the team now), which the conflict dialog shows beside the edit.
 */
export function useUpdateTeam(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, patch }: { version: number; patch: TeamPatch }) =>
      unwrap(
        await api.PATCH('/api/v1/teams/{teamId}', {
          params: { path: { teamId }, header: { 'If-Match': `"${version}"` } },
          body: patch,
        }),
      ),
    onSuccess: (team) => {
      queryClient.setQueryData<Team>(teamKeys.detail(teamId), (old) =>
        old && old.version > team.version ? old : team,
      );
      void queryClient.invalidateQueries({ queryKey: meKeys.teams });
    },
  });
}

export function useChangeRole(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: TeamMember['role'] }) =>
      unwrap(
        await api.PATCH('/api/v1/teams/{teamId}/members/{userId}', {
          params: { path: { teamId, userId } },
          body: { role },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.members(teamId) }),
  });
}

export function useRemoveMember(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrap(
        await api.DELETE('/api/v1/teams/{teamId}/members/{userId}', {
          params: { path: { teamId, userId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.members(teamId) }),
  });
}

/** The last few events of a team (its recent activity), newest first. */
export function useRecentActivity(teamId: string, eventSeq: number, count = 5) {
  return useQuery({
    queryKey: [...teamKeys.events(teamId), 'recent', eventSeq],
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/teams/{teamId}/events', {
          params: {
            path: { teamId },
            query: { after: Math.max(0, eventSeq - count), limit: count },
          },
        }),
      );
      return [...page.events].reverse();
    },
  });
}
