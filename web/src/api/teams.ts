import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKeys, teamKeys } from './keys';
import { unwrap } from './problem';
import type { components } from './schema';

export type Team = components['schemas']['TeamDto'];
export type Workspace = components['schemas']['WorkspaceDto'];

export function useWorkspaces() {
  return useQuery({
    queryKey: meKeys.workspaces,
    queryFn: async () => unwrap(await api.GET('/api/v1/workspaces')),
  });
}

export function useWorkspaceTeams(workspaceId: string | undefined) {
  return useQuery({
    queryKey: ['workspace', workspaceId, 'teams'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/workspaces/{workspaceId}/teams', {
          params: { path: { workspaceId: workspaceId as string } },
        }),
      ),
    enabled: Boolean(workspaceId),
  });
}

export function useTeam(teamId: string | undefined) {
  return useQuery({
    queryKey: teamKeys.detail(teamId ?? ''),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}', {
          params: { path: { teamId: teamId as string } },
        }),
      ),
    enabled: Boolean(teamId),
  });
}

export function useTeamMembers(teamId: string) {
  return useQuery({
    queryKey: teamKeys.members(teamId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/members', { params: { path: { teamId } } })),
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['CreateWorkspaceDto']) =>
      unwrap(await api.POST('/api/v1/workspaces', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useCreateTeam(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['CreateTeamDto']) =>
      unwrap(
        await api.POST('/api/v1/workspaces/{workspaceId}/teams', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      await queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId] });
    },
  });
}
