import type { Deck, RoundStats } from './poker-decks';

/**
 * The data of the planning poker events (listed in src/events/event-catalogue.ts). They go
 * to every subscriber of the team, stakeholders included, so none carries a card before its
 * round is revealed: `poker.vote_cast` says who voted, never what.
 */
export type PokerRole = 'participant' | 'spectator';
export type PokerOutcome = 'accepted' | 'skipped';

export interface PokerItemSnapshot {
  itemId: string;
  position: number;
  outcome: PokerOutcome | null;
  acceptedCard: string | null;
  estimate: number | null;
}

export interface PokerSessionSnapshot {
  id: string;
  teamId: string;
  ceremonyId: string | null;
  title: string;
  deck: Deck;
  cards: string[];
  facilitatorId: string;
  state: 'open' | 'ended';
  items: PokerItemSnapshot[];
  currentItemId: string | null;
  round: number;
  roundState: 'voting' | 'revealed';
  createdAt: string;
  endedAt: string | null;
  version: number;
}

export interface RevealedVote {
  userId: string;
  card: string;
}

export interface PokerEvents {
  'poker.session_started': { session: PokerSessionSnapshot };
  'poker.participant_joined': { sessionId: string; userId: string; role: PokerRole };
  'poker.vote_cast': {
    sessionId: string;
    itemId: string;
    round: number;
    userId: string;
    /** True when this vote replaced the voter's earlier one in the same round. */
    replaced: boolean;
    votedCount: number;
  };
  'poker.votes_revealed': {
    sessionId: string;
    itemId: string;
    round: number;
    votes: RevealedVote[];
    stats: RoundStats;
    version: number;
  };
  'poker.round_started': { sessionId: string; itemId: string; round: number; version: number };
  'poker.estimate_accepted': {
    sessionId: string;
    itemId: string;
    round: number;
    card: string;
    estimate: number;
    version: number;
  };
  'poker.current_item_changed': {
    sessionId: string;
    previousItemId: string;
    outcome: PokerOutcome;
    currentItemId: string | null;
    round: number;
    version: number;
  };
  'poker.session_ended': {
    sessionId: string;
    endedAt: string;
    accepted: number;
    skipped: number;
    unestimated: number;
    version: number;
  };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends PokerEvents {}
}
