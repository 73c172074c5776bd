import type { components } from '../api/schema';
import { reduceEpics, reduceImpediment } from './board-epics';
import type { EventEnvelope } from './events';

export type Board = components['schemas']['BoardDto'];
export type BoardColumn = components['schemas']['ColumnDto'];
export type Card = components['schemas']['CardDto'];
export type Workflow = components['schemas']['WorkflowDto'];
export type WorkflowStatus = components['schemas']['StatusDto'];

/** What an event does to a cached board; 'refetch' when the event does not carry enough. */
export type BoardOutcome = Board | 'refetch';

const byRank = (a: Card, b: Card) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0);

/** The server's WIP figures, recomputed from the cards the board holds (the same rule). */
function withCards(column: BoardColumn, items: Card[]): BoardColumn {
  return {
    ...column,
    items,
    wipCount: items.length,
    overLimit: column.wipLimit !== null && items.length > column.wipLimit,
  };
}

export function findCard(board: Board, itemId: string): { card: Card; statusId: string } | null {
  for (const column of board.columns) {
    const card = column.items.find((c) => c.id === itemId);
    if (card) return { card, statusId: column.statusId };
  }
  return null;
}

/** Puts the card in a column at its rank's place, taking it out of wherever it was. */
export function placeCard(board: Board, card: Card, statusId: string): Board {
  if (!board.columns.some((c) => c.statusId === statusId)) return board;
  return {
    ...board,
    columns: board.columns.map((column) => {
      const others = column.items.filter((c) => c.id !== card.id);
      if (column.statusId === statusId) return withCards(column, [...others, card].sort(byRank));
      return others.length === column.items.length ? column : withCards(column, others);
    }),
  };
}

export function removeCards(board: Board, ids: Iterable<string>): Board {
  const gone = new Set(ids);
  if (!board.columns.some((c) => c.items.some((i) => gone.has(i.id)))) return board;
  return {
    ...board,
    columns: board.columns.map((column) =>
      column.items.some((i) => gone.has(i.id))
        ? withCards(
            column,
            column.items.filter((i) => !gone.has(i.id)),
          )
        : column,
    ),
  };
}

function mapCards(board: Board, fn: (card: Card) => Card): Board {
  let changed = false;
  const columns = board.columns.map((column) => {
    let touched = false;
    const items = column.items.map((card) => {
      const next = fn(card);
      if (next !== card) touched = true;
      return next;
    });
    if (!touched) return column;
    changed = true;
    return { ...column, items: items.sort(byRank) };
  });
  return changed ? { ...board, columns } : board;
}

function setRanks(board: Board, ranks: readonly { itemId: string; rank: string }[]): Board {
  const byId = new Map(ranks.map((r) => [r.itemId, r.rank]));
  return mapCards(board, (card) => {
    const rank = byId.get(card.id);
    return rank === undefined || rank === card.rank ? card : { ...card, rank };
  });
}

/**
 * Whether an item belongs on this board: a sprint's board holds that sprint's items; the
 * continuous board (no sprint, Kanban) every item of the team.
 */
function belongs(board: Board, item: { sprintId: string | null; archivedAt: string | null }) {
  if (item.archivedAt !== null) return false;
  return board.sprintId === null || item.sprintId === board.sprintId;
}

/** The continuous board of a Kanban team, or a Scrum team's sprint board. */
const continuous = (board: Board) => board.sprintId === null;

/**
 * The board events, applied in seq order. Each branch is idempotent (a move already shown —
 * the mover's own, applied from its answer — leaves the board as it is), so the answer and the
 * event may arrive in either order.
 */
export function reduceBoard(board: Board, event: EventEnvelope): BoardOutcome {
  return reduceCards(reduceImpediment(reduceEpics(board, event), event), event);
}

function reduceCards(board: Board, event: EventEnvelope): BoardOutcome {
  // Only the types that touch a board; every other event leaves it as it is.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (event.type) {
    case 'board.item_moved': {
      const data = (event as EventEnvelope<'board.item_moved'>).data;
      const found = findCard(board, data.itemId);
      if (!found) {
        const ours = continuous(board) || data.sprintId === board.sprintId;
        return ours ? 'refetch' : board;
      }
      if (found.statusId === data.to.statusId && found.card.rank === data.rank) return board;
      const entered = found.statusId !== data.to.statusId;
      return placeCard(
        board,
        {
          ...found.card,
          rank: data.rank,
          version: found.card.version + 1,
          inColumnSince: entered ? event.occurredAt : found.card.inColumnSince,
        },
        data.to.statusId,
      );
    }
    case 'backlog_item.created':
    case 'backlog_item.updated': {
      const { item } = (event as EventEnvelope<'backlog_item.updated'>).data;
      const found = findCard(board, item.id);
      if (!found) return belongs(board, item) ? 'refetch' : board;
      if (found.card.version >= item.version) return board;
      if (!belongs(board, item)) return removeCards(board, [item.id]);
      const column = board.columns.find((c) => c.statusId === found.statusId);
      // A new status moved the item to another column, which the event does not name.
      if (column && column.category !== item.status) return 'refetch';
      const card: Card = {
        ...found.card,
        title: item.title,
        type: item.type,
        estimate: item.estimate,
        assigneeId: item.assigneeId,
        labelIds: item.labelIds,
        parentId: item.parentId,
        sprintId: item.sprintId,
        rank: item.rank,
        version: item.version,
      };
      return placeCard(board, card, found.statusId);
    }
    case 'backlog_item.ranked': {
      const { moves } = (event as EventEnvelope<'backlog_item.ranked'>).data;
      return setRanks(
        board,
        moves.map((m) => ({ itemId: m.itemId, rank: m.to })),
      );
    }
    case 'backlog_item.rebalanced':
      return setRanks(board, (event as EventEnvelope<'backlog_item.rebalanced'>).data.ranks);
    case 'backlog_item.archived':
      return removeCards(board, [(event as EventEnvelope<'backlog_item.archived'>).data.itemId]);
    case 'label.deleted': {
      const { labelId, itemIds } = (event as EventEnvelope<'label.deleted'>).data;
      const touched = new Set(itemIds);
      return mapCards(board, (card) =>
        touched.has(card.id)
          ? { ...card, labelIds: card.labelIds.filter((id) => id !== labelId) }
          : card,
      );
    }
    case 'sprint.items_added': {
      const { sprintId, items } = (event as EventEnvelope<'sprint.items_added'>).data;
      if (sprintId === board.sprintId) return 'refetch';
      // Kanban teams have no sprints; on a sprint board the items left for another sprint.
      return continuous(board)
        ? board
        : removeCards(
            board,
            items.map((i) => i.itemId),
          );
    }
    case 'sprint.items_removed': {
      const { sprintId, items } = (event as EventEnvelope<'sprint.items_removed'>).data;
      if (sprintId !== board.sprintId) return board;
      return removeCards(
        board,
        items.map((i) => i.itemId),
      );
    }
    // The sprint the board shows by default changes.
    case 'sprint.started':
    case 'sprint.completed':
      return 'refetch';
    case 'workflow.updated': {
      const { wipMode } = (event as EventEnvelope<'workflow.updated'>).data;
      return wipMode === board.wipMode ? board : { ...board, wipMode };
    }
    case 'workflow.status_updated': {
      const { status, changes } = (event as EventEnvelope<'workflow.status_updated'>).data;
      if (changes.includes('position')) return 'refetch';
      return {
        ...board,
        columns: board.columns.map((column) =>
          column.statusId === status.id
            ? withCards(
                {
                  ...column,
                  name: status.name,
                  category: status.category,
                  wipLimit: status.wipLimit,
                },
                column.items,
              )
            : column,
        ),
      };
    }
    case 'workflow.status_created': {
      const { status } = (event as EventEnvelope<'workflow.status_created'>).data;
      if (board.columns.some((c) => c.statusId === status.id)) return board;
      // A new column goes at the end (the server gives it the highest position).
      const column: BoardColumn = {
        statusId: status.id,
        name: status.name,
        category: status.category,
        wipLimit: status.wipLimit,
        wipCount: 0,
        overLimit: false,
        items: [],
      };
      return { ...board, columns: [...board.columns, column] };
    }
    case 'workflow.status_deleted': {
      const { statusId, itemIds } = (event as EventEnvelope<'workflow.status_deleted'>).data;
      if (!board.columns.some((c) => c.statusId === statusId)) return board;
      // The cards went to another column, each at its own rank: read the board again.
      if (itemIds.length > 0) return 'refetch';
      return { ...board, columns: board.columns.filter((c) => c.statusId !== statusId) };
    }
  }
  return board;
}

const byPosition = (a: WorkflowStatus, b: WorkflowStatus) => a.position - b.position;

/** The workflow (columns and WIP mode) from its own events, which carry every new state. */
export function reduceWorkflow(workflow: Workflow, event: EventEnvelope): Workflow {
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (event.type) {
    case 'workflow.updated': {
      const { wipMode } = (event as EventEnvelope<'workflow.updated'>).data;
      return wipMode === workflow.wipMode ? workflow : { ...workflow, wipMode };
    }
    case 'workflow.status_created':
    case 'workflow.status_updated': {
      const { status } = (event as EventEnvelope<'workflow.status_updated'>).data;
      const cached = workflow.statuses.find((s) => s.id === status.id);
      if (cached && cached.version >= status.version) return workflow;
      const next: WorkflowStatus = {
        id: status.id,
        name: status.name,
        category: status.category,
        position: status.position,
        wipLimit: status.wipLimit,
        version: status.version,
      };
      const statuses = cached
        ? workflow.statuses.map((s) => (s.id === status.id ? next : s))
        : [...workflow.statuses, next];
      // A stable sort: columns of equal position keep the server's order (then creation).
      return { ...workflow, statuses: statuses.sort(byPosition) };
    }
    case 'workflow.status_deleted': {
      const { statusId } = (event as EventEnvelope<'workflow.status_deleted'>).data;
      if (!workflow.statuses.some((s) => s.id === statusId)) return workflow;
      return { ...workflow, statuses: workflow.statuses.filter((s) => s.id !== statusId) };
    }
  }
  return workflow;
}

/** Event types that touch a board or the workflow (registered once in board-live). */
export const BOARD_EVENT_TYPES = [
  'board.item_moved',
  'backlog_item.created',
  'backlog_item.updated',
  'backlog_item.ranked',
  'backlog_item.rebalanced',
  'backlog_item.archived',
  'label.deleted',
  'sprint.items_added',
  'sprint.items_removed',
  'sprint.started',
  'sprint.completed',
  'workflow.updated',
  'workflow.status_updated',
  'workflow.status_created',
  'workflow.status_deleted',
  'impediment.raised',
  'impediment.updated',
] as const;
