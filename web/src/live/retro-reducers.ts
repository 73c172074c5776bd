import type { QueryClient } from '@tanstack/react-query';
import { retroKeys } from '../api/retro';
import type { EventEnvelope } from './events';
import { registerLiveReducers } from './registry';

/**
 * Retrospectives in the cache. Each event carries only what every member may see (docs/
 * retrospectives.md), and a person's own hidden cards and votes come from REST: so an event
 * reads the retrospective again rather than patching it.
 */
function refetch(event: EventEnvelope, queryClient: QueryClient): void {
  const { retrospectiveId } = event.data as { retrospectiveId: string };
  void queryClient.invalidateQueries({ queryKey: retroKeys.view(event.teamId, retrospectiveId) });
}

function refetchWithList(event: EventEnvelope, queryClient: QueryClient): void {
  const { retrospective } = event.data as { retrospective: { id: string } };
  void queryClient.invalidateQueries({ queryKey: retroKeys.list(event.teamId) });
  void queryClient.invalidateQueries({ queryKey: retroKeys.view(event.teamId, retrospective.id) });
}

registerLiveReducers({
  'retro.created': refetchWithList,
  'retro.updated': refetchWithList,
  'retro.phase_changed': (event, queryClient) => {
    refetch(event, queryClient);
    void queryClient.invalidateQueries({ queryKey: retroKeys.list(event.teamId) });
  },
  'retro.timer_set': refetch,
  'retro.card_added': refetch,
  'retro.card_updated': refetch,
  'retro.card_deleted': refetch,
  'retro.card_moved': refetch,
  'retro.group_created': refetch,
  'retro.group_updated': refetch,
  'retro.group_deleted': refetch,
  'retro.votes_changed': refetch,
  'retro.note_added': refetch,
  'retro.action_item_created': refetch,
  'retro.action_item_updated': refetch,
  'retro.action_item_linked': refetch,
  'retro.template_created': (event, queryClient) =>
    void queryClient.invalidateQueries({ queryKey: retroKeys.templates(event.teamId) }),
});
