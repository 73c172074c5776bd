import type { components } from '../api/schema';
import type { EventEnvelope } from './events';

type Board = components['schemas']['BoardDto'];
type Card = components['schemas']['CardDto'];
export type BoardEpic = components['schemas']['BoardEpicDto'];

const byRank = (a: BoardEpic, b: BoardEpic) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0);

/**
 * The board's epics (the lanes by epic and the drawer's epic choices) from the backlog's
 * events: an epic is created, renamed, re-ranked, changes type or is archived. Epics need not
 * be cards of the board, so this runs whether or not the board holds the item.
 */
export function reduceEpics(board: Board, event: EventEnvelope): Board {
  // Only the backlog events that can touch an epic.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (event.type) {
    case 'backlog_item.created':
    case 'backlog_item.updated': {
      const { item } = (event as EventEnvelope<'backlog_item.updated'>).data;
      const known = board.epics.find((e) => e.id === item.id);
      if (item.type !== 'epic') {
        // No longer an epic (the server refuses the change while it has children).
        return known ? { ...board, epics: board.epics.filter((e) => e.id !== item.id) } : board;
      }
      if (known && known.version >= item.version) return board;
      const epic: BoardEpic = {
        id: item.id,
        title: item.title,
        rank: item.rank,
        archived: item.archivedAt !== null,
        version: item.version,
      };
      const others = board.epics.filter((e) => e.id !== item.id);
      return { ...board, epics: [...others, epic].sort(byRank) };
    }
    case 'backlog_item.archived': {
      const { itemId, version } = (event as EventEnvelope<'backlog_item.archived'>).data;
      if (!board.epics.some((e) => e.id === itemId && !e.archived)) return board;
      return {
        ...board,
        epics: board.epics.map((e) => (e.id === itemId ? { ...e, archived: true, version } : e)),
      };
    }
    case 'backlog_item.ranked': {
      const { moves } = (event as EventEnvelope<'backlog_item.ranked'>).data;
      return rerank(board, new Map(moves.map((m) => [m.itemId, m.to])));
    }
    case 'backlog_item.rebalanced': {
      const { ranks } = (event as EventEnvelope<'backlog_item.rebalanced'>).data;
      return rerank(board, new Map(ranks.map((r) => [r.itemId, r.rank])));
    }
  }
  return board;
}

function rerank(board: Board, ranks: ReadonlyMap<string, string>): Board {
  if (!board.epics.some((e) => ranks.has(e.id))) return board;
  const epics = board.epics.map((e) => {
    const rank = ranks.get(e.id);
    return rank === undefined ? e : { ...e, rank };
  });
  return { ...board, epics: epics.sort(byRank) };
}

/**
 * The blocked marker: an impediment's snapshot says which items it names and whether it is
 * open, so each card's list is recomputed from it — idempotent, in any order of arrival.
 */
export function reduceImpediment(board: Board, event: EventEnvelope): Board {
  if (event.type !== 'impediment.raised' && event.type !== 'impediment.updated') return board;
  const { impediment } = (event as EventEnvelope<'impediment.updated'>).data;
  const names = new Set(impediment.status === 'open' ? impediment.itemIds : []);
  let changed = false;
  const columns = board.columns.map((column) => {
    let touched = false;
    const items = column.items.map((card): Card => {
      const had = card.openImpediments.find((i) => i.id === impediment.id);
      const has = names.has(card.id);
      if (!had && !has) return card;
      if (had && has && had.title === impediment.title) return card;
      touched = true;
      const others = card.openImpediments.filter((i) => i.id !== impediment.id);
      return {
        ...card,
        openImpediments: has ? [...others, { id: impediment.id, title: impediment.title }] : others,
      };
    });
    if (!touched) return column;
    changed = true;
    return { ...column, items };
  });
  return changed ? { ...board, columns } : board;
}
