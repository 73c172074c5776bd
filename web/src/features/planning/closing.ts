import type { BacklogItem } from '../../api/backlog';
import type { CarryOverTo, CompleteSprint, Sprint } from '../../api/sprints';
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
  return carryOf(choice.destination);
}

function carryOf(d: Destination): CarryOverTo {
  return d === 'top' || d === 'bottom' ? d : 'sprint';
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
  /** The completion's default destination: where most unfinished items go. */
  main: Destination;
  /** Items that go elsewhere, each named in the same completion request. */
  others: { itemId: string; to: Destination }[];
  /** Every destination with its items, for the review. */
  groups: { to: Destination; items: BacklogItem[] }[];
  needsNew: boolean;
  needsNext: boolean;
}

/**
 * Where each unfinished item goes, as one completion: the default is where most go (the
 * shortest request), the others are listed item by item; the server does it all in one
 * transaction, so the sprint never closes with some items still to move.
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
    others: groups
      .filter((g) => g.to !== main)
      .flatMap((g) => g.items.map((i) => ({ itemId: i.id, to: g.to }))),
    groups,
    needsNew: groups.some((g) => g.to === 'new'),
    needsNext: groups.some((g) => g.to === 'next'),
  };
}

/**
 * The body of the one completion request. `sprintOf` names the sprint of 'next' and 'new'
 * (the latter created just before); with nothing unfinished the default does not matter.
 */
export function completeBody(
  plan: ClosePlan,
  sprintOf: (d: Destination) => string | undefined,
): CompleteSprint {
  const main = plan.groups.length === 0 ? 'bottom' : plan.main;
  const nextSprintId = sprintOf(main);
  return {
    carryOverTo: carryOf(main),
    ...(nextSprintId ? { nextSprintId } : {}),
    ...(plan.others.length > 0
      ? {
          items: plan.others.map(({ itemId, to }) => {
            const sprintId = sprintOf(to);
            return {
              itemId,
              to: carryOf(to),
              ...(sprintId ? { sprintId } : {}),
            };
          }),
        }
      : {}),
  };
}
