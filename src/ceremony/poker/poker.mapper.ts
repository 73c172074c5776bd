import { statsOf } from './poker-decks';
import type { PokerSessionDto, PokerSessionSummaryDto, RevealedRoundDto } from './dto/poker.dto';
import type { PokerItemSnapshot, PokerRole, PokerSessionSnapshot } from './poker.events';
import type { ParticipantRow, SessionItemRow, SessionRow, VoteRow } from './poker.repository';

export function currentItemId(session: SessionRow, items: { item_id: string; position: number }[]) {
  return items.find((i) => i.position === session.current_position)?.item_id ?? null;
}

export function toItemSnapshot(row: SessionItemRow): PokerItemSnapshot {
  return {
    itemId: row.item_id,
    position: row.position,
    outcome: row.outcome,
    acceptedCard: row.accepted_card,
    estimate: row.estimate === null ? null : Number(row.estimate),
  };
}

export function toSummary(row: SessionRow, current: string | null): PokerSessionSummaryDto {
  return {
    id: row.id,
    teamId: row.team_id,
    ceremonyId: row.ceremony_id,
    title: row.title,
    deck: row.deck,
    cards: row.cards,
    facilitatorId: row.facilitator_id,
    state: row.state,
    currentItemId: current,
    round: row.round,
    roundState: row.round_state,
    createdAt: row.created_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    version: row.version,
  };
}

export function toSessionSnapshot(row: SessionRow, items: SessionItemRow[]): PokerSessionSnapshot {
  return { ...toSummary(row, currentItemId(row, items)), items: items.map(toItemSnapshot) };
}

export interface SessionView {
  session: SessionRow;
  items: SessionItemRow[];
  votes: VoteRow[];
  participants: ParticipantRow[];
  revealed: { item_id: string; round: number }[];
}

/**
 * The one place that decides which cards a reader sees: every card of a revealed round, and
 * of the open round only the reader's own. Nothing else in a response carries a card.
 */
export function toSessionDto(
  view: SessionView,
  viewerId: string,
  myRole: PokerRole,
): PokerSessionDto {
  const { session, items, votes } = view;
  const current = currentItemId(session, items);
  const isRevealed = (itemId: string, round: number) =>
    view.revealed.some((r) => r.item_id === itemId && r.round === round);
  const history: RevealedRoundDto[] = view.revealed.map((r) => {
    const roundVotes = votes.filter((v) => v.item_id === r.item_id && v.round === r.round);
    return {
      itemId: r.item_id,
      round: r.round,
      votes: roundVotes.map((v) => ({ userId: v.user_id, card: v.card })),
      stats: statsOf(roundVotes.map((v) => v.card)),
    };
  });
  let currentRound: PokerSessionDto['currentRound'] = null;
  if (current !== null) {
    const open = !isRevealed(current, session.round);
    const roundVotes = votes.filter((v) => v.item_id === current && v.round === session.round);
    currentRound = {
      itemId: current,
      round: session.round,
      state: open ? 'voting' : 'revealed',
      votes: roundVotes.map((v) => ({ userId: v.user_id, card: open ? null : v.card })),
      myCard: roundVotes.find((v) => v.user_id === viewerId)?.card ?? null,
      stats: open ? null : statsOf(roundVotes.map((v) => v.card)),
    };
  }
  return {
    ...toSummary(session, current),
    items: items.map((row) => ({ ...toItemSnapshot(row), title: row.title })),
    participants: view.participants.map((p) => ({ userId: p.user_id, role: p.role })),
    myRole,
    currentRound,
    history,
  };
}
