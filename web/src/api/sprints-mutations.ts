import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { generateNKeysBetween } from 'fractional-indexing';
import { useMemo } from 'react';
import { applySnapshot, removeItems, upsertItems, type BacklogList } from '../live/backlog-reducer';
import { applySprintSnapshot } from '../live/sprint-reducer';
import { backlogKeys } from './backlog';
import { api } from './client';
import { isProblem, unwrap } from './problem';
import type { components } from './schema';
import {
  sprintKeys,
  type CompleteSprint,
  type MemberCapacity,
  type Planning,
  type Sprint,
} from './sprints';

export type SprintPatch = components['schemas']['UpdateSprintDto'];
/** Where items land among the sprint's: just before or after one of them, or by their rank. */
export type SprintAnchor = { before: string } | { after: string } | Record<string, never>;

export interface SprintFeedback {
  onProblem: (error: unknown) => void;
  /** A 412 on an edit: the sprint as it is now, and what the person wanted to change. */
  onConflict: (current: Sprint, patch: SprintPatch) => void;
}

/**
 * Provisional keys for items placed next to an anchor of the sprint list, until the event
 * brings the server's. Without an anchor items keep their own key (the server does too).
 */
export function provisionalSprintRanks(
  list: BacklogList,
  ids: string[],
  anchor: SprintAnchor,
): Map<string, string> {
  const moving = new Set(ids);
  const rest = list.items.filter((item) => !moving.has(item.id));
  const id = 'before' in anchor ? anchor.before : 'after' in anchor ? anchor.after : undefined;
  const at = id ? rest.findIndex((item) => item.id === id) : -1;
  if (at < 0) return new Map();
  const lower = 'before' in anchor ? (rest[at - 1]?.rank ?? null) : rest[at].rank;
  const upper = 'before' in anchor ? rest[at].rank : (rest[at + 1]?.rank ?? null);
  try {
    const keys = generateNKeysBetween(lower, upper, ids.length);
    return new Map(ids.map((itemId, i) => [itemId, keys[i]]));
  } catch {
    return new Map();
  }
}

function cacheOf(queryClient: QueryClient, teamId: string) {
  const backlog = backlogKeys.list(teamId);
  const sprints = sprintKeys.list(teamId);
  return {
    backlog: () => queryClient.getQueryData<BacklogList>(backlog),
    sprintItems: (sprintId: string) =>
      queryClient.getQueryData<BacklogList>(sprintKeys.items(teamId, sprintId)),
    updateBacklog: (fn: (list: BacklogList) => BacklogList) =>
      queryClient.setQueryData<BacklogList>(backlog, (list) => (list ? fn(list) : list)),
    updateSprintItems: (sprintId: string, fn: (list: BacklogList) => BacklogList) =>
      queryClient.setQueryData<BacklogList>(sprintKeys.items(teamId, sprintId), (list) =>
        list ? fn(list) : list,
      ),
    putSprint: (sprint: Sprint) =>
      queryClient.setQueryData<Sprint[]>(sprints, (list) =>
        list ? applySprintSnapshot(list, sprint) : list,
      ),
    putPlanning: (planning: Planning) =>
      queryClient.setQueryData(sprintKeys.planning(teamId, planning.sprint.id), planning),
    refreshSprint: (sprintId: string) =>
      queryClient.invalidateQueries({ queryKey: ['team', teamId, 'sprint', sprintId] }),
  };
}

/** Every change the planning and closing screens make; moves are optimistic and roll back. */
export function useSprintActions(teamId: string, feedback: SprintFeedback) {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const cache = cacheOf(queryClient, teamId);

    /** Pulls items into the sprint, or reorders the ones already in it. */
    const addItems = async (
      sprintId: string,
      ids: string[],
      anchor: SprintAnchor = {},
    ): Promise<boolean> => {
      const sprintList = cache.sprintItems(sprintId);
      const backlog = cache.backlog();
      const before = sprintList?.items.filter((i) => ids.includes(i.id)) ?? [];
      const fromBacklog = backlog?.items.filter((i) => ids.includes(i.id)) ?? [];
      const ranks = sprintList
        ? provisionalSprintRanks(sprintList, ids, anchor)
        : new Map<string, string>();
      const moving = [...before, ...fromBacklog].map((item) => ({
        ...item,
        sprintId,
        rank: ranks.get(item.id) ?? item.rank,
      }));
      cache.updateBacklog((l) => removeItems(l, ids));
      cache.updateSprintItems(sprintId, (l) => upsertItems(l, moving));
      try {
        unwrap(
          await api.POST('/api/v1/sprints/{sprintId}/items', {
            params: { path: { sprintId } },
            body: { ids, ...anchor },
          }),
        );
        return true;
      } catch (error) {
        cache.updateSprintItems(sprintId, (l) => upsertItems(removeItems(l, ids), before));
        cache.updateBacklog((l) => upsertItems(l, fromBacklog));
        feedback.onProblem(error);
        return false;
      }
    };

    /** Sends items back to the product backlog (they keep their rank there). */
    const removeFromSprint = async (sprintId: string, ids: string[]): Promise<boolean> => {
      const leaving = cache.sprintItems(sprintId)?.items.filter((i) => ids.includes(i.id)) ?? [];
      cache.updateSprintItems(sprintId, (l) => removeItems(l, ids));
      cache.updateBacklog((l) =>
        leaving.reduce<BacklogList>(
          (acc, item) => applySnapshot(acc, { ...item, sprintId: null }),
          l,
        ),
      );
      try {
        unwrap(
          await api.DELETE('/api/v1/sprints/{sprintId}/items', {
            params: { path: { sprintId } },
            body: { ids },
          }),
        );
        return true;
      } catch (error) {
        cache.updateBacklog((l) => removeItems(l, ids));
        cache.updateSprintItems(sprintId, (l) => upsertItems(l, leaving));
        feedback.onProblem(error);
        return false;
      }
    };

    const create = async (body: components['schemas']['CreateSprintDto']) => {
      try {
        const sprint = unwrap(
          await api.POST('/api/v1/teams/{teamId}/sprints', { params: { path: { teamId } }, body }),
        );
        cache.putSprint(sprint);
        return sprint;
      } catch (error) {
        feedback.onProblem(error);
        return undefined;
      }
    };

    /** Name, goal, dates; `version` is the one the person started editing from. */
    const update = async (sprint: Sprint, patch: SprintPatch, version = sprint.version) => {
      try {
        const next = unwrap(
          await api.PATCH('/api/v1/sprints/{sprintId}', {
            params: { path: { sprintId: sprint.id }, header: { 'If-Match': `"${version}"` } },
            body: patch,
          }),
        );
        cache.putSprint(next);
        return next;
      } catch (error) {
        const current = isProblem(error, 412)
          ? (error.problem as { current?: Sprint }).current
          : undefined;
        if (current) {
          cache.putSprint(current);
          feedback.onConflict(current, patch);
        } else feedback.onProblem(error);
        return undefined;
      }
    };

    const setCapacity = async (sprintId: string, members: MemberCapacity[]) => {
      try {
        const planning = unwrap(
          await api.PUT('/api/v1/sprints/{sprintId}/capacity', {
            params: { path: { sprintId } },
            body: { members },
          }),
        );
        cache.putPlanning(planning);
        return planning;
      } catch (error) {
        feedback.onProblem(error);
        return undefined;
      }
    };

    const start = async (sprintId: string) => {
      try {
        const sprint = unwrap(
          await api.POST('/api/v1/sprints/{sprintId}/start', { params: { path: { sprintId } } }),
        );
        cache.putSprint(sprint);
        void cache.refreshSprint(sprintId);
        return sprint;
      } catch (error) {
        feedback.onProblem(error);
        return undefined;
      }
    };

    /** One request, one transaction: the default destination and any per-item ones. */
    const complete = async (sprintId: string, body: CompleteSprint) => {
      try {
        const sprint = unwrap(
          await api.POST('/api/v1/sprints/{sprintId}/complete', {
            params: { path: { sprintId } },
            body,
          }),
        );
        cache.putSprint(sprint);
        void cache.refreshSprint(sprintId);
        const arrivals = new Set([
          ...(body.nextSprintId ? [body.nextSprintId] : []),
          ...(body.items ?? []).flatMap((i) => (i.sprintId ? [i.sprintId] : [])),
        ]);
        for (const id of arrivals) void cache.refreshSprint(id);
        return sprint;
      } catch (error) {
        feedback.onProblem(error);
        return undefined;
      }
    };

    return {
      addItems,
      removeFromSprint,
      create,
      update,
      setCapacity,
      start,
      complete,
    };
  }, [queryClient, teamId, feedback]);
}

export type SprintActions = ReturnType<typeof useSprintActions>;
