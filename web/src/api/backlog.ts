import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { EventEnvelope } from '../live/events';
import { reduceBacklog, type BacklogItem, type BacklogList } from '../live/backlog-reducer';
import { api } from './client';
import { teamKeys } from './keys';
import { unwrap } from './problem';
import type { components } from './schema';

export type { BacklogItem, BacklogList } from '../live/backlog-reducer';
export type ItemType = BacklogItem['type'];
export type Label = components['schemas']['LabelDto'];
export type HistoryEntry = components['schemas']['HistoryEntryDto'];
export type Sprint = components['schemas']['SprintDto'];
export type TeamMember = components['schemas']['TeamMemberDto'];

export const ITEM_TYPES: readonly ItemType[] = ['story', 'bug', 'task', 'spike', 'epic'];

export const backlogKeys = {
  /** The whole product backlog (not in a sprint), in rank order. */
  list: (teamId: string) => teamKeys.backlog(teamId, { view: 'product' }),
  /** Ids matching a full-text search (the server stems in the team's language). */
  search: (teamId: string, q: string) => teamKeys.backlog(teamId, { q }),
  item: (teamId: string, itemId: string) => ['team', teamId, 'backlog-item', itemId] as const,
  history: (teamId: string, itemId: string) =>
    ['team', teamId, 'backlog-item', itemId, 'history'] as const,
  sprints: (teamId: string) => ['team', teamId, 'sprints'] as const,
};

const FIRST_PAGE = 50;
const PAGE = 200;
const SHOW_EVERY = 5;

async function fetchPage(teamId: string, cursor: string | undefined, limit: number) {
  return unwrap(
    await api.GET('/api/v1/teams/{teamId}/backlog-items', {
      params: {
        path: { teamId },
        query: { sprint: 'unplanned', limit, ...(cursor ? { cursor } : {}) },
      },
    }),
  );
}

/** Events that arrived while a team's list was being read page by page. */
const arrivedWhileLoading = new Map<string, EventEnvelope[]>();

/** Called by the live reducer: the loader replays these over the pages it read. */
export function noteEventWhileLoading(event: EventEnvelope): void {
  arrivedWhileLoading.get(event.teamId)?.push(event);
}

/**
 * Reads the whole backlog: the first page is shown at once (a first paint does not wait for
 * 5,000 items), the rest follows page by page. Pages are read at different moments, so the
 * events that arrived meanwhile are replayed over the result (the reducer is idempotent).
 */
export async function loadBacklog(queryClient: QueryClient, teamId: string): Promise<BacklogList> {
  const key = backlogKeys.list(teamId);
  const arrived: EventEnvelope[] = [];
  arrivedWhileLoading.set(teamId, arrived);
  try {
    const first = await fetchPage(teamId, undefined, FIRST_PAGE);
    const items = [...first.items];
    let cursor = first.nextCursor;
    // Only the very first load shows a partial list; a refetch keeps the old one until done.
    if (cursor && !queryClient.getQueryData(key))
      queryClient.setQueryData<BacklogList>(key, {
        items: [...items],
        complete: false,
        totalCount: first.totalCount,
      });
    // The partial list grows every few pages, not every page: each growth re-renders the screen.
    let pages = 0;
    while (cursor) {
      const page = await fetchPage(teamId, cursor, PAGE);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      const shown = queryClient.getQueryData<BacklogList>(key);
      if (cursor && pages % SHOW_EVERY === 0 && shown && !shown.complete)
        queryClient.setQueryData<BacklogList>(
          key,
          replay({ ...shown, items: [...items] }, arrived),
        );
    }
    return replay({ items, complete: true }, arrived);
  } finally {
    if (arrivedWhileLoading.get(teamId) === arrived) arrivedWhileLoading.delete(teamId);
  }
}

function replay(list: BacklogList, events: readonly EventEnvelope[]): BacklogList {
  let out = list;
  for (const event of events) {
    const next = reduceBacklog(out, event);
    if (next !== 'refetch') out = next;
  }
  return out;
}

export function useBacklogList(teamId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: backlogKeys.list(teamId),
    queryFn: () => loadBacklog(queryClient, teamId),
  });
}

/** Ids of the product backlog items matching `q` (null when there is no search). */
export function useSearchIds(teamId: string, q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: backlogKeys.search(teamId, query),
    enabled: query !== '',
    queryFn: async () => {
      const ids = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/teams/{teamId}/backlog-items', {
            params: {
              path: { teamId },
              query: { sprint: 'unplanned', q: query, limit: PAGE, ...(cursor ? { cursor } : {}) },
            },
          }),
        );
        for (const item of page.items) ids.add(item.id);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    },
  });
}

/** One item: from the list when it is there, else read (a child in a sprint, say). */
export function useItem(teamId: string, itemId: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: backlogKeys.item(teamId, itemId ?? ''),
    enabled: Boolean(itemId),
    initialData: () =>
      queryClient
        .getQueryData<BacklogList>(backlogKeys.list(teamId))
        ?.items.find((item) => item.id === itemId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/backlog-items/{itemId}', {
          params: { path: { itemId: itemId as string } },
        }),
      ),
  });
}

export function useItemHistory(teamId: string, itemId: string) {
  return useQuery({
    queryKey: backlogKeys.history(teamId, itemId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/backlog-items/{itemId}/history', {
          params: { path: { itemId } },
        }),
      ),
  });
}

export function useLabels(teamId: string) {
  return useQuery({
    queryKey: teamKeys.labels(teamId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/labels', { params: { path: { teamId } } })),
  });
}

/** Sprints an item can still go into (planned or running). */
export function useOpenSprints(teamId: string, enabled: boolean) {
  return useQuery({
    queryKey: backlogKeys.sprints(teamId),
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/sprints', { params: { path: { teamId } } })),
    select: (sprints) => sprints.filter((s) => s.state !== 'completed'),
  });
}
