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
