import { describe, expect, it } from 'vitest';
import {
  reduceBoard,
  reduceWorkflow,
  type Board,
  type BoardColumn,
  type Card,
  type Workflow,
} from '../../src/live/board-reducer';
import type { EventEnvelope } from '../../src/live/events';

const TEAM = '00000000-0000-4000-8000-000000000001';
const SPRINT = '00000000-0000-4000-8000-0000000000aa';
const OTHER_SPRINT = '00000000-0000-4000-8000-0000000000bb';

function card(id: string, rank: string, patch: Partial<Card> = {}): Card {
  return {
    id,
    title: `Pratica ${id}`,
    type: 'story',
    estimate: null,
    assigneeId: null,
    sprintId: SPRINT,
    labelIds: [],
    parentId: null,
    openImpediments: [],
    inColumnSince: '2026-12-01T08:00:00.000Z',
    rank,
    version: 1,
    ...patch,
  };
}

function column(statusId: string, items: Card[], patch: Partial<BoardColumn> = {}): BoardColumn {
  const wipLimit = patch.wipLimit ?? null;
  return {
    statusId,
    name: `Colonna ${statusId}`,
    category: 'todo',
    wipLimit,
    wipCount: items.length,
    overLimit: wipLimit !== null && items.length > wipLimit,
    items,
    ...patch,
  };
}

function board(columns: BoardColumn[], sprintId: string | null = SPRINT): Board {
  return { teamId: TEAM, sprintId, wipMode: 'enforce', columns, epics: [] };
}

let seq = 0;
function event(type: string, data: unknown, occurredAt = '2026-12-02T09:00:00.000Z') {
  seq += 1;
  return { seq, teamId: TEAM, type, occurredAt, actorId: null, data } as unknown as EventEnvelope;
}

const moved = (itemId: string, from: string, to: string, rank: string, sprintId = SPRINT) =>
  event('board.item_moved', {
    itemId,
    sprintId,
    from: { statusId: from, category: 'todo' },
    to: { statusId: to, category: 'in_progress' },
    rank,
    wipLimit: null,
    wipCount: 1,
    wipExceeded: false,
  });

const layout = (outcome: ReturnType<typeof reduceBoard>) =>
  outcome === 'refetch'
    ? 'refetch'
    : Object.fromEntries(outcome.columns.map((c) => [c.statusId, c.items.map((i) => i.id)]));

function itemSnapshot(id: string, patch: Record<string, unknown> = {}) {
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
    sprintId: SPRINT,
    readyChecklist: [],
    ready: false,
    rank: 'a0',
    createdBy: TEAM,
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
    archivedAt: null,
    version: 2,
    ...patch,
  };
}

describe('board events on the cached board', () => {
  const start = () =>
    board([
      column('todo', [card('a', 'a0'), card('b', 'a1')]),
      column('doing', [card('c', 'a2')], { category: 'in_progress', wipLimit: 1 }),
    ]);

  it('a move to another column puts the card at its rank, recounts WIP and restarts its aging', () => {
    const next = reduceBoard(start(), moved('a', 'todo', 'doing', 'a3'));
    expect(layout(next)).toEqual({ todo: ['b'], doing: ['c', 'a'] });
    const b = next as Board;
    expect(b.columns[1]).toMatchObject({ wipCount: 2, overLimit: true });
    expect(b.columns[0]).toMatchObject({ wipCount: 1, overLimit: false });
    const a = b.columns[1].items[1];
    expect(a).toMatchObject({ rank: 'a3', version: 2, inColumnSince: '2026-12-02T09:00:00.000Z' });
  });

  it('a move within a column reorders and keeps the aging', () => {
    const next = reduceBoard(start(), moved('b', 'todo', 'todo', 'Zz')) as Board;
    expect(layout(next)).toEqual({ todo: ['b', 'a'], doing: ['c'] });
    expect(next.columns[0].items[0].inColumnSince).toBe('2026-12-01T08:00:00.000Z');
  });

  it('a move already shown (the mover’s own answer came first) leaves the board as it is', () => {
    const shown = reduceBoard(start(), moved('a', 'todo', 'doing', 'a3')) as Board;
    const again = reduceBoard(shown, moved('a', 'todo', 'doing', 'a3'));
    expect(again).toBe(shown);
  });

  it('a move of a card the board does not hold refetches it when it is this board’s, else is ignored', () => {
    expect(reduceBoard(start(), moved('x', 'todo', 'doing', 'a5'))).toBe('refetch');
    const other = start();
    expect(reduceBoard(other, moved('x', 'todo', 'doing', 'a5', OTHER_SPRINT))).toBe(other);
    const kanban = board([column('todo', [])], null);
    expect(reduceBoard(kanban, moved('x', 'todo', 'todo', 'a5', null as never))).toBe('refetch');
  });

  it('an edit of a card patches what the card shows; an older snapshot is ignored', () => {
    const next = reduceBoard(
      start(),
      event('backlog_item.updated', {
        item: itemSnapshot('a', {
          title: 'Rimborso mensa',
          estimate: 3,
          labelIds: ['l1'],
          rank: 'a0',
          version: 2,
        }),
      }),
    ) as Board;
    expect(next.columns[0].items[0]).toMatchObject({
      title: 'Rimborso mensa',
      estimate: 3,
      labelIds: ['l1'],
      version: 2,
    });
    const stale = reduceBoard(
      next,
      event('backlog_item.updated', { item: itemSnapshot('a', { title: 'Vecchio', version: 1 }) }),
    );
    expect(stale).toBe(next);
  });

  it('a status change (another column) refetches; leaving the sprint or archiving removes the card', () => {
    expect(
      reduceBoard(
        start(),
        event('backlog_item.updated', { item: itemSnapshot('a', { status: 'done' }) }),
      ),
    ).toBe('refetch');
    expect(
      layout(
        reduceBoard(
          start(),
          event('backlog_item.updated', { item: itemSnapshot('a', { sprintId: null }) }),
        ),
      ),
    ).toEqual({ todo: ['b'], doing: ['c'] });
    expect(layout(reduceBoard(start(), event('backlog_item.archived', { itemId: 'c' })))).toEqual({
      todo: ['a', 'b'],
      doing: [],
    });
  });

  it('a new item of the board refetches (its column is not in the event); of the product backlog, not', () => {
    expect(reduceBoard(start(), event('backlog_item.created', { item: itemSnapshot('n') }))).toBe(
      'refetch',
    );
    const b = start();
    expect(
      reduceBoard(
        b,
        event('backlog_item.created', { item: itemSnapshot('n', { sprintId: null }) }),
      ),
    ).toBe(b);
  });

  it('ranks and rebalances reorder the cards in their columns', () => {
    const next = reduceBoard(
      start(),
      event('backlog_item.ranked', { moves: [{ itemId: 'a', from: 'a0', to: 'a1V' }] }),
    );
    expect(layout(next)).toEqual({ todo: ['b', 'a'], doing: ['c'] });
    const rebalanced = reduceBoard(
      start(),
      event('backlog_item.rebalanced', {
        ranks: [
          { itemId: 'a', rank: 'b2' },
          { itemId: 'b', rank: 'b1' },
        ],
      }),
    );
    expect(layout(rebalanced)).toEqual({ todo: ['b', 'a'], doing: ['c'] });
  });

  it('a deleted label leaves the cards that had it', () => {
    const b = board([column('todo', [card('a', 'a0', { labelIds: ['l1', 'l2'] })])]);
    const next = reduceBoard(b, event('label.deleted', { labelId: 'l1', itemIds: ['a'] })) as Board;
    expect(next.columns[0].items[0].labelIds).toEqual(['l2']);
  });

  it('sprint scope: items added to this sprint refetch, removed ones leave; a start or end refetches', () => {
    expect(
      reduceBoard(
        start(),
        event('sprint.items_added', { sprintId: SPRINT, items: [], ranks: [], scopeChange: true }),
      ),
    ).toBe('refetch');
    expect(
      layout(
        reduceBoard(
          start(),
          event('sprint.items_removed', {
            sprintId: SPRINT,
            items: [{ itemId: 'b', estimate: null, category: 'todo' }],
            scopeChange: true,
          }),
        ),
      ),
    ).toEqual({ todo: ['a'], doing: ['c'] });
    expect(reduceBoard(start(), event('sprint.completed', {}))).toBe('refetch');
  });

  it('workflow: WIP mode and a column’s name and limit are patched; a reorder refetches', () => {
    const mode = reduceBoard(start(), event('workflow.updated', { wipMode: 'warn' })) as Board;
    expect(mode.wipMode).toBe('warn');
    const status = {
      id: 'doing',
      teamId: TEAM,
      name: 'In lavorazione',
      category: 'in_progress',
      position: 2,
      wipLimit: null,
      version: 2,
    };
    const renamed = reduceBoard(
      start(),
      event('workflow.status_updated', { status, changes: ['name', 'wipLimit'] }),
    ) as Board;
    expect(renamed.columns[1]).toMatchObject({
      name: 'In lavorazione',
      wipLimit: null,
      overLimit: false,
    });
    expect(
      reduceBoard(start(), event('workflow.status_updated', { status, changes: ['position'] })),
    ).toBe('refetch');
  });

  it('workflow: a new column is added at the end; a deleted empty one leaves, one with cards refetches', () => {
    const status = {
      id: 'wait',
      teamId: TEAM,
      name: 'In attesa',
      category: 'in_progress',
      position: 3,
      wipLimit: 2,
      version: 1,
    };
    const added = reduceBoard(start(), event('workflow.status_created', { status })) as Board;
    expect(added.columns.map((c) => c.statusId)).toEqual(['todo', 'doing', 'wait']);
    expect(reduceBoard(added, event('workflow.status_created', { status }))).toBe(added);
    const deleted = reduceBoard(
      added,
      event('workflow.status_deleted', { statusId: 'wait', movedTo: null, itemIds: [] }),
    ) as Board;
    expect(deleted.columns.map((c) => c.statusId)).toEqual(['todo', 'doing']);
    expect(
      reduceBoard(
        start(),
        event('workflow.status_deleted', {
          statusId: 'doing',
          movedTo: { statusId: 'todo', category: 'todo' },
          itemIds: ['c'],
        }),
      ),
    ).toBe('refetch');
  });

  it('events of other kinds leave the board as it is', () => {
    const b = start();
    expect(reduceBoard(b, event('retro.card_added', {}))).toBe(b);
  });
});

describe('workflow events on the cached workflow', () => {
  const status = (id: string, position: number, version = 1) => ({
    id,
    name: `Colonna ${id}`,
    category: 'todo' as const,
    position,
    wipLimit: null,
    version,
  });
  const wf = (): Workflow => ({
    teamId: TEAM,
    wipMode: 'enforce',
    statuses: [status('a', 1), status('b', 2), status('c', 3)],
  });
  const ids = (w: Workflow) => w.statuses.map((s) => s.id);

  it('created, reordered, renamed and deleted columns; a replay of an older version is ignored', () => {
    let w = reduceWorkflow(
      wf(),
      event('workflow.status_created', { status: { ...status('d', 4), teamId: TEAM } }),
    );
    expect(ids(w)).toEqual(['a', 'b', 'c', 'd']);
    w = reduceWorkflow(
      w,
      event('workflow.status_updated', {
        status: { ...status('d', 0, 2), teamId: TEAM },
        changes: ['position'],
      }),
    );
    expect(ids(w)).toEqual(['d', 'a', 'b', 'c']);
    const same = reduceWorkflow(
      w,
      event('workflow.status_updated', {
        status: { ...status('d', 4, 2), teamId: TEAM },
        changes: ['position'],
      }),
    );
    expect(same).toBe(w);
    w = reduceWorkflow(
      w,
      event('workflow.status_deleted', { statusId: 'a', movedTo: null, itemIds: [] }),
    );
    expect(ids(w)).toEqual(['d', 'b', 'c']);
    w = reduceWorkflow(w, event('workflow.updated', { wipMode: 'warn' }));
    expect(w.wipMode).toBe('warn');
  });
});

describe('epics and impediments on the cached board', () => {
  const start = (): Board => ({
    ...board([column('todo', [card('a', 'a0'), card('b', 'a1', { parentId: 'e1' })])]),
    epics: [{ id: 'e1', title: 'Sportello', rank: 'Z0', archived: false, version: 2 }],
  });
  const impediment = (status: 'open' | 'resolved', itemIds: string[], title = 'Firma') => ({
    impediment: {
      id: 'imp',
      teamId: TEAM,
      title,
      description: '',
      status,
      ownerId: null,
      reportedBy: TEAM,
      itemIds,
      createdAt: '2026-12-02T09:00:00.000Z',
      resolvedAt: null,
      version: 1,
    },
  });
  const blockers = (b: Board) =>
    Object.fromEntries(
      b.columns[0].items.map((c) => [c.id, c.openImpediments.map((i) => i.title)]),
    );

  it('an impediment raised, renamed, moved to another item and resolved updates the markers', () => {
    let b = reduceBoard(start(), event('impediment.raised', impediment('open', ['a']))) as Board;
    expect(blockers(b)).toEqual({ a: ['Firma'], b: [] });
    // The same snapshot again (a replay after a reconnect) changes nothing.
    expect(reduceBoard(b, event('impediment.raised', impediment('open', ['a'])))).toBe(b);
    b = reduceBoard(
      b,
      event('impediment.updated', { ...impediment('open', ['b'], 'Firma digitale'), changes: [] }),
    ) as Board;
    expect(blockers(b)).toEqual({ a: [], b: ['Firma digitale'] });
    b = reduceBoard(
      b,
      event('impediment.updated', { ...impediment('resolved', ['b']), changes: ['status'] }),
    ) as Board;
    expect(blockers(b)).toEqual({ a: [], b: [] });
  });

  it("an epic's rename, a new epic and a card's new epic come from the backlog's events", () => {
    let b = reduceBoard(
      start(),
      event('backlog_item.updated', {
        item: itemSnapshot('e1', {
          type: 'epic',
          title: 'Sportello digitale',
          version: 3,
          rank: 'Z0',
          sprintId: null,
        }),
        changes: ['title'],
      }),
    ) as Board;
    expect(b.epics).toEqual([
      { id: 'e1', title: 'Sportello digitale', rank: 'Z0', archived: false, version: 3 },
    ]);
    b = reduceBoard(
      b,
      event('backlog_item.created', {
        item: itemSnapshot('e0', {
          type: 'epic',
          title: 'Mensa',
          version: 1,
          rank: 'Y0',
          sprintId: null,
        }),
      }),
    ) as Board;
    expect(b.epics.map((e) => e.id)).toEqual(['e0', 'e1']);
    b = reduceBoard(
      b,
      event('backlog_item.updated', {
        item: itemSnapshot('a', { parentId: 'e0', version: 2 }),
        changes: ['parentId'],
      }),
    ) as Board;
    expect(b.columns[0].items.find((c) => c.id === 'a')?.parentId).toBe('e0');
    b = reduceBoard(
      b,
      event('backlog_item.archived', {
        itemId: 'e1',
        archivedAt: '2026-12-02T10:00:00.000Z',
        version: 4,
      }),
    ) as Board;
    expect(b.epics.find((e) => e.id === 'e1')).toMatchObject({ archived: true, version: 4 });
  });
});
