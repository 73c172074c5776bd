import type { QueryClient } from '@tanstack/react-query';
import { backlogKeys, noteEventWhileLoading, type Label } from '../api/backlog';
import { meKeys, teamKeys } from '../api/keys';
import { putLabel } from '../api/labels';
import type { Team } from '../api/teams';
import {
  BACKLOG_EVENT_TYPES,
  reduceBacklog,
  type BacklogItem,
  type BacklogList,
} from './backlog-reducer';
import type { EventEnvelope } from './events';
import { invalidate, onAnyTeamEvent, registerLiveReducers } from './registry';
import './board-live';

// The team itself: team.updated carries the new state (patched); membership changes do not
// carry the member list (invalidated).
registerLiveReducers({
  'team.updated': (event, queryClient) => {
    queryClient.setQueryData<Team>(teamKeys.detail(event.teamId), (team) =>
      team && team.version < event.data.team.version
        ? { ...team, ...event.data.team, eventSeq: event.seq }
        : team,
    );
    void queryClient.invalidateQueries({ queryKey: meKeys.teams });
  },
  'team.member_added': invalidate((e) => teamKeys.members(e.teamId)),
  'team.member_role_changed': (event, queryClient) => {
    void queryClient.invalidateQueries({ queryKey: teamKeys.members(event.teamId) });
    // My own role shapes the screen.
    void queryClient.invalidateQueries({ queryKey: teamKeys.detail(event.teamId) });
  },
  'team.member_removed': invalidate(
    (e) => teamKeys.members(e.teamId),
    (e) => teamKeys.detail(e.teamId),
  ),
  'team.invitation_created': invalidate((e) => teamKeys.invitations(e.teamId)),
  'team.invitation_revoked': invalidate((e) => teamKeys.invitations(e.teamId)),
  'team.invitation_resent': invalidate((e) => teamKeys.invitations(e.teamId)),
});

// The backlog: items are patched in the one cached list from the events' snapshots and rank
// keys; what an event cannot say (items back from a sprint) refetches the list.
function backlogReducer(event: EventEnvelope, queryClient: QueryClient): void {
  noteEventWhileLoading(event);
  const key = backlogKeys.list(event.teamId);
  const list = queryClient.getQueryData<BacklogList>(key);
  if (list) {
    const next = reduceBacklog(list, event);
    if (next === 'refetch') void queryClient.invalidateQueries({ queryKey: key });
    else if (next !== list) queryClient.setQueryData(key, next);
  }
  if (event.type === 'backlog_item.created' || event.type === 'backlog_item.updated') {
    const { item } = (event as EventEnvelope<'backlog_item.updated'>).data;
    queryClient.setQueryData<BacklogItem>(backlogKeys.item(event.teamId, item.id), (cached) =>
      cached && cached.version < item.version ? item : cached,
    );
    void queryClient.invalidateQueries({ queryKey: backlogKeys.history(event.teamId, item.id) });
    // A search result may now include or leave out this item.
    void queryClient.invalidateQueries({
      queryKey: teamKeys.backlog(event.teamId),
      predicate: (query) => {
        const filters = query.queryKey[3];
        return typeof filters === 'object' && filters !== null && 'q' in filters;
      },
    });
  }
  if (event.type.startsWith('sprint.'))
    void queryClient.invalidateQueries({ queryKey: backlogKeys.sprints(event.teamId) });
}

const BACKLOG_TYPES: ReadonlySet<string> = new Set(BACKLOG_EVENT_TYPES);
onAnyTeamEvent((event, queryClient) => {
  if (BACKLOG_TYPES.has(event.type)) backlogReducer(event, queryClient);
});

registerLiveReducers({
  'label.created': (event, queryClient) =>
    queryClient.setQueryData<Label[]>(teamKeys.labels(event.teamId), (labels) =>
      putLabel(labels, event.data.label as unknown as Label),
    ),
  'label.updated': (event, queryClient) =>
    queryClient.setQueryData<Label[]>(teamKeys.labels(event.teamId), (labels) =>
      putLabel(labels, event.data.label as unknown as Label),
    ),
  'label.deleted': (event, queryClient) =>
    queryClient.setQueryData<Label[]>(teamKeys.labels(event.teamId), (labels) =>
      labels?.filter((label) => label.id !== event.data.labelId),
    ),
  'sprint.created': invalidate((e) => backlogKeys.sprints(e.teamId)),
  'sprint.updated': invalidate((e) => backlogKeys.sprints(e.teamId)),
  'sprint.started': invalidate((e) => backlogKeys.sprints(e.teamId)),
});
