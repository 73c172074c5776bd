import type { components } from '../api/schema';
import {
  reduceBacklog,
  removeItems,
  setRanks,
  upsertItems,
  type BacklogItem,
  type BacklogList,
  type BacklogOutcome,
} from './backlog-reducer';
import type { EventEnvelope } from './events';

type Sprint = components['schemas']['SprintDto'];
type Planning = components['schemas']['PlanningDto'];
type Forecast = components['schemas']['ForecastDto'];

/** A sprint as the events carry it: replaces the cached one when newer, else joins the list. */
export function applySprintSnapshot(sprints: Sprint[], sprint: Sprint): Sprint[] {
  const at = sprints.findIndex((s) => s.id === sprint.id);
  if (at < 0) return [...sprints, sprint];
  if (sprints[at].version >= sprint.version) return sprints;
  const next = [...sprints];
  next[at] = sprint;
  return next;
}

/** A newer snapshot of an item: kept while it is in this sprint, dropped when it left it. */
function applyItem(list: BacklogList, sprintId: string, item: BacklogItem): BacklogList {
  const cached = list.items.find((i) => i.id === item.id);
  if (cached && cached.version >= item.version) return list;
  if (item.sprintId !== sprintId || item.archivedAt !== null)
    return cached ? removeItems(list, [item.id]) : list;
  return upsertItems(list, [item]);
}

/**
 * One sprint's item list through the team's events, in seq order. `lookup` finds an item the
 * client already holds (the backlog list, an opened item): `sprint.items_added` says which
 * items joined but not what they are, so one the client does not know refetches the list.
 * Every branch is idempotent, like the backlog's.
 */
export function reduceSprintItems(
  list: BacklogList,
  sprintId: string,
  event: EventEnvelope,
  lookup: (itemId: string) => BacklogItem | undefined,
): BacklogOutcome {
  // Only the types that touch a sprint's items; every other event leaves the list alone.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (event.type) {
    case 'backlog_item.created':
    case 'backlog_item.updated':
      return applyItem(list, sprintId, (event as EventEnvelope<'backlog_item.updated'>).data.item);
    case 'backlog_item.ranked':
    case 'backlog_item.rebalanced':
    case 'backlog_item.archived':
    case 'label.deleted':
      // Same meaning on any list of items: new keys, a removal, a label gone.
      return reduceBacklog(list, event);
    case 'sprint.items_added': {
      const data = (event as EventEnvelope<'sprint.items_added'>).data;
      if (data.sprintId !== sprintId) return list;
      const ranks = new Map(data.ranks.map((r) => [r.itemId, r.rank]));
      const joining: BacklogItem[] = [];
      for (const { itemId } of data.items) {
        if (list.items.some((i) => i.id === itemId)) continue;
        const known = lookup(itemId);
        if (!known) return 'refetch';
        joining.push({ ...known, sprintId, rank: ranks.get(itemId) ?? known.rank });
      }
      return setRanks(upsertItems(list, joining), data.ranks);
    }
    case 'sprint.items_removed': {
      const data = (event as EventEnvelope<'sprint.items_removed'>).data;
      return data.sprintId === sprintId
        ? removeItems(
            list,
            data.items.map((i) => i.itemId),
          )
        : list;
    }
    case 'sprint.completed': {
      const data = (event as EventEnvelope<'sprint.completed'>).data;
      // Unfinished items left this sprint, or arrived in it (as the next one, or item by item).
      const arrived =
        data.nextSprintId === sprintId ||
        (data.destinations ?? []).some((d) => d.sprintId === sprintId);
      return data.sprint.id === sprintId || arrived ? 'refetch' : list;
    }
    case 'board.item_moved': {
      // A move changes the item's status and version, which the event does not carry whole.
      const { itemId } = (event as EventEnvelope<'board.item_moved'>).data;
      return list.items.some((i) => i.id === itemId) ? 'refetch' : list;
    }
  }
  return list;
}

/** Event types that touch a sprint's item list. */
export const SPRINT_ITEM_EVENT_TYPES = [
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

/** capacity.updated carries the members' figures and the total; absences stay the server's. */
export function applyCapacity(
  planning: Planning,
  data: EventEnvelope<'capacity.updated'>['data'],
): Planning {
  if (planning.sprint.id !== data.sprintId) return planning;
  return { ...planning, members: data.members, capacityDays: data.capacityDays };
}

/** Points of the items with an estimate, and how many have none. */
export function commitment(items: readonly BacklogItem[]): { points: number; unestimated: number } {
  let points = 0;
  let unestimated = 0;
  for (const item of items) {
    if (item.estimate === null) unestimated += 1;
    else points += item.estimate;
  }
  return { points: Math.round(points * 100) / 100, unestimated };
}

/**
 * The server's forecast with the points the screen shows now: the list moves at once, the
 * planning read follows; the rule is the server's (over when above the mean velocity).
 */
export function forecastFor(forecast: Forecast, plannedPoints: number): Forecast {
  return {
    ...forecast,
    plannedPoints,
    overcommitted: forecast.mean !== null && plannedPoints > forecast.mean,
  };
}

/** Where the gauge draws each mark, in percent of its width (the scale leaves headroom). */
export function gaugeScale(forecast: Forecast): {
  max: number;
  planned: number;
  mean: number | null;
  low: number | null;
  high: number | null;
} {
  const top = Math.max(forecast.plannedPoints, forecast.max ?? 0, forecast.mean ?? 0, 1) * 1.2;
  const pct = (v: number | null) => (v === null ? null : Math.round((v / top) * 1000) / 10);
  return {
    max: Math.round(top * 10) / 10,
    planned: pct(forecast.plannedPoints) ?? 0,
    mean: pct(forecast.mean),
    low: pct(forecast.min),
    high: pct(forecast.max),
  };
}
