import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import { session } from './session';

/** Same answer whether or not an account has the address: the page says so, too. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) =>
      unwrap(await api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
}

/** Every other session of the account ends; this tab is signed in with the new password. */
export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: async (body: { token: string; password: string }) => {
      const pair = unwrap(await api.POST('/api/v1/auth/password-reset/confirm', { body }));
      session.start(pair);
      return pair;
    },
  });
}
