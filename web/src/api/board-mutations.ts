import { useQueryClient } from '@tanstack/react-query';
import { generateKeyBetween } from 'fractional-indexing';
import { useCallback, useMemo } from 'react';
import {
  findCard,
  placeCard,
  type Board,
  type Card,
  type Workflow,
  type WorkflowStatus,
} from '../live/board-reducer';
import { boardKeys, type Category } from './board';
import { api } from './client';
import { isProblem, unwrap } from './problem';

export interface CardMove {
  itemId: string;
  statusId: string;
  before?: string;
  after?: string;
}

export type MoveOutcome = { ok: true; wipExceeded: boolean } | { ok: false; error: unknown };

/** A key between the card's new neighbours in the column: shown until the server's arrives. */
function provisionalRank(board: Board, move: CardMove): string | undefined {
  const column = board.columns.find((c) => c.statusId === move.statusId);
  if (!column) return undefined;
  const rest = column.items.filter((c) => c.id !== move.itemId);
  let lower: string | null = rest[rest.length - 1]?.rank ?? null;
  let upper: string | null = null;
  const anchor = move.before ?? move.after;
  if (anchor) {
    const at = rest.findIndex((c) => c.id === anchor);
    if (at < 0) return undefined;
    lower = move.before ? (rest[at - 1]?.rank ?? null) : rest[at].rank;
    upper = move.before ? rest[at].rank : (rest[at + 1]?.rank ?? null);
  }
  try {
    return generateKeyBetween(lower, upper);
  } catch {
    return undefined;
  }
}

/** Moves on the board: shown at once, one request, back to the server's board on refusal. */
export function useBoardActions(teamId: string) {
  const queryClient = useQueryClient();
  const key = useMemo(() => boardKeys.board(teamId), [teamId]);

  const move = useCallback(
    async (m: CardMove): Promise<MoveOutcome> => {
      const board = queryClient.getQueryData<Board>(key);
      const before = board ? findCard(board, m.itemId) : null;
      const rank = board ? provisionalRank(board, m) : undefined;
      let shown: Card | undefined;
      if (before && rank) {
        shown = { ...before.card, rank };
        const card = shown;
        queryClient.setQueryData<Board>(key, (b) => (b ? placeCard(b, card, m.statusId) : b));
      }
      try {
        const result = unwrap(
          await api.POST('/api/v1/teams/{teamId}/board/moves', {
            params: { path: { teamId } },
            body: m,
          }),
        );
        queryClient.setQueryData<Board>(key, (b) => {
          if (!b) return b;
          const now = findCard(b, m.itemId);
          // An event of a later move may already have placed it elsewhere.
          if (now && now.card.version > result.item.version) return b;
          return placeCard(b, result.item, result.statusId);
        });
        return { ok: true, wipExceeded: result.wipExceeded };
      } catch (error) {
        queryClient.setQueryData<Board>(key, (b) => {
          if (!b || !before) return b;
          const now = findCard(b, m.itemId);
          // Still as this screen left it: put it back where it was.
          if (now && shown && now.card.rank === shown.rank && now.card.version === shown.version)
            return placeCard(b, before.card, before.statusId);
          return b;
        });
        // Someone else's move may be why: read the server's board.
        if (!isProblem(error, 409) || error.code !== 'wip-limit-reached')
          void queryClient.invalidateQueries({ queryKey: key });
        return { ok: false, error };
      }
    },
    [queryClient, key, teamId],
  );

  return useMemo(() => ({ move }), [move]);
}

export interface StatusPatch {
  name?: string;
  category?: Category;
  position?: number;
  wipLimit?: number | null;
}

/** The workflow editor's changes. Each answer is put in the cache; events do the rest. */
export function useWorkflowActions(teamId: string) {
  const queryClient = useQueryClient();
  const key = useMemo(() => boardKeys.workflow(teamId), [teamId]);

  const put = useCallback(
    (status: WorkflowStatus) =>
      queryClient.setQueryData<Workflow>(key, (w) => {
        if (!w) return w;
        const cached = w.statuses.find((s) => s.id === status.id);
        if (cached && cached.version >= status.version) return w;
        const statuses = cached
          ? w.statuses.map((s) => (s.id === status.id ? status : s))
          : [...w.statuses, status];
        return { ...w, statuses: statuses.sort((a, b) => a.position - b.position) };
      }),
    [queryClient, key],
  );

  /** A refused change: a stale version (412) means someone else changed it; read it again. */
  const refused = useCallback(
    (error: unknown) => {
      if (isProblem(error, 412) || isProblem(error, 404))
        void queryClient.invalidateQueries({ queryKey: key });
      throw error;
    },
    [queryClient, key],
  );

  const create = useCallback(
    async (body: { name: string; category: Category; wipLimit: number | null }) => {
      try {
        const status = unwrap(
          await api.POST('/api/v1/teams/{teamId}/workflow/statuses', {
            params: { path: { teamId } },
            body,
          }),
        );
        put(status);
        return status;
      } catch (error) {
        return refused(error);
      }
    },
    [teamId, put, refused],
  );

  const update = useCallback(
    async (status: WorkflowStatus, body: StatusPatch) => {
      try {
        const next = unwrap(
          await api.PATCH('/api/v1/teams/{teamId}/workflow/statuses/{statusId}', {
            params: {
              path: { teamId, statusId: status.id },
              header: { 'If-Match': `"${status.version}"` },
            },
            body,
          }),
        );
        put(next);
        return next;
      } catch (error) {
        return refused(error);
      }
    },
    [teamId, put, refused],
  );

  const remove = useCallback(
    async (status: WorkflowStatus, moveItemsTo?: string) => {
      try {
        unwrap(
          await api.DELETE('/api/v1/teams/{teamId}/workflow/statuses/{statusId}', {
            params: {
              path: { teamId, statusId: status.id },
              header: { 'If-Match': `"${status.version}"` },
              query: moveItemsTo ? { moveItemsTo } : {},
            },
          }),
        );
        queryClient.setQueryData<Workflow>(key, (w) =>
          w ? { ...w, statuses: w.statuses.filter((s) => s.id !== status.id) } : w,
        );
      } catch (error) {
        refused(error);
      }
    },
    [teamId, queryClient, key, refused],
  );

  const setMode = useCallback(
    async (wipMode: Workflow['wipMode']) => {
      try {
        const workflow = unwrap(
          await api.PUT('/api/v1/teams/{teamId}/workflow', {
            params: { path: { teamId } },
            body: { wipMode },
          }),
        );
        queryClient.setQueryData<Workflow>(key, workflow);
      } catch (error) {
        refused(error);
      }
    },
    [teamId, queryClient, key, refused],
  );

  return useMemo(() => ({ create, update, remove, setMode }), [create, update, remove, setMode]);
}
