import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backlogKeys } from '../../src/api/backlog';
import { sprintKeys, type Planning, type Sprint } from '../../src/api/sprints';
import type { BacklogItem, BacklogList } from '../../src/live/backlog-reducer';
import type { EventEnvelope } from '../../src/live/events';
import { applyEvent } from '../../src/live/registry';
// The backlog's listener too: the order matters (the sprint reads the item before it leaves).
import '../../src/live/team-reducers';
import '../../src/live/sprint-reducers';
import {
  applyCapacity,
  applySprintSnapshot,
  commitment,
  forecastFor,
  gaugeScale,
  reduceSprintItems,
} from '../../src/live/sprint-reducer';

const TEAM = '00000000-0000-4000-8000-000000000001';
const SPRINT = '00000000-0000-4000-8000-0000000000s1';

function item(id: string, rank: string, patch: Partial<BacklogItem> = {}): BacklogItem {
  return {
    id,
    teamId: TEAM,
    type: 'story',
    title: `Pratica ${id}`,
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
    rank,
    createdBy: TEAM,
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
    archivedAt: null,
    version: 1,
    ...patch,
  };
}

function sprint(patch: Partial<Sprint> = {}): Sprint {
  return {
    id: SPRINT,
    teamId: TEAM,
    name: 'Sprint 2',
    goal: '',
    startDate: '2026-12-07',
    endDate: '2026-12-18',
    state: 'planned',
    startedAt: null,
    completedAt: null,
    version: 1,
    ...patch,
  };
}

let seq = 0;
function event(type: string, data: unknown): EventEnvelope {
  seq += 1;
  return {
    seq,
    teamId: TEAM,
    type,
    occurredAt: '2026-12-01T09:00:00.000Z',
    actorId: null,
    data,
  } as unknown as EventEnvelope;
}

const list = (...items: BacklogItem[]): BacklogList => ({ items, complete: true });
const ids = (outcome: ReturnType<typeof reduceSprintItems>) =>
  outcome === 'refetch' ? 'refetch' : outcome.items.map((i) => i.id);
const inSprint = (id: string, rank: string, patch: Partial<BacklogItem> = {}) =>
  item(id, rank, { sprintId: SPRINT, ...patch });
const none = () => undefined;

describe("a sprint's item list through the team's events", () => {
  const start = list(inSprint('a', 'a0'), inSprint('b', 'a2'));

  it('takes in added items from what the client holds, at the ranks the event gives, once', () => {
    const known = new Map([['n', item('n', 'c5', { estimate: 3 })]]);
    const added = event('sprint.items_added', {
      sprintId: SPRINT,
      items: [{ itemId: 'n', estimate: 3, category: 'todo' }],
      ranks: [{ itemId: 'n', rank: 'a1' }],
      scopeChange: false,
    });
    const once = reduceSprintItems(start, SPRINT, added, (id) => known.get(id));
    expect(ids(once)).toEqual(['a', 'n', 'b']);
    const joined = (once as BacklogList).items[1];
    expect(joined.sprintId).toBe(SPRINT);
    expect(reduceSprintItems(once as BacklogList, SPRINT, added, none)).toEqual(once);
  });

  it('refetches when an added item is not known to the client', () => {
    const added = event('sprint.items_added', {
      sprintId: SPRINT,
      items: [{ itemId: 'x', estimate: null, category: 'todo' }],
      ranks: [],
      scopeChange: false,
    });
    expect(reduceSprintItems(start, SPRINT, added, none)).toBe('refetch');
  });

  it('reorders with the ranks of an add that moved items already in the sprint', () => {
    const reordered = event('sprint.items_added', {
      sprintId: SPRINT,
      items: [],
      ranks: [{ itemId: 'b', rank: 'Zz' }],
      scopeChange: false,
    });
    expect(ids(reduceSprintItems(start, SPRINT, reordered, none))).toEqual(['b', 'a']);
  });

  it('ignores events of another sprint and drops removed items', () => {
    const other = event('sprint.items_removed', {
      sprintId: 'other',
      items: [{ itemId: 'a', estimate: null, category: 'todo' }],
      scopeChange: false,
    });
    expect(reduceSprintItems(start, SPRINT, other, none)).toBe(start);
    const removed = event('sprint.items_removed', {
      sprintId: SPRINT,
      items: [{ itemId: 'a', estimate: null, category: 'todo' }],
      scopeChange: true,
    });
    expect(ids(reduceSprintItems(start, SPRINT, removed, none))).toEqual(['b']);
  });

  it('follows item snapshots: a newer estimate replaces, an older one is ignored, leaving drops', () => {
    const newer = event('backlog_item.updated', {
      item: inSprint('a', 'a0', { estimate: 5, version: 2 }),
    });
    const next = reduceSprintItems(start, SPRINT, newer, none) as BacklogList;
    expect(next.items[0].estimate).toBe(5);
    const older = event('backlog_item.updated', { item: inSprint('a', 'a0', { version: 1 }) });
    expect(reduceSprintItems(next, SPRINT, older, none)).toBe(next);
    const left = event('backlog_item.updated', { item: item('b', 'a2', { version: 3 }) });
    expect(ids(reduceSprintItems(start, SPRINT, left, none))).toEqual(['a']);
  });

  it('refetches on completion of this sprint, on arrival of carried items, and on a board move of its item', () => {
    const completed = (nextSprintId: string | null, id = 'other') =>
      event('sprint.completed', {
        sprint: sprint({ id, state: 'completed' }),
        carriedOver: [],
        carryTo: 'sprint',
        nextSprintId,
      });
    expect(reduceSprintItems(start, SPRINT, completed(null, SPRINT), none)).toBe('refetch');
    expect(reduceSprintItems(start, SPRINT, completed(SPRINT), none)).toBe('refetch');
    expect(reduceSprintItems(start, SPRINT, completed(null), none)).toBe(start);
    const itemByItem = event('sprint.completed', {
      sprint: sprint({ id: 'other', state: 'completed' }),
      carriedOver: [],
      carryTo: 'top',
      nextSprintId: null,
      destinations: [{ itemId: 'x', to: 'sprint', sprintId: SPRINT, rank: null }],
    });
    expect(reduceSprintItems(start, SPRINT, itemByItem, none)).toBe('refetch');
    const moved = event('board.item_moved', { itemId: 'a' });
    expect(reduceSprintItems(start, SPRINT, moved, none)).toBe('refetch');
    expect(reduceSprintItems(start, SPRINT, event('board.item_moved', { itemId: 'z' }), none)).toBe(
      start,
    );
  });
});

describe('sprints, capacity and the forecast', () => {
  it('replaces a sprint only with a newer version, and adds a new one', () => {
    const list0 = [sprint()];
    expect(applySprintSnapshot(list0, sprint({ name: 'x' }))).toBe(list0);
    expect(applySprintSnapshot(list0, sprint({ name: 'x', version: 2 }))[0].name).toBe('x');
    expect(applySprintSnapshot(list0, sprint({ id: 'n' }))).toHaveLength(2);
  });

  const planning: Planning = {
    sprint: sprint(),
    itemIds: [],
    plannedItems: 0,
    members: [],
    workingDays: 10,
    capacityDays: 0,
    absences: [],
    forecast: {
      sprintsUsed: 2,
      enoughHistory: false,
      mean: 8,
      min: 6,
      max: 10,
      plannedPoints: 0,
      overcommitted: false,
    },
  };

  it("applies capacity.updated to the sprint's planning only", () => {
    const data = {
      sprintId: SPRINT,
      members: [{ userId: 'u', daysOff: 2, focusFactor: 0.5 }],
      capacityDays: 4,
    };
    expect(applyCapacity(planning, data)).toMatchObject({ capacityDays: 4, members: data.members });
    expect(applyCapacity(planning, { ...data, sprintId: 'other' })).toBe(planning);
  });

  it("counts committed points and unestimated items; over is the server's rule (above the mean)", () => {
    const items = [
      inSprint('a', 'a0', { estimate: 5 }),
      inSprint('b', 'a1'),
      inSprint('c', 'a2', { estimate: 3 }),
    ];
    expect(commitment(items)).toEqual({ points: 8, unestimated: 1 });
    expect(forecastFor(planning.forecast, 8).overcommitted).toBe(false);
    expect(forecastFor(planning.forecast, 8.5).overcommitted).toBe(true);
    expect(forecastFor({ ...planning.forecast, mean: null }, 50).overcommitted).toBe(false);
  });

  it('draws the gauge with headroom over the largest of commitment and range', () => {
    const scale = gaugeScale(forecastFor(planning.forecast, 12));
    expect(scale.max).toBeCloseTo(14.4);
    expect(scale.planned).toBeCloseTo(83.3);
    expect(scale.mean).toBeCloseTo(55.6);
    expect(scale.low).toBeCloseTo(41.7);
    expect(scale.high).toBeCloseTo(69.4);
  });
});

describe('the registered reducers on a real query cache', () => {
  const client = new QueryClient();
  afterEach(() => client.clear());

  it('moves an item added by someone else from the cached backlog into the cached sprint list', () => {
    client.setQueryData<BacklogList>(
      backlogKeys.list(TEAM),
      list(item('n', 'b0', { estimate: 2 })),
    );
    client.setQueryData<BacklogList>(sprintKeys.items(TEAM, SPRINT), list(inSprint('a', 'a0')));
    applyEvent(
      event('sprint.items_added', {
        sprintId: SPRINT,
        items: [{ itemId: 'n', estimate: 2, category: 'todo' }],
        ranks: [],
        scopeChange: false,
      }),
      client,
    );
    expect(
      client.getQueryData<BacklogList>(sprintKeys.items(TEAM, SPRINT))?.items.map((i) => i.id),
    ).toEqual(['a', 'n']);
    expect(client.getQueryData<BacklogList>(backlogKeys.list(TEAM))?.items).toEqual([]);
  });

  it('patches the sprint list from sprint.updated and the planning from capacity.updated', () => {
    client.setQueryData<Sprint[]>(sprintKeys.list(TEAM), [sprint()]);
    client.setQueryData<Planning>(sprintKeys.planning(TEAM, SPRINT), {
      sprint: sprint(),
      itemIds: [],
      plannedItems: 0,
      members: [],
      workingDays: 10,
      capacityDays: 0,
      absences: [],
      forecast: {
        sprintsUsed: 0,
        enoughHistory: false,
        mean: null,
        min: null,
        max: null,
        plannedPoints: 0,
        overcommitted: false,
      },
    });
    applyEvent(
      event('sprint.updated', { sprint: sprint({ goal: 'Mensa', version: 2 }), changes: ['goal'] }),
      client,
    );
    expect(client.getQueryData<Sprint[]>(sprintKeys.list(TEAM))?.[0].goal).toBe('Mensa');
    applyEvent(
      event('capacity.updated', {
        sprintId: SPRINT,
        members: [{ userId: 'u', daysOff: 1, focusFactor: 1 }],
        capacityDays: 9,
      }),
      client,
    );
    expect(client.getQueryData<Planning>(sprintKeys.planning(TEAM, SPRINT))?.capacityDays).toBe(9);
  });

  it('reads again a sprint list that was being read when an event arrived', async () => {
    let reads = 0;
    let release: (value: BacklogList) => void = () => {};
    const observer = new QueryObserver(client, {
      queryKey: sprintKeys.items(TEAM, SPRINT),
      queryFn: () => {
        reads += 1;
        return new Promise<BacklogList>((resolve) => (release = resolve));
      },
    });
    const unsubscribe = observer.subscribe(() => {});
    await Promise.resolve();
    expect(reads).toBe(1);
    applyEvent(
      event('sprint.completed', {
        sprint: sprint({ id: 'other', state: 'completed' }),
        carriedOver: [],
        carryTo: 'sprint',
        nextSprintId: SPRINT,
      }),
      client,
    );
    await vi.waitFor(() => expect(reads).toBe(2));
    release(list());
    unsubscribe();
  });

  it("reads a sprint's planning again only when its scope or estimates changed", () => {
    client.setQueryData<BacklogList>(sprintKeys.items(TEAM, SPRINT), list(inSprint('a', 'a0')));
    const spy = vi.spyOn(client, 'invalidateQueries');
    applyEvent(event('backlog_item.updated', { item: item('z', 'c0', { version: 2 }) }), client);
    expect(spy).not.toHaveBeenCalledWith({ queryKey: sprintKeys.planning(TEAM, SPRINT) });
    applyEvent(
      event('backlog_item.updated', { item: inSprint('a', 'a0', { estimate: 8, version: 2 }) }),
      client,
    );
    expect(spy).toHaveBeenCalledWith({ queryKey: sprintKeys.planning(TEAM, SPRINT) });
    spy.mockRestore();
  });
});
