import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';
import { session } from './session';

export function useSetupCheck(token: string | undefined) {
  return useQuery({
    queryKey: ['setup', token],
    queryFn: async () =>
      unwrap(await api.POST('/api/v1/setup/check', { body: { token: token as string } })),
    enabled: Boolean(token),
    retry: false,
    staleTime: Infinity,
  });
}

/** Creates the first administrator and signs them in. */
export function useCompleteSetup() {
  return useMutation({
    mutationFn: async (body: components['schemas']['SetupDto']) => {
      const done = unwrap(await api.POST('/api/v1/setup', { body }));
      session.start(done.session);
      return done;
    },
  });
}
