import type { QueryClient } from '@tanstack/react-query';
import { boardKeys } from '../api/board';
import {
  BOARD_EVENT_TYPES,
  reduceBoard,
  reduceWorkflow,
  type Board,
  type Workflow,
} from './board-reducer';
import type { EventEnvelope } from './events';
import { onAnyTeamEvent } from './registry';

// The board and the workflow are patched from the events; what an event cannot say (where the
// cards of a deleted column went, a sprint's new items) reads the board again.
function boardReducer(event: EventEnvelope, queryClient: QueryClient): void {
  const key = boardKeys.board(event.teamId);
  const board = queryClient.getQueryData<Board>(key);
  if (board) {
    const next = reduceBoard(board, event);
    if (next === 'refetch') void queryClient.invalidateQueries({ queryKey: key });
    else if (next !== board) queryClient.setQueryData(key, next);
  }
  if (event.type.startsWith('workflow.')) {
    const wkey = boardKeys.workflow(event.teamId);
    const workflow = queryClient.getQueryData<Workflow>(wkey);
    if (workflow) {
      const next = reduceWorkflow(workflow, event);
      if (next !== workflow) queryClient.setQueryData(wkey, next);
    }
  }
}

const TYPES: ReadonlySet<string> = new Set(BOARD_EVENT_TYPES);
onAnyTeamEvent((event, queryClient) => {
  if (TYPES.has(event.type)) boardReducer(event, queryClient);
});
