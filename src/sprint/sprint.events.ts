/**
 * The data of the events the sprint module emits (listed in src/events/event-catalogue.ts).
 * Reports replay these (with the backlog's events), so each carries what a replay needs:
 * estimates at the moment of the change, from/to columns with their categories.
 */
export const CATEGORIES = ['todo', 'in_progress', 'done'] as const;
export type Category = (typeof CATEGORIES)[number];
export type SprintState = 'planned' | 'active' | 'completed';
export type WipMode = 'enforce' | 'warn';

export interface StatusSnapshot {
  id: string;
  teamId: string;
  name: string;
  category: Category;
  position: number;
  wipLimit: number | null;
  version: number;
}

export interface SprintSnapshot {
  id: string;
  teamId: string;
  name: string;
  goal: string;
  startDate: string | null;
  endDate: string | null;
  state: SprintState;
  startedAt: string | null;
  completedAt: string | null;
  version: number;
}

export interface ScopeItem {
  itemId: string;
  estimate: number | null;
  category: Category;
}

export interface CarryDestination {
  itemId: string;
  to: 'top' | 'bottom' | 'sprint';
  sprintId: string | null;
  rank: string | null;
}

export interface SprintEvents {
  'sprint.created': { sprint: SprintSnapshot };
  'sprint.updated': { sprint: SprintSnapshot; changes: string[] };
  'sprint.started': { sprint: SprintSnapshot; commitment: ScopeItem[] };
  'sprint.completed': {
    sprint: SprintSnapshot;
    carriedOver: ScopeItem[];
    /** The default destination; destinations says where each item actually went. */
    carryTo: 'top' | 'bottom' | 'sprint';
    nextSprintId: string | null;
    /**
     * Every carried item's destination (a per-item override or the default), with its new
     * backlog rank when it went to the top or bottom. Absent in events written before 2026-12-03:
     * there every item went to carryTo / nextSprintId.
     */
    destinations?: CarryDestination[];
  };
  'sprint.items_added': {
    sprintId: string;
    items: ScopeItem[];
    ranks: { itemId: string; rank: string }[];
    /** True when the sprint was active: a scope change. */
    scopeChange: boolean;
  };
  'sprint.items_removed': { sprintId: string; items: ScopeItem[]; scopeChange: boolean };
  'board.item_moved': {
    itemId: string;
    sprintId: string | null;
    from: { statusId: string | null; category: Category };
    to: { statusId: string; category: Category };
    rank: string;
    wipLimit: number | null;
    wipCount: number;
    wipExceeded: boolean;
  };
  'workflow.status_created': { status: StatusSnapshot };
  'workflow.status_updated': { status: StatusSnapshot; changes: string[] };
  'workflow.status_deleted': {
    statusId: string;
    movedTo: { statusId: string; category: Category } | null;
    itemIds: string[];
  };
  'workflow.updated': { wipMode: WipMode };
  'capacity.updated': {
    sprintId: string;
    members: { userId: string; daysOff: number; focusFactor: number }[];
    capacityDays: number;
  };
}

/** The sprint module's part of a new team: its default columns (WorkflowService). */
declare module '../identity/identity.events' {
  interface TeamCreatedParts {
    workflow: { statuses: StatusSnapshot[] };
  }
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends SprintEvents {}
}
