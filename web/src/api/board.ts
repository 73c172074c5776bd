import { useQuery } from '@tanstack/react-query';
import type { Board, Workflow } from '../live/board-reducer';
import { api } from './client';
import { unwrap } from './problem';

export type { Board, BoardColumn, Card, Workflow, WorkflowStatus } from '../live/board-reducer';
export type Category = Workflow['statuses'][number]['category'];
export const CATEGORIES: readonly Category[] = ['todo', 'in_progress', 'done'];

/** Under ['team', id] like every team query, so a 410 or a resubscribe refetches them too. */
export const boardKeys = {
  /** The board the server shows by default: the active sprint's (Scrum), every item (Kanban). */
  board: (teamId: string) => ['team', teamId, 'board'] as const,
  workflow: (teamId: string) => ['team', teamId, 'workflow'] as const,
};

export function useBoard(teamId: string) {
  return useQuery({
    queryKey: boardKeys.board(teamId),
    queryFn: async (): Promise<Board> =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/board', { params: { path: { teamId } } })),
  });
}

export function useWorkflow(teamId: string) {
  return useQuery({
    queryKey: boardKeys.workflow(teamId),
    queryFn: async (): Promise<Workflow> =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/workflow', { params: { path: { teamId } } })),
  });
}
