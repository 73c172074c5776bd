import type { QueryClient } from '@tanstack/react-query';
import type { EventEnvelope, EventType } from './events';

/**
 * What an event does to the query cache. Patch the cached data when the event carries the new
 * state; otherwise invalidate the queries it makes stale.
 */
export type LiveReducer<T extends EventType = EventType> = (
  event: EventEnvelope<T>,
  queryClient: QueryClient,
) => void;

type AnyReducer = (event: EventEnvelope, queryClient: QueryClient) => void;

const reducers = new Map<string, Set<AnyReducer>>();
/** Run after every event of a team, whatever its type (e.g. the activity feed). */
const teamListeners = new Set<AnyReducer>();

/** Features declare their reducers at import; returns an undo for tests. */
export function registerLiveReducers(map: { [T in EventType]?: LiveReducer<T> }): () => void {
  const added: [string, AnyReducer][] = [];
  for (const [type, reducer] of Object.entries(map)) {
    if (!reducer) continue;
    const set = reducers.get(type) ?? new Set();
    set.add(reducer as AnyReducer);
    reducers.set(type, set);
    added.push([type, reducer as AnyReducer]);
  }
  return () => {
    for (const [type, reducer] of added) reducers.get(type)?.delete(reducer);
  };
}

export function onAnyTeamEvent(reducer: AnyReducer): () => void {
  teamListeners.add(reducer);
  return () => teamListeners.delete(reducer);
}

export function applyEvent(event: EventEnvelope, queryClient: QueryClient): void {
  for (const reducer of reducers.get(event.type) ?? []) reducer(event, queryClient);
  for (const listener of teamListeners) listener(event, queryClient);
}

/** A reducer that only invalidates: the event says something changed, not what it is now. */
export function invalidate(...keys: ((event: EventEnvelope) => readonly unknown[])[]): AnyReducer {
  return (event, queryClient) => {
    for (const key of keys) void queryClient.invalidateQueries({ queryKey: key(event) });
  };
}
