import type { QueryClient } from '@tanstack/react-query';
import { pokerKeys, type PokerSession } from '../api/poker';
import type { EventEnvelope, EventType } from './events';
import { registerLiveReducers } from './registry';

/**
 * Planning poker in the cache. No event carries a hidden card, and the room shows only what the
 * session read (as this person may see it) and these events say. `poker.vote_cast` is patched
 * in place (who voted, never what); the rest changes round, items or history, so the session
 * is read again — the server decides what this reader may see of it.
 */
type SessionEvent = Exclude<
  Extract<EventType, `poker.${string}`>,
  'poker.session_started' | 'poker.vote_cast'
>;

function refetchSession(event: EventEnvelope, queryClient: QueryClient): void {
  const { sessionId } = event.data as { sessionId: string };
  void queryClient.invalidateQueries({ queryKey: pokerKeys.session(event.teamId, sessionId) });
}

export function applyVoteCast(
  session: PokerSession | undefined,
  data: EventEnvelope<'poker.vote_cast'>['data'],
): PokerSession | undefined {
  const round = session?.currentRound;
  if (!session || !round || round.itemId !== data.itemId || round.round !== data.round)
    return session;
  if (round.votes.some((v) => v.userId === data.userId)) return session;
  return {
    ...session,
    currentRound: { ...round, votes: [...round.votes, { userId: data.userId, card: null }] },
  };
}

const refetching: { [T in SessionEvent]: typeof refetchSession } = {
  'poker.participant_joined': refetchSession,
  'poker.votes_revealed': refetchSession,
  'poker.round_started': refetchSession,
  'poker.estimate_accepted': refetchSession,
  'poker.current_item_changed': refetchSession,
  'poker.session_ended': (event, queryClient) => {
    refetchSession(event, queryClient);
    void queryClient.invalidateQueries({ queryKey: pokerKeys.list(event.teamId) });
  },
};

registerLiveReducers({
  ...refetching,
  'poker.session_started': (event, queryClient) =>
    void queryClient.invalidateQueries({ queryKey: pokerKeys.list(event.teamId) }),
  'poker.vote_cast': (event, queryClient) =>
    queryClient.setQueryData<PokerSession>(
      pokerKeys.session(event.teamId, event.data.sessionId),
      (session) => applyVoteCast(session, event.data),
    ),
});
