import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { generateNKeysBetween } from 'fractional-indexing';
import { useCallback, useMemo } from 'react';
import {
  applySnapshot,
  removeItems,
  setRanks,
  upsertItems,
  type BacklogItem,
  type BacklogList,
} from '../live/backlog-reducer';
import { backlogKeys } from './backlog';
import { api } from './client';
import { ApiProblem, isProblem, unwrap } from './problem';
import type { components } from './schema';

export type ItemPatch = components['schemas']['UpdateBacklogItemDto'];
export type MoveTarget =
  { before: string } | { after: string } | { position: 'top' | 'bottom' } | { sprintId: string };

/** A 412: the item as it is now on the server, and what the person wanted to change. */
export interface Conflict {
  current: BacklogItem;
  patch: ItemPatch;
}

export interface Feedback {
  /** A refusal: the page shows the problem's localized detail. */
  onProblem: (error: unknown) => void;
  onConflict: (conflict: Conflict) => void;
}

/** Edit of some fields, with the values they had when the person started editing. */
export interface ItemEdit {
  itemId: string;
  patch: ItemPatch;
  base?: { version: number; values: Partial<Record<keyof ItemPatch, unknown>> };
}

type Cache = ReturnType<typeof cacheOf>;

function cacheOf(queryClient: QueryClient, teamId: string) {
  const key = backlogKeys.list(teamId);
  return {
    get: () => queryClient.getQueryData<BacklogList>(key),
    find: (id: string) =>
      queryClient.getQueryData<BacklogList>(key)?.items.find((item) => item.id === id) ??
      queryClient.getQueryData<BacklogItem>(backlogKeys.item(teamId, id)),
    update: (fn: (list: BacklogList) => BacklogList) =>
      queryClient.setQueryData<BacklogList>(key, (list) => (list ? fn(list) : list)),
    snapshot: (item: BacklogItem) => {
      queryClient.setQueryData<BacklogList>(key, (list) =>
        list ? applySnapshot(list, item) : list,
      );
      queryClient.setQueryData<BacklogItem>(backlogKeys.item(teamId, item.id), (cached) =>
        !cached || cached.version <= item.version ? item : cached,
      );
    },
    put: (item: BacklogItem) => {
      queryClient.setQueryData<BacklogList>(key, (list) =>
        list && list.items.some((i) => i.id === item.id) ? upsertItems(list, [item]) : list,
      );
      queryClient.setQueryData<BacklogItem>(backlogKeys.item(teamId, item.id), (cached) =>
        cached ? item : cached,
      );
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The version to send. A field someone else changed since the person started editing it is a
 * conflict (the old version makes the server answer 412); other fields changed meanwhile —
 * by anyone, the person's own earlier edits too — are not, so the current version is sent.
 */
export function versionFor(edit: ItemEdit, cached: BacklogItem | undefined): number {
  if (!cached) return edit.base?.version ?? 0;
  if (!edit.base) return cached.version;
  const touched = Object.keys(edit.patch) as (keyof ItemPatch)[];
  const changedByOthers = touched.some(
    (field) =>
      field in edit.base!.values &&
      !same(cached[field as keyof BacklogItem], edit.base!.values[field]),
  );
  return changedByOthers ? edit.base.version : cached.version;
}

/** Edits of one item go one after the other, each with the version the previous left. */
const queues = new Map<string, Promise<unknown>>();
function serial<T>(itemId: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(itemId) ?? Promise.resolve()).then(task, task);
  const tail = run.catch(() => undefined);
  queues.set(itemId, tail);
  void tail.then(() => {
    if (queues.get(itemId) === tail) queues.delete(itemId);
  });
  return run;
}

/**
 * Shows the edit at once, in the same event: a controlled select would otherwise snap back to
 * the old value until the cache notifies, and a second key press would start from there.
 * Returns the item as it was, to roll back to.
 */
function showEdit(cache: Cache, edit: ItemEdit): { before?: BacklogItem; version: number } {
  const before = cache.find(edit.itemId);
  const version = versionFor(edit, before);
  if (before) cache.put({ ...before, ...(edit.patch as Partial<BacklogItem>) });
  return { before, version };
}

async function sendEdit(
  cache: Cache,
  edit: ItemEdit,
  shown: { before?: BacklogItem; version: number },
  feedback: Feedback,
): Promise<boolean> {
  // Queued behind this item's earlier edits: their answers moved the version on.
  const latest = cache.find(edit.itemId);
  const version =
    shown.version === shown.before?.version && latest ? latest.version : shown.version;
  try {
    const item = unwrap(
      await api.PATCH('/api/v1/backlog-items/{itemId}', {
        params: { path: { itemId: edit.itemId }, header: { 'If-Match': `"${version}"` } },
        body: edit.patch,
      }),
    );
    cache.snapshot(item);
    return true;
  } catch (error) {
    const current = isProblem(error, 412)
      ? (error.problem as { current?: BacklogItem }).current
      : undefined;
    const { before } = shown;
    // Back to the server's state: its current item, or what was there before (unless an
    // event already brought something newer).
    const now = cache.find(edit.itemId);
    if (current) cache.snapshot(current);
    else if (before && now && now.version === before.version)
      cache.put({ ...before, rank: now.rank });
    if (current) feedback.onConflict({ current, patch: edit.patch });
    else feedback.onProblem(error);
    return false;
  }
}

/** Where moved ids land in the local list: provisional keys until the server's arrive. */
function provisionalRanks(list: BacklogList, ids: string[], target: MoveTarget) {
  const moving = new Set(ids);
  const rest = list.items.filter((item) => !moving.has(item.id));
  let lower: string | null = null;
  let upper: string | null = null;
  if ('position' in target) {
    if (target.position === 'top') upper = rest[0]?.rank ?? null;
    else lower = rest[rest.length - 1]?.rank ?? null;
  } else if ('before' in target || 'after' in target) {
    const anchor = 'before' in target ? target.before : target.after;
    const at = rest.findIndex((item) => item.id === anchor);
    if (at < 0) return undefined;
    lower = 'before' in target ? (rest[at - 1]?.rank ?? null) : (rest[at]?.rank ?? null);
    upper = 'before' in target ? (rest[at]?.rank ?? null) : (rest[at + 1]?.rank ?? null);
  } else return undefined;
  try {
    const keys = generateNKeysBetween(lower, upper, ids.length);
    return ids.map((itemId, i) => ({ itemId, rank: keys[i] }));
  } catch {
    return undefined;
  }
}

function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** Every change the backlog screen makes, optimistic, rolled back on refusal. */
export function useBacklogActions(teamId: string, feedback: Feedback) {
  const queryClient = useQueryClient();
  const cache = useMemo(() => cacheOf(queryClient, teamId), [queryClient, teamId]);

  const edit = useCallback(
    (e: ItemEdit) => {
      const shown = showEdit(cache, e);
      return serial(e.itemId, () => sendEdit(cache, e, shown, feedback));
    },
    [cache, feedback],
  );

  const move = useCallback(
    async (ids: string[], target: MoveTarget): Promise<boolean> => {
      const list = cache.get();
      const previous = list?.items.filter((item) => ids.includes(item.id));
      if ('sprintId' in target) {
        cache.update((l) => removeItems(l, ids));
        try {
          unwrap(
            await api.POST('/api/v1/sprints/{sprintId}/items', {
              params: { path: { sprintId: target.sprintId } },
              body: { ids },
            }),
          );
          return true;
        } catch (error) {
          if (previous) cache.update((l) => upsertItems(l, previous));
          feedback.onProblem(error);
          return false;
        }
      }
      const provisional = list ? provisionalRanks(list, ids, target) : undefined;
      if (provisional) cache.update((l) => setRanks(l, provisional));
      try {
        const result = unwrap(
          await api.POST('/api/v1/teams/{teamId}/backlog-items/rank', {
            params: { path: { teamId } },
            body: { ids, ...target },
          }),
        );
        cache.update((l) =>
          setRanks(
            l,
            result.moves.map((m) => ({ itemId: m.itemId, rank: m.to })),
          ),
        );
        return true;
      } catch (error) {
        if (previous)
          cache.update((l) =>
            setRanks(
              l,
              previous.map((item) => ({ itemId: item.id, rank: item.rank })),
            ),
          );
        feedback.onProblem(error);
        return false;
      }
    },
    [cache, feedback, teamId],
  );

  const create = useCallback(
    async (title: string): Promise<BacklogItem | undefined> => {
      const list = cache.get();
      const last = list?.complete ? list.items[list.items.length - 1] : undefined;
      const tempId = `pending-${newIdempotencyKey()}`;
      if (list?.complete) {
        const [rank] = generateNKeysBetween(last?.rank ?? null, null, 1);
        const now = new Date().toISOString();
        cache.update((l) =>
          upsertItems(l, [
            {
              id: tempId,
              teamId,
              type: 'story',
              title,
              description: '',
              acceptanceCriteria: [],
              estimate: null,
              status: 'todo',
              labelIds: [],
              assigneeId: null,
              parentId: null,
              sprintId: null,
              readyChecklist: [],
              ready: false,
              rank: rank,
              createdBy: '',
              createdAt: now,
              updatedAt: now,
              archivedAt: null,
              version: 0,
            },
          ]),
        );
      }
      try {
        const item = unwrap(
          await api.POST('/api/v1/teams/{teamId}/backlog-items', {
            params: { path: { teamId }, header: { 'Idempotency-Key': newIdempotencyKey() } },
            body: { title },
          }),
        );
        cache.update((l) => applySnapshot(removeItems(l, [tempId]), item));
        return item;
      } catch (error) {
        cache.update((l) => removeItems(l, [tempId]));
        feedback.onProblem(error);
        return undefined;
      }
    },
    [cache, feedback, teamId],
  );

  const bulkCreate = useCallback(
    async (text: string): Promise<BacklogItem[] | undefined> => {
      try {
        const { items } = unwrap(
          await api.POST('/api/v1/teams/{teamId}/backlog-items/bulk', {
            params: { path: { teamId }, header: { 'Idempotency-Key': newIdempotencyKey() } },
            body: { text },
          }),
        );
        cache.update((l) => upsertItems(l, items));
        return items;
      } catch (error) {
        feedback.onProblem(error);
        return undefined;
      }
    },
    [cache, feedback, teamId],
  );

  return useMemo(() => ({ edit, move, create, bulkCreate }), [edit, move, create, bulkCreate]);
}

export { ApiProblem };
