/**
 * The data of the events the backlog emits (listed in src/events/event-catalogue.ts).
 * Each carries what a client needs to update its view without a refetch.
 */
export const ITEM_TYPES = ['epic', 'story', 'bug', 'task', 'spike'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Fixed until the sprint issue brings custom workflows. */
export const ITEM_STATUSES = ['todo', 'in_progress', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface ReadyCheck {
  text: string;
  done: boolean;
}

export interface BacklogItemSnapshot {
  id: string;
  teamId: string;
  type: ItemType;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  estimate: number | null;
  status: ItemStatus;
  labelIds: string[];
  assigneeId: string | null;
  parentId: string | null;
  sprintId: string | null;
  readyChecklist: ReadyCheck[];
  ready: boolean;
  rank: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  version: number;
}

export interface LabelSnapshot {
  id: string;
  teamId: string;
  name: string;
  color: string;
  version: number;
}

/** One changed field, as history shows it. */
/**
 * Set when another module changed the item as part of its own use case (a planning poker
 * session wrote the estimate, a retrospective action item became this item…), so the item's
 * history says where the change came from.
 */
export interface ItemChangeSource {
  kind: 'poker_session' | 'retro_action_item' | 'review_feedback' | 'import';
  id: string;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface RankMove {
  itemId: string;
  from: string;
  to: string;
}

export interface BacklogEvents {
  'backlog_item.created': { item: BacklogItemSnapshot; source?: ItemChangeSource };
  'backlog_item.updated': {
    item: BacklogItemSnapshot;
    changes: FieldChange[];
    source?: ItemChangeSource;
  };
  'backlog_item.ranked': {
    moves: RankMove[];
    before: string | null;
    after: string | null;
    position: 'top' | 'bottom' | null;
  };
  'backlog_item.rebalanced': { ranks: { itemId: string; rank: string }[] };
  'backlog_item.archived': { itemId: string; archivedAt: string; version: number };
  'label.created': { label: LabelSnapshot };
  'label.updated': { label: LabelSnapshot; changes: FieldChange[] };
  'label.deleted': { labelId: string; name: string; itemIds: string[] };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends BacklogEvents {}
}
