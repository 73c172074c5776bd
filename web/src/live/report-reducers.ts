import { reportKeys } from '../api/reports';
import type { EventType } from './events';
import { invalidate, registerLiveReducers, type LiveReducer } from './registry';

/**
 * The reports are the server's sums over the history: an event that moves, adds, removes or
 * re-estimates work, or starts or closes a sprint, makes them stale; they are read again
 * (only the ones on screen are fetched, the rest when next shown).
 */
const STALE: EventType[] = [
  'board.item_moved',
  'backlog_item.created',
  'backlog_item.updated',
  'backlog_item.archived',
  'sprint.items_added',
  'sprint.items_removed',
  'sprint.updated',
  'sprint.started',
  'sprint.completed',
];

const refresh = invalidate((event) => reportKeys.all(event.teamId));

const reducers: { [T in EventType]?: LiveReducer<T> } = Object.fromEntries(
  STALE.map((type) => [type, refresh]),
);
registerLiveReducers(reducers);
