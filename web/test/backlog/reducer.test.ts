import { describe, expect, it } from 'vitest';
import { reduceBacklog, type BacklogItem, type BacklogList } from '../../src/live/backlog-reducer';
import type { EventEnvelope } from '../../src/live/events';

const TEAM = '00000000-0000-4000-8000-000000000001';

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
const ids = (outcome: ReturnType<typeof reduceBacklog>) =>
  outcome === 'refetch' ? 'refetch' : outcome.items.map((i) => i.id);

describe('backlog events on the cached list', () => {
  const start = list(item('a', 'a0'), item('b', 'a1'), item('c', 'a2'));

  it('puts a created item at its rank, once, however often the event is applied', () => {
    const created = event('backlog_item.created', { item: item('n', 'a0V') });
    const once = reduceBacklog(start, created);
    expect(ids(once)).toEqual(['a', 'n', 'b', 'c']);
    expect(ids(reduceBacklog(once as BacklogList, created))).toEqual(['a', 'n', 'b', 'c']);
  });

  it('moves ranked items to their new keys in byte order (upper case sorts before lower case)', () => {
    const ranked = event('backlog_item.ranked', {
      moves: [{ itemId: 'c', from: 'a2', to: 'Zz' }],
      before: 'a',
      after: null,
      position: null,
    });
    expect(ids(reduceBacklog(start, ranked))).toEqual(['c', 'a', 'b']);
  });

  it('applies an update only when it is newer than the cached version, keeping an epic’s progress', () => {
    const progress = { items: 2, itemsDone: 1, points: 5, pointsDone: 3 };
    const epic = list(item('e', 'a0', { type: 'epic', progress, version: 3 }));
    const stale = event('backlog_item.updated', {
      item: item('e', 'a0', { type: 'epic', title: 'old', version: 2 }),
      changes: [],
    });
    expect(reduceBacklog(epic, stale)).toBe(epic);
    const fresh = event('backlog_item.updated', {
      item: item('e', 'a0', { type: 'epic', title: 'Nuova', version: 4 }),
      changes: [],
    });
    const out = reduceBacklog(epic, fresh) as BacklogList;
    expect(out.items[0]?.title).toBe('Nuova');
    expect(out.items[0]?.progress).toEqual(progress);
  });

  it('drops items that leave the product backlog (archived, into a sprint) and takes a deleted label off', () => {
    const labelled = list(item('a', 'a0', { labelIds: ['l1', 'l2'] }), item('b', 'a1'));
    expect(
      ids(
        reduceBacklog(
          labelled,
          event('backlog_item.archived', { itemId: 'b', archivedAt: '', version: 2 }),
        ),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        reduceBacklog(
          labelled,
          event('sprint.items_added', {
            sprintId: 's',
            items: [{ itemId: 'a', estimate: null, category: 'todo' }],
            ranks: [],
            scopeChange: false,
          }),
        ),
      ),
    ).toEqual(['b']);
    const out = reduceBacklog(
      labelled,
      event('label.deleted', { labelId: 'l1', name: 'Sportello', itemIds: ['a'] }),
    ) as BacklogList;
    expect(out.items[0]?.labelIds).toEqual(['l2']);
    const inSprint = event('backlog_item.updated', {
      item: item('a', 'a0', { sprintId: 's', version: 2 }),
      changes: [],
    });
    expect(ids(reduceBacklog(labelled, inSprint))).toEqual(['b']);
  });

  it('asks for a refetch when items come back from a sprint (the event has no snapshot)', () => {
    expect(
      reduceBacklog(
        start,
        event('sprint.items_removed', { sprintId: 's', items: [], scopeChange: false }),
      ),
    ).toBe('refetch');
  });

  it('re-sorts the whole list on a rebalance', () => {
    const out = reduceBacklog(
      start,
      event('backlog_item.rebalanced', {
        ranks: [
          { itemId: 'a', rank: 'a3' },
          { itemId: 'b', rank: 'a1' },
          { itemId: 'c', rank: 'a2' },
        ],
      }),
    );
    expect(ids(out)).toEqual(['b', 'c', 'a']);
  });

  it('replaying a stream over a snapshot read meanwhile ends in the same order as applying it once', () => {
    const stream = [
      event('backlog_item.ranked', {
        moves: [{ itemId: 'c', from: 'a2', to: 'Zz' }],
        before: 'a',
        after: null,
        position: null,
      }),
      event('backlog_item.updated', {
        item: item('b', 'a1', { title: 'B2', version: 2 }),
        changes: [],
      }),
      event('backlog_item.ranked', {
        moves: [{ itemId: 'a', from: 'a0', to: 'a5' }],
        before: null,
        after: null,
        position: 'bottom',
      }),
    ];
    let once: BacklogList = start;
    for (const e of stream) once = reduceBacklog(once, e) as BacklogList;
    // A snapshot that already saw the first two events, then the whole stream replayed over it.
    let replayed: BacklogList = list(
      item('c', 'Zz'),
      item('a', 'a0'),
      item('b', 'a1', { title: 'B2', version: 2 }),
    );
    for (const e of stream) replayed = reduceBacklog(replayed, e) as BacklogList;
    expect(replayed.items).toEqual(once.items);
    expect(ids(once)).toEqual(['c', 'b', 'a']);
  });
});
