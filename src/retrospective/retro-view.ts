import type { ActionItemDto } from './dto/action-item.dto';
import type {
  RetroCardDto,
  GroupDto,
  MyVotesDto,
  NoteDto,
  RetrospectiveSummaryDto,
} from './dto/retrospective-view.dto';
import type {
  ActionItemSnapshot,
  CardSnapshot,
  GroupSnapshot,
  HiddenCard,
  RetroSnapshot,
} from './retro.events';
import { votesRevealed } from './retro-phases';
import type { ActionItemRow, NoteRow } from './retro-actions.repository';
import type { CardRow, GroupRow, RetroRow, VoteRow } from './retro.repository';

/**
 * What a reader may see of a retrospective. Everything that leaves the module — REST bodies,
 * events, exports — goes through these functions, so the rules live in one place:
 * an anonymous card never has an author, a card hidden by private writing is only
 * `{cardId, column}` to anyone but its author, and vote totals stay null until the vote ends.
 */
export function toRetroSnapshot(row: RetroRow): RetroSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    sprintId: row.sprint_id,
    ceremonyId: row.ceremony_id,
    title: row.title,
    template: row.template,
    columns: row.columns,
    facilitatorId: row.facilitator_id,
    phase: row.phase,
    anonymous: row.anonymous,
    privateWriting: row.private_writing,
    voteBudget: row.vote_budget,
    votesPerGroup: row.votes_per_group,
    phaseEndsAt: row.phase_ends_at ? row.phase_ends_at.toISOString() : null,
    previousRetrospectiveId: row.previous_id,
    version: row.version,
  };
}

export function toSummaryDto(row: RetroRow): RetrospectiveSummaryDto {
  return {
    ...toRetroSnapshot(row),
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
  };
}

export const isHidden = (retro: RetroRow, card: CardRow): boolean =>
  retro.private_writing && retro.phase === 'collect' && !card.revealed;

/** The card as every reader may see it once visible. */
export function cardSnapshot(retro: RetroRow, card: CardRow): CardSnapshot {
  return {
    id: card.id,
    column: card.column_key,
    text: card.text,
    authorId: retro.anonymous ? null : card.author_id,
    groupId: card.group_id,
    version: card.version,
  };
}

/** For the team's event log, which every member replays. */
export function cardForEveryone(retro: RetroRow, card: CardRow): CardSnapshot | HiddenCard {
  return isHidden(retro, card)
    ? { cardId: card.id, column: card.column_key }
    : cardSnapshot(retro, card);
}

export function cardDto(retro: RetroRow, card: CardRow, mine: boolean): RetroCardDto {
  const { id, column, text, authorId, groupId, version } = cardSnapshot(retro, card);
  return { id, column, text, authorId, mine, groupId, version };
}

export function groupSnapshot(group: GroupRow, cards: CardRow[]): GroupSnapshot {
  return {
    id: group.id,
    title: group.title,
    cardIds: cards.filter((c) => c.group_id === group.id).map((c) => c.id),
    version: group.version,
  };
}

export function voteTotals(votes: VoteRow[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const v of votes) totals.set(v.group_id, (totals.get(v.group_id) ?? 0) + v.count);
  return totals;
}

/** Most voted first once revealed (ties: oldest first); creation order before. */
export function groupDtos(
  retro: RetroRow,
  groups: GroupRow[],
  cards: CardRow[],
  votes: VoteRow[],
): GroupDto[] {
  const revealed = votesRevealed(retro.phase);
  const totals = voteTotals(votes);
  const dtos = groups.map((g) => ({
    ...groupSnapshot(g, cards),
    votes: revealed ? (totals.get(g.id) ?? 0) : null,
  }));
  if (revealed) dtos.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  return dtos;
}

export function myVotes(retro: RetroRow, votes: VoteRow[], userId: string): MyVotesDto {
  const mine = votes.filter((v) => v.user_id === userId);
  const used = mine.reduce((sum, v) => sum + v.count, 0);
  return {
    retrospectiveId: retro.id,
    budget: retro.vote_budget,
    perGroup: retro.votes_per_group,
    used,
    remaining: Math.max(0, retro.vote_budget - used),
    votes: mine.map((v) => ({ groupId: v.group_id, count: v.count })),
  };
}

export function noteDto(row: NoteRow): NoteDto {
  return {
    id: row.id,
    groupId: row.group_id,
    text: row.text,
    authorId: row.author_id,
    createdAt: row.created_at.toISOString(),
  };
}

export function actionItemSnapshot(row: ActionItemRow): ActionItemSnapshot {
  return {
    id: row.id,
    retrospectiveId: row.retro_id,
    groupId: row.group_id,
    text: row.text,
    ownerId: row.owner_id,
    dueDate: row.due_date,
    done: row.done,
    backlogItemId: row.backlog_item_id,
    version: row.version,
  };
}

/** A linked backlog item's status wins: the work is tracked there. */
export function actionItemDto(row: ActionItemRow): ActionItemDto {
  const status = row.backlog_status
    ? (row.backlog_status as ActionItemDto['status'])
    : row.done
      ? 'done'
      : 'open';
  return { ...actionItemSnapshot(row), status };
}
