import { describe, expect, it } from 'vitest';
import type { Board, Card } from '../../src/api/board';
import {
  anchorIn,
  boardView,
  daysSince,
  readBoardFilters,
  writeBoardFilters,
} from '../../src/features/board/view';
import { reorder } from '../../src/features/workflow/WorkflowPage';

const card = (id: string, rank: string, patch: Partial<Card> = {}): Card => ({
  id,
  title: id,
  type: 'story',
  estimate: null,
  assigneeId: null,
  sprintId: null,
  labelIds: [],
  parentId: null,
  openImpediments: [],
  inColumnSince: '2026-12-01T08:00:00.000Z',
  rank,
  version: 1,
  ...patch,
});

const board: Board = {
  teamId: 't',
  sprintId: null,
  wipMode: 'enforce',
  epics: [],
  columns: [
    {
      statusId: 'todo',
      name: 'Da fare',
      category: 'todo',
      wipLimit: null,
      wipCount: 3,
      overLimit: false,
      items: [
        card('a', 'a0', { assigneeId: 'anna', type: 'bug', labelIds: ['l1'] }),
        card('b', 'a1'),
        card('c', 'a2', { assigneeId: 'marco' }),
      ],
    },
    {
      statusId: 'done',
      name: 'Fatto',
      category: 'done',
      wipLimit: null,
      wipCount: 1,
      overLimit: false,
      items: [card('d', 'a3', { assigneeId: 'anna' })],
    },
  ],
};

const titles = (lanes: ReturnType<typeof boardView>) =>
  lanes.map((l) => [l.id, l.cells.map((c) => c.cards.map((x) => x.id))]);

describe('the board as shown', () => {
  it('filters mine, type and label; keeps every column', () => {
    expect(titles(boardView(board, { mine: true }, 'anna', []))).toEqual([['all', [['a'], ['d']]]]);
    expect(titles(boardView(board, { type: 'bug' }, undefined, []))).toEqual([
      ['all', [['a'], []]],
    ]);
    expect(titles(boardView(board, { label: 'l1' }, undefined, []))).toEqual([
      ['all', [['a'], []]],
    ]);
  });

  it('swimlanes by assignee in the team’s order, unassigned last, empty lanes left out', () => {
    expect(
      titles(boardView(board, { lanes: 'assignee' }, undefined, ['marco', 'anna', 'sara'])),
    ).toEqual([
      ['marco', [['c'], []]],
      ['anna', [['a'], ['d']]],
      ['none', [['b'], []]],
    ]);
  });

  it('an assignee who left the team still gets a lane', () => {
    expect(titles(boardView(board, { lanes: 'assignee' }, undefined, ['anna']))).toEqual([
      ['anna', [['a'], ['d']]],
      ['none', [['b'], []]],
      ['marco', [['c'], []]],
    ]);
  });

  it('swimlanes by epic in backlog order, with counts, "no epic" last, empty lanes left out', () => {
    const withEpics: Board = {
      ...board,
      epics: [
        { id: 'e2', title: 'Sportello', rank: 'Z0', archived: false, version: 1 },
        { id: 'e1', title: 'Mensa', rank: 'Z5', archived: false, version: 1 },
        { id: 'e3', title: 'Vuota', rank: 'Z9', archived: false, version: 1 },
      ],
      columns: board.columns.map((column) => ({
        ...column,
        items: column.items.map((c) =>
          c.id === 'a' || c.id === 'd'
            ? { ...c, parentId: 'e1' }
            : c.id === 'c'
              ? { ...c, parentId: 'e2' }
              : c,
        ),
      })),
    };
    const lanes = boardView(withEpics, { lanes: 'epic' }, undefined, ['anna']);
    expect(titles(lanes)).toEqual([
      ['e2', [['c'], []]],
      ['e1', [['a'], ['d']]],
      ['none', [['b'], []]],
    ]);
    expect(lanes.map((l) => l.count)).toEqual([1, 2, 1]);
    // Filters apply inside the lanes: a lane left empty is not shown.
    expect(titles(boardView(withEpics, { lanes: 'epic', type: 'bug' }, undefined, []))).toEqual([
      ['e1', [['a'], []]],
    ]);
  });

  it('a drop place becomes before/after a card, or the bottom of an empty column', () => {
    const cards = board.columns[0].items;
    expect(anchorIn(cards, 'c', 0)).toEqual({ before: 'a' });
    expect(anchorIn(cards, 'a', 1)).toEqual({ before: 'c' });
    expect(anchorIn(cards, 'a', 2)).toEqual({ after: 'c' });
    expect(anchorIn([], 'a', 0)).toEqual({});
  });

  it('filters round-trip through the URL; unknown values are dropped', () => {
    const f = { mine: true, type: 'bug', label: 'l1', lanes: 'assignee' as const };
    expect(readBoardFilters(writeBoardFilters(f))).toEqual(f);
    expect(readBoardFilters(new URLSearchParams('lanes=epic'))).toEqual({ lanes: 'epic' });
    expect(readBoardFilters(new URLSearchParams('type=nonsense&lanes=sprint&mine=1'))).toEqual({});
  });

  it('aging counts whole days', () => {
    const since = '2026-12-01T08:00:00.000Z';
    expect(daysSince(since, Date.parse('2026-12-01T20:00:00.000Z'))).toBe(0);
    expect(daysSince(since, Date.parse('2026-12-04T09:00:00.000Z'))).toBe(3);
  });
});

describe('column order in the workflow editor', () => {
  const s = (id: string, position: number) => ({
    id,
    name: id,
    category: 'todo' as const,
    position,
    wipLimit: null,
    version: 1,
  });
  it('a move by one place renumbers only the columns whose position changes', () => {
    const cols = [s('a', 1), s('b', 2), s('c', 3)];
    expect(reorder(cols, cols[2], -1).map((c) => [c.status.id, c.position])).toEqual([
      ['c', 2],
      ['b', 3],
    ]);
    expect(reorder(cols, cols[0], -1)).toEqual([]);
    const gaps = [s('a', 1), s('b', 5), s('c', 9)];
    expect(reorder(gaps, gaps[0], 1).map((c) => [c.status.id, c.position])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
  });
});
