import type { Board, BoardColumn, Card } from '../../api/board';

/** The board's quick filters and swimlanes, kept in the URL so a view can be shared. */
export interface BoardFilters {
  mine?: boolean;
  type?: string;
  label?: string;
  lanes?: LaneKind;
}

export type LaneKind = 'assignee' | 'epic';
const LANE_KINDS: readonly string[] = ['assignee', 'epic'];

const TYPES = ['story', 'bug', 'task', 'spike', 'epic'];

export function readBoardFilters(params: URLSearchParams): BoardFilters {
  const f: BoardFilters = {};
  if (params.get('mine') === 'true') f.mine = true;
  const type = params.get('type');
  if (type && TYPES.includes(type)) f.type = type;
  const label = params.get('label');
  if (label) f.label = label;
  const lanes = params.get('lanes');
  if (lanes && LANE_KINDS.includes(lanes)) f.lanes = lanes as LaneKind;
  return f;
}

export function writeBoardFilters(f: BoardFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.mine) params.set('mine', 'true');
  if (f.type) params.set('type', f.type);
  if (f.label) params.set('label', f.label);
  if (f.lanes) params.set('lanes', f.lanes);
  return params;
}

export const isFiltered = (f: BoardFilters) => Boolean(f.mine || f.type || f.label);

export function matches(card: Card, f: BoardFilters, meId: string | undefined): boolean {
  return (
    (!f.mine || (meId !== undefined && card.assigneeId === meId)) &&
    (!f.type || card.type === f.type) &&
    (!f.label || card.labelIds.includes(f.label))
  );
}

export interface Cell {
  column: BoardColumn;
  /** The cards shown in this lane of the column, in rank order. */
  cards: Card[];
}

export interface Lane {
  /** 'all' without swimlanes; else an assignee's or an epic's id, or 'none'. */
  id: string;
  cells: Cell[];
  /** The cards shown in the lane, all columns together. */
  count: number;
}

export const laneOf = (card: Card, f: BoardFilters) =>
  f.lanes === 'assignee'
    ? (card.assigneeId ?? 'none')
    : f.lanes === 'epic'
      ? (card.parentId ?? 'none')
      : 'all';

/**
 * What the screen shows: the columns split into lanes, the filters applied. Lanes by assignee
 * follow the order of `assignees` (the team's members), lanes by epic the backlog order of
 * the board's epics; "unassigned" or "no epic" comes last and empty lanes are left out.
 */
export function boardView(
  board: Board,
  f: BoardFilters,
  meId: string | undefined,
  assignees: readonly string[],
): Lane[] {
  const order = f.lanes === 'epic' ? board.epics.map((e) => e.id) : assignees;
  const laneIds = f.lanes ? [...order, 'none'] : ['all'];
  const lanes: Lane[] = laneIds.map((id) => ({
    id,
    cells: board.columns.map((column) => ({ column, cards: [] as Card[] })),
    count: 0,
  }));
  const index = new Map(lanes.map((lane, i) => [lane.id, i]));
  board.columns.forEach((column, c) => {
    for (const card of column.items) {
      if (!matches(card, f, meId)) continue;
      let at = index.get(laneOf(card, f));
      // An assignee no longer in the team (an epic the board does not list) still gets a lane.
      if (at === undefined) {
        at = lanes.length;
        index.set(laneOf(card, f), at);
        lanes.push({
          id: laneOf(card, f),
          cells: board.columns.map((col) => ({ column: col, cards: [] as Card[] })),
          count: 0,
        });
      }
      lanes[at].cells[c].cards.push(card);
      lanes[at].count += 1;
    }
  });
  if (!f.lanes) return lanes;
  return lanes.filter((lane) => lane.count > 0);
}

/**
 * Where a card dropped at `index` of a cell goes: before the card then at that place, or
 * after the last one; no anchor in an empty cell (the bottom of the column).
 */
export function anchorIn(
  cards: readonly Card[],
  itemId: string,
  index: number,
): { before?: string; after?: string } {
  const rest = cards.filter((c) => c.id !== itemId);
  if (index < rest.length) return { before: rest[index].id };
  if (rest.length > 0) return { after: rest[rest.length - 1].id };
  return {};
}

/** Whole days since `since`, by the clock of the person's computer. */
export function daysSince(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 86_400_000));
}
