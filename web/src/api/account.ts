import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKeys } from './keys';
import { unwrap } from './problem';
import type { components } from './schema';
import { session } from './session';

export type MyTeam = components['schemas']['MyTeamDto'];
export type ApiToken = components['schemas']['ApiTokenDto'];

/** Whether the sign-in page may offer self-registration (ALLOW_SIGNUP). */
export function useAuthOptions() {
  return useQuery({
    queryKey: ['auth', 'options'],
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/options')),
    staleTime: Infinity,
  });
}

export function useMyTeams() {
  return useQuery({
    queryKey: meKeys.teams,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/teams')),
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: meKeys.tokens,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/tokens')),
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['CreateApiTokenDto']) =>
      unwrap(
        await api.POST('/api/v1/me/tokens', {
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKeys.tokens }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (tokenId: string) =>
      unwrap(await api.DELETE('/api/v1/me/tokens/{tokenId}', { params: { path: { tokenId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKeys.tokens }),
  });
}

/** The server signs out every other session and hands this one a fresh pair. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: components['schemas']['ChangePasswordDto']) =>
      session.start(unwrap(await api.POST('/api/v1/me/password', { body }))),
  });
}

export async function register(body: components['schemas']['RegisterDto']) {
  return unwrap(await api.POST('/api/v1/auth/register', { body }));
}
