import type { BacklogItem } from '../../api/backlog';
import type { CarryOverTo, Sprint } from '../../api/sprints';
import { commitment } from '../../live/sprint-reducer';

export type Destination = 'top' | 'bottom' | 'next' | 'new';

export interface CloseChoice {
  destination: Destination;
  nextSprintId: string;
  newName: string;
}

/** What closing would do, before it is asked: the screen shows this for confirmation. */
export function closePreview(items: readonly BacklogItem[]) {
  const done = items.filter((i) => i.status === 'done');
  const unfinished = items.filter((i) => i.status !== 'done');
  return { done: commitment(done), unfinished, carried: commitment(unfinished) };
}

/** The sprints unfinished items may go to: planned ones other than the one closing. */
export function nextSprints(sprints: readonly Sprint[], closing: string): Sprint[] {
  return sprints.filter((s) => s.state === 'planned' && s.id !== closing);
}

/** The server's carry-over for a choice; a new sprint is created first and passed as next. */
export function carryOverOf(choice: CloseChoice): CarryOverTo {
  return choice.destination === 'top' || choice.destination === 'bottom'
    ? choice.destination
    : 'sprint';
}

/** "Sprint 4" after "Sprint 3": the next number the team has not used. */
export function nextSprintName(sprints: readonly Sprint[], word: string): string {
  const taken = new Set(sprints.map((s) => s.name));
  let n = sprints.length + 1;
  while (taken.has(`${word} ${n}`)) n += 1;
  return `${word} ${n}`;
}

/** Per item, a destination other than the one chosen for all (none: it follows the rest). */
export type Overrides = Readonly<Record<string, Destination>>;

export const DESTINATIONS: readonly Destination[] = ['top', 'bottom', 'next', 'new'];

export function destinationOf(choice: CloseChoice, overrides: Overrides, itemId: string) {
  return overrides[itemId] ?? choice.destination;
}

export interface ClosePlan {
  /** Where the completion itself carries the unfinished items (the frozen report's carry-over). */
  main: Destination;
  /** Items that go elsewhere, moved just after the completion, by destination. */
  followUps: { to: Destination; ids: string[] }[];
  /** Every destination with its items, for the review. */
  groups: { to: Destination; items: BacklogItem[] }[];
  needsNew: boolean;
  needsNext: boolean;
}

/**
 * The server carries all unfinished items to one place; the person may send some elsewhere.
 * The completion takes them where most go (fewest moves after), then the others are moved:
 * out of that sprint if it was one, then up or down the backlog or into their sprint.
 */
export function closePlan(
  unfinished: readonly BacklogItem[],
  choice: CloseChoice,
  overrides: Overrides,
): ClosePlan {
  const groups = DESTINATIONS.map((to) => ({
    to,
    items: unfinished.filter((i) => destinationOf(choice, overrides, i.id) === to),
  })).filter((g) => g.items.length > 0);
  // Ties go to the destination chosen for all.
  const main =
    groups.reduce<(typeof groups)[number] | undefined>(
      (best, g) =>
        !best ||
        g.items.length > best.items.length ||
        (g.items.length === best.items.length && g.to === choice.destination)
          ? g
          : best,
      undefined,
    )?.to ?? choice.destination;
  return {
    main,
    followUps: groups
      .filter((g) => g.to !== main)
      .map((g) => ({ to: g.to, ids: g.items.map((i) => i.id) })),
    groups,
    needsNew: groups.some((g) => g.to === 'new'),
    needsNext: groups.some((g) => g.to === 'next'),
  };
}
