import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { session, type SessionState } from '../api/session';
import type { components } from '../api/schema';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, () => session.current());
}

export async function signIn(body: components['schemas']['LoginDto']): Promise<void> {
  session.start(unwrap(await api.POST('/api/v1/auth/login', { body })));
}

export async function signOut(): Promise<void> {
  const refreshToken = session.refreshToken();
  session.clear();
  if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refreshToken } });
}

/** Where to go after signing in: a page of this app only (never another origin). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
