import type { QueryClient } from '@tanstack/react-query';
import { backlogKeys } from '../api/backlog';
import type { Planning, Sprint } from '../api/sprints';
import { sprintKeys } from '../api/sprints';
import type { BacklogItem, BacklogList } from './backlog-reducer';
import type { EventEnvelope, EventType } from './events';
import { registerLiveReducers, type LiveReducer } from './registry';
import {
  applyCapacity,
  applySprintSnapshot,
  reduceSprintItems,
  SPRINT_ITEM_EVENT_TYPES,
} from './sprint-reducer';

/** The item lists of the sprints this client holds (usually one: the sprint on screen). */
function cachedSprintLists(queryClient: QueryClient, teamId: string) {
  return queryClient
    .getQueriesData<BacklogList>({ queryKey: ['team', teamId, 'sprint'] })
    .filter(([key, data]) => key[4] === 'items' && data !== undefined)
    .map(([key, data]) => ({ key, sprintId: String(key[3]), list: data as BacklogList }));
}

function lookupItem(queryClient: QueryClient, teamId: string) {
  return (itemId: string): BacklogItem | undefined =>
    queryClient
      .getQueryData<BacklogList>(backlogKeys.list(teamId))
      ?.items.find((item) => item.id === itemId) ??
    queryClient.getQueryData<BacklogItem>(backlogKeys.item(teamId, itemId));
}

/**
 * Registered per type, so it runs before the backlog's listener: for `sprint.items_added` the
 * items are still in the cached backlog, which is where their snapshot is read from.
 */
function sprintItemsReducer(event: EventEnvelope, queryClient: QueryClient): void {
  // A first read still under way may have been answered before this event committed: drop it
  // and read again (a refetch alone would join the read under way, not start a new one).
  for (const query of queryClient.getQueryCache().findAll({
    queryKey: ['team', event.teamId, 'sprint'],
  }))
    if (
      query.queryKey[4] === 'items' &&
      query.state.data === undefined &&
      query.state.fetchStatus === 'fetching'
    ) {
      const filters = { queryKey: query.queryKey, exact: true };
      void queryClient.cancelQueries(filters).then(() => queryClient.invalidateQueries(filters));
    }
  const lookup = lookupItem(queryClient, event.teamId);
  // Sprints whose scope or estimates this event changed: their planning is read again.
  const touched = new Set<string>();
  for (const { key, sprintId, list } of cachedSprintLists(queryClient, event.teamId)) {
    const next = reduceSprintItems(list, sprintId, event, lookup);
    if (next === 'refetch') void queryClient.invalidateQueries({ queryKey: key });
    else if (next !== list) queryClient.setQueryData(key, next);
    if (next !== list && event.type !== 'backlog_item.ranked') touched.add(sprintId);
  }
  if (event.type === 'sprint.items_added' || event.type === 'sprint.items_removed')
    touched.add((event as EventEnvelope<'sprint.items_added'>).data.sprintId);
  if (event.type === 'backlog_item.updated') {
    const { sprintId } = (event as EventEnvelope<'backlog_item.updated'>).data.item;
    if (sprintId) touched.add(sprintId);
  }
  for (const sprintId of touched)
    void queryClient.invalidateQueries({ queryKey: sprintKeys.planning(event.teamId, sprintId) });
}

const itemReducers = Object.fromEntries(
  SPRINT_ITEM_EVENT_TYPES.map((type) => [type, sprintItemsReducer]),
) as { [T in EventType]?: LiveReducer<T> };
registerLiveReducers(itemReducers);

/** Events that carry the sprint's new state: the list is patched, not read again. */
function sprintSnapshot(
  event: EventEnvelope<'sprint.created' | 'sprint.updated' | 'sprint.started' | 'sprint.completed'>,
  queryClient: QueryClient,
): void {
  const sprint: Sprint = event.data.sprint;
  queryClient.setQueryData<Sprint[]>(sprintKeys.list(event.teamId), (sprints) =>
    sprints ? applySprintSnapshot(sprints, sprint) : sprints,
  );
  queryClient.setQueryData<Planning>(sprintKeys.planning(event.teamId, sprint.id), (planning) =>
    planning && planning.sprint.version < sprint.version ? { ...planning, sprint } : planning,
  );
  // Dates change the working days; a completion freezes the report and moves the history.
  if (event.type !== 'sprint.created')
    void queryClient.invalidateQueries({
      queryKey: ['team', event.teamId, 'sprint'],
      predicate: (query) => query.queryKey[4] === 'planning' || query.queryKey[4] === 'report',
    });
}

registerLiveReducers({
  'sprint.created': sprintSnapshot,
  'sprint.updated': sprintSnapshot,
  'sprint.started': sprintSnapshot,
  'sprint.completed': sprintSnapshot,
  'capacity.updated': (event, queryClient) => {
    const key = sprintKeys.planning(event.teamId, event.data.sprintId);
    queryClient.setQueryData<Planning>(key, (planning) =>
      planning ? applyCapacity(planning, event.data) : planning,
    );
    // The calendar's absences are the server's to compute: read them again.
    void queryClient.invalidateQueries({ queryKey: key });
  },
});
