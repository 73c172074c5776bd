import type { MoveTarget } from '../../api/backlog-mutations';

interface Ranked {
  id: string;
}

/** The shown list without the moving items, with them as one block at `index` of the rest. */
export function previewOrder<T extends Ranked>(
  items: readonly T[],
  moving: readonly string[],
  index: number,
): T[] {
  const set = new Set(moving);
  const block = items.filter((item) => set.has(item.id));
  const rest = items.filter((item) => !set.has(item.id));
  const at = Math.max(0, Math.min(index, rest.length));
  return [...rest.slice(0, at), ...block, ...rest.slice(at)];
}

/** Where the block starts among the rest of the list (0 = top). */
export function restIndex<T extends Ranked>(
  items: readonly T[],
  moving: readonly string[],
): number {
  const set = new Set(moving);
  const first = items.findIndex((item) => set.has(item.id));
  if (first < 0) return 0;
  return items.slice(0, first).filter((item) => !set.has(item.id)).length;
}

/**
 * What to tell the server for a block dropped at `index` of the rest of the shown list: after
 * the item shown above it, or before the first one. A filtered view anchors to its own
 * neighbours, so the block lands where the person saw it land.
 */
export function anchorFor<T extends Ranked>(
  items: readonly T[],
  moving: readonly string[],
  index: number,
): MoveTarget {
  const set = new Set(moving);
  const rest = items.filter((item) => !set.has(item.id));
  if (rest.length === 0) return { position: 'top' };
  if (index <= 0) return { before: rest[0].id };
  return { after: rest[Math.min(index, rest.length) - 1].id };
}

/** The moving ids in list order (a multi-selection moves in the order it is shown). */
export function inListOrder<T extends Ranked>(
  items: readonly T[],
  ids: Iterable<string>,
): string[] {
  const set = new Set(ids);
  return items.filter((item) => set.has(item.id)).map((item) => item.id);
}
