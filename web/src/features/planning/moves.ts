import type { BacklogItem } from '../../api/backlog';
import type { SprintAnchor } from '../../api/sprints-mutations';
import { upsertItems } from '../../live/backlog-reducer';
import { previewOrder } from '../backlog/order';

export type Side = 'backlog' | 'sprint';

/** One item on its way from one list to a place in the other (or in the same one). */
export interface PlanMove {
  id: string;
  from: Side;
  to: Side;
  /** Index among the sprint's other items (the backlog's place is the item's own rank). */
  index: number;
}

/** What the server is asked for a move; undefined when nothing changes. */
export type PlanRequest =
  { kind: 'add'; ids: string[]; anchor: SprintAnchor } | { kind: 'remove'; ids: string[] };

/** The sprint's anchor for a block dropped at `index` of the sprint's other items. */
export function sprintAnchor(
  sprint: readonly { id: string }[],
  id: string,
  index: number,
): SprintAnchor {
  const rest = sprint.filter((item) => item.id !== id);
  if (rest.length === 0) return {};
  if (index <= 0) return { before: rest[0].id };
  return { after: rest[Math.min(index, rest.length) - 1].id };
}

/** Where an item sits among the other items of its list (0 = first). */
export function indexIn(list: readonly { id: string }[], id: string): number {
  return Math.max(
    0,
    list.findIndex((item) => item.id === id),
  );
}

export function requestFor(
  move: PlanMove,
  sprint: readonly BacklogItem[],
): PlanRequest | undefined {
  if (move.to === 'backlog')
    return move.from === 'sprint' ? { kind: 'remove', ids: [move.id] } : undefined;
  if (move.from === 'sprint' && indexIn(sprint, move.id) === move.index) return undefined;
  return { kind: 'add', ids: [move.id], anchor: sprintAnchor(sprint, move.id, move.index) };
}

/** Both lists as they look while a keyboard move is under way (the item shown where it goes). */
export function previewLists(
  backlog: readonly BacklogItem[],
  sprint: readonly BacklogItem[],
  move: PlanMove | null,
): { backlog: readonly BacklogItem[]; sprint: readonly BacklogItem[] } {
  if (!move) return { backlog, sprint };
  const item = [...backlog, ...sprint].find((i) => i.id === move.id);
  if (!item) return { backlog, sprint };
  const withoutB = backlog.filter((i) => i.id !== move.id);
  const withoutS = sprint.filter((i) => i.id !== move.id);
  if (move.to === 'backlog')
    return {
      backlog: upsertItems({ items: withoutB, complete: true }, [item]).items,
      sprint: withoutS,
    };
  return { backlog: withoutB, sprint: previewOrder([...withoutS, item], [item.id], move.index) };
}

/** The furthest index a move may reach in its target list. */
export function lastIndex(sprint: readonly { id: string }[], move: PlanMove): number {
  if (move.to === 'backlog') return 0;
  return sprint.filter((item) => item.id !== move.id).length;
}
