import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKeys } from './keys';
import { unwrap } from './problem';
import type { components } from './schema';

export type User = components['schemas']['UserDto'];

export function useMe(enabled = true) {
  return useQuery({
    queryKey: meKeys.me,
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
    enabled,
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['UpdateMeDto']) =>
      unwrap(await api.PATCH('/api/v1/me', { body })),
    onSuccess: (user) => queryClient.setQueryData(meKeys.me, user),
  });
}
