import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type PokerSession = components['schemas']['PokerSessionDto'];
export type PokerSummary = components['schemas']['PokerSessionSummaryDto'];
export type PokerDeck = components['schemas']['CreatePokerSessionDto']['deck'];
export type CreatePokerSession = components['schemas']['CreatePokerSessionDto'];

export const DECKS: readonly PokerDeck[] = [
  'fibonacci',
  'modified_fibonacci',
  'tshirt',
  'powers_of_two',
  'team',
];

/** Under the team's key, so a 410 (and a reconnect's catch-up) refetches them with the rest. */
export const pokerKeys = {
  list: (teamId: string) => ['team', teamId, 'poker-sessions'] as const,
  session: (teamId: string, sessionId: string) =>
    ['team', teamId, 'poker-session', sessionId] as const,
};

export function usePokerSessions(teamId: string) {
  return useQuery({
    queryKey: pokerKeys.list(teamId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}/poker-sessions', { params: { path: { teamId } } }),
      ),
  });
}

export function usePokerSession(teamId: string, sessionId: string) {
  return useQuery({
    queryKey: pokerKeys.session(teamId, sessionId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/poker-sessions/{sessionId}', {
          params: { path: { sessionId } },
        }),
      ),
  });
}

/** A newer answer replaces the cached session; an older one (a slow refetch) does not. */
export function putSession(queryClient: QueryClient, session: PokerSession): void {
  queryClient.setQueryData<PokerSession>(pokerKeys.session(session.teamId, session.id), (cached) =>
    cached && cached.version > session.version ? cached : session,
  );
}

export function useCreatePokerSession(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreatePokerSession) =>
      unwrap(
        await api.POST('/api/v1/teams/{teamId}/poker-sessions', {
          params: { path: { teamId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body,
        }),
      ),
    onSuccess: (session) => {
      putSession(queryClient, session);
      void queryClient.invalidateQueries({ queryKey: pokerKeys.list(teamId) });
    },
  });
}

export type PokerCommand =
  | { kind: 'join'; as: 'participant' | 'spectator' }
  | { kind: 'vote'; card: string }
  | { kind: 'accept'; card: string }
  | { kind: 'reveal' | 'revote' | 'next' | 'skip' | 'end' };

async function send(sessionId: string, command: PokerCommand): Promise<PokerSession> {
  const path = { params: { path: { sessionId } } };
  switch (command.kind) {
    case 'join':
      return unwrap(
        await api.POST('/api/v1/poker-sessions/{sessionId}/join', {
          ...path,
          body: { as: command.as },
        }),
      );
    case 'vote':
      return unwrap(
        await api.POST('/api/v1/poker-sessions/{sessionId}/votes', {
          ...path,
          body: { card: command.card },
        }),
      );
    case 'accept':
      return unwrap(
        await api.POST('/api/v1/poker-sessions/{sessionId}/accept', {
          ...path,
          body: { card: command.card },
        }),
      );
    case 'reveal':
      return unwrap(await api.POST('/api/v1/poker-sessions/{sessionId}/reveal', path));
    case 'revote':
      return unwrap(await api.POST('/api/v1/poker-sessions/{sessionId}/revote', path));
    case 'next':
      return unwrap(await api.POST('/api/v1/poker-sessions/{sessionId}/next', path));
    case 'skip':
      return unwrap(await api.POST('/api/v1/poker-sessions/{sessionId}/skip', path));
    case 'end':
      return unwrap(await api.POST('/api/v1/poker-sessions/{sessionId}/end', path));
  }
}

/** Every command answers the session as the sender may see it: that answer is the cache. */
export function usePokerCommand(teamId: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: PokerCommand) => send(sessionId, command),
    onSuccess: (session) => putSession(queryClient, session),
    onError: () =>
      // A 409 says the room moved on meanwhile: show what it is now.
      queryClient.invalidateQueries({ queryKey: pokerKeys.session(teamId, sessionId) }),
  });
}

export type Ceremony = components['schemas']['CeremonyDto'];

/** The calendar's planning and refinement ceremonies from yesterday on: what a session estimates for. */
export function useEstimationCeremonies(teamId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['team', teamId, 'ceremonies', 'estimation'] as const,
    enabled,
    queryFn: async () => {
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const all = unwrap(
        await api.GET('/api/v1/teams/{teamId}/ceremonies', {
          params: { path: { teamId }, query: { from } },
        }),
      );
      return all.filter(
        (c) =>
          c.status === 'scheduled' &&
          (c.type === 'sprint_planning' || c.type === 'backlog_refinement'),
      );
    },
  });
}
