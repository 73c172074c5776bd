import type { components } from '../api/schema';
import type { EventEnvelope } from './events';

export type BacklogItem = components['schemas']['BacklogItemDto'];

/**
 * The product backlog as the client holds it: every item not in a sprint and not archived,
 * sorted by rank in byte order (the keys are ASCII, so `<` on strings is byte order).
 * `complete` is false while later pages are still loading.
 */
export interface BacklogList {
  items: BacklogItem[];
  complete: boolean;
  /** While loading: how many the server counted. */
  totalCount?: number;
}

/** What an event does to the list; 'refetch' when the event does not carry enough. */
export type BacklogOutcome = BacklogList | 'refetch';

function byRank(a: BacklogItem, b: BacklogItem): number {
  return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0;
}

/** Index where an item of this rank belongs (binary search over a sorted list). */
function insertionIndex(items: readonly BacklogItem[], rank: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].rank < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts each item at its rank's place, replacing the one with its id. O(n) per call. */
export function upsertItems(list: BacklogList, incoming: readonly BacklogItem[]): BacklogList {
  if (incoming.length === 0) return list;
  const ids = new Set(incoming.map((item) => item.id));
  const items = list.items.filter((item) => !ids.has(item.id));
  for (const item of [...incoming].sort(byRank))
    items.splice(insertionIndex(items, item.rank), 0, item);
  return { ...list, items };
}

export function removeItems(list: BacklogList, ids: Iterable<string>): BacklogList {
  const gone = new Set(ids);
  if (gone.size === 0 || !list.items.some((item) => gone.has(item.id))) return list;
  return { ...list, items: list.items.filter((item) => !gone.has(item.id)) };
}

/** New rank keys for some items (a move, a rebalance, a rollback). Unknown ids are ignored. */
export function setRanks(
  list: BacklogList,
  ranks: readonly { itemId: string; rank: string }[],
): BacklogList {
  const byId = new Map(ranks.map((r) => [r.itemId, r.rank]));
  const moved: BacklogItem[] = [];
  for (const item of list.items) {
    const rank = byId.get(item.id);
    if (rank !== undefined && rank !== item.rank) moved.push({ ...item, rank });
  }
  if (moved.length === 0) return list;
  // Many keys at once (a rebalance): one sort is cheaper than many splices.
  if (moved.length > 50) {
    const patched = list.items.map((item) => {
      const rank = byId.get(item.id);
      return rank === undefined ? item : { ...item, rank };
    });
    return { ...list, items: patched.sort(byRank) };
  }
  return upsertItems(list, moved);
}

function belongsInBacklog(item: BacklogItem): boolean {
  return item.sprintId === null && item.archivedAt === null;
}

/** A newer snapshot of an item: replaces it, or takes it out when it left the backlog. */
export function applySnapshot(list: BacklogList, item: BacklogItem): BacklogList {
  const cached = list.items.find((i) => i.id === item.id);
  if (cached && cached.version >= item.version) return list;
  if (!belongsInBacklog(item)) return cached ? removeItems(list, [item.id]) : list;
  // Events carry the item without an epic's progress: keep the one the list read.
  const progress = item.progress ?? cached?.progress;
  return upsertItems(list, [progress === undefined ? item : { ...item, progress }]);
}

/**
 * The backlog events, applied in seq order. Every branch is idempotent (versions compared,
 * ranks set, removals by id), so an event applied twice — once from the stream, once again
 * over a snapshot that was being loaded when it arrived — leaves the same list.
 */
export function reduceBacklog(list: BacklogList, event: EventEnvelope): BacklogOutcome {
  // Only the types that touch the list; every other event leaves it as it is.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (event.type) {
    case 'backlog_item.created':
    case 'backlog_item.updated': {
      const { item } = (event as EventEnvelope<'backlog_item.created'>).data;
      return applySnapshot(list, item);
    }
    case 'backlog_item.ranked': {
      const { moves } = (event as EventEnvelope<'backlog_item.ranked'>).data;
      return setRanks(
        list,
        moves.map((m) => ({ itemId: m.itemId, rank: m.to })),
      );
    }
    case 'backlog_item.rebalanced':
      return setRanks(list, (event as EventEnvelope<'backlog_item.rebalanced'>).data.ranks);
    case 'backlog_item.archived':
      return removeItems(list, [(event as EventEnvelope<'backlog_item.archived'>).data.itemId]);
    case 'label.deleted': {
      const { labelId, itemIds } = (event as EventEnvelope<'label.deleted'>).data;
      const touched = new Set(itemIds);
      if (!list.items.some((item) => touched.has(item.id))) return list;
      return {
        ...list,
        items: list.items.map((item) =>
          touched.has(item.id)
            ? { ...item, labelIds: item.labelIds.filter((id) => id !== labelId) }
            : item,
        ),
      };
    }
    case 'sprint.items_added':
      return removeItems(
        list,
        (event as EventEnvelope<'sprint.items_added'>).data.items.map((i) => i.itemId),
      );
    // Items come back from a sprint without their snapshot: read the list again.
    case 'sprint.items_removed':
    case 'sprint.completed':
      return 'refetch';
    case 'board.item_moved': {
      const { itemId } = (event as EventEnvelope<'board.item_moved'>).data;
      return list.items.some((item) => item.id === itemId) ? 'refetch' : list;
    }
  }
  return list;
}

/** Event types that touch the backlog list (registered once in team-reducers). */
export const BACKLOG_EVENT_TYPES = [
  'backlog_item.created',
  'backlog_item.updated',
  'backlog_item.ranked',
  'backlog_item.rebalanced',
  'backlog_item.archived',
  'label.deleted',
  'sprint.items_added',
  'sprint.items_removed',
  'sprint.completed',
  'board.item_moved',
] as const;
