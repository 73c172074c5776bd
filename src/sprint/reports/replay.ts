/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- event data is read loosely here; its shapes are typed in sprint.events.ts and replayed by type */
import type { CarryDestination, Category } from '../sprint.events';

/** An event as reports read it from the log. */
export interface LoggedEvent {
  seq: number;
  type: string;
  occurredAt: Date;
  actorId: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalogue's union, read loosely
  data: any;
}

export interface ItemState {
  id: string;
  estimate: number | null;
  category: Category;
  statusId: string | null;
  sprintId: string | null;
  archived: boolean;
  createdAt: Date;
  /** First time it entered an in-progress column. */
  startedAt: Date | null;
  /** When it last entered a done column; null when not done. */
  doneAt: Date | null;
}

/**
 * The event types a replay (and the sprint report) reads; the log query fetches only these, so
 * comments, rank moves and rebalances of a busy backlog cost the reports nothing.
 */
export const REPLAYED_TYPES = [
  'backlog_item.created',
  'backlog_item.updated',
  'backlog_item.archived',
  'board.item_moved',
  'workflow.status_deleted',
  'sprint.items_added',
  'sprint.items_removed',
  'sprint.started',
  'sprint.completed',
] as const;

/**
 * Item state rebuilt from the event log, one event at a time, so a report can ask "what was
 * true at the end of day N" — the past as it was, not as the rows say today.
 */
export class Replay {
  readonly items = new Map<string, ItemState>();

  apply(e: LoggedEvent): void {
    const d = e.data;
    switch (e.type) {
      case 'backlog_item.created':
        this.items.set(d.item.id, {
          id: d.item.id,
          estimate: d.item.estimate,
          category: d.item.status,
          statusId: null,
          sprintId: d.item.sprintId,
          archived: false,
          createdAt: e.occurredAt,
          startedAt: null,
          doneAt: null,
        });
        this.enter(d.item.id, d.item.status, null, e.occurredAt);
        break;
      case 'backlog_item.updated': {
        const item = this.items.get(d.item.id);
        if (!item) return;
        item.estimate = d.item.estimate;
        item.sprintId = d.item.sprintId;
        if (d.item.status !== item.category) this.enter(item.id, d.item.status, null, e.occurredAt);
        break;
      }
      case 'backlog_item.archived': {
        const item = this.items.get(d.itemId);
        if (item) item.archived = true;
        break;
      }
      case 'board.item_moved':
        this.enter(d.itemId, d.to.category, d.to.statusId, e.occurredAt);
        break;
      case 'workflow.status_deleted':
        if (d.movedTo)
          for (const id of d.itemIds)
            this.enter(id, d.movedTo.category, d.movedTo.statusId, e.occurredAt);
        break;
      case 'sprint.started':
        // A replay that begins here (a sprint's reports) learns the committed items from the snapshot.
        for (const c of d.commitment ?? []) this.learn(c, d.sprint.id, e.occurredAt);
        break;
      case 'sprint.items_added':
        for (const added of d.items) {
          const item = this.items.get(added.itemId) ?? this.learn(added, d.sprintId, e.occurredAt);
          item.sprintId = d.sprintId;
          item.estimate = added.estimate;
        }
        break;
      case 'sprint.items_removed':
        for (const removed of d.items) {
          const item = this.items.get(removed.itemId);
          if (item) item.sprintId = null;
        }
        break;
      case 'sprint.completed':
        {
          // Per-item destinations since 2026-12-03; before, all went to nextSprintId.
          const to = new Map<string, string | null>();
          for (const x of (d.destinations ?? []) as CarryDestination[])
            to.set(x.itemId, x.sprintId);
          for (const carried of d.carriedOver) {
            const item = this.items.get(carried.itemId);
            if (item)
              item.sprintId = to.has(carried.itemId) ? to.get(carried.itemId)! : d.nextSprintId;
          }
        }
        break;
    }
  }

  /** An item first seen in a sprint event (the replay began after its creation): as the event says. */
  private learn(
    scope: { itemId: string; estimate: number | null; category: Category },
    sprintId: string,
    at: Date,
  ): ItemState {
    let item = this.items.get(scope.itemId);
    if (!item) {
      item = {
        id: scope.itemId,
        estimate: scope.estimate,
        category: scope.category,
        statusId: null,
        sprintId,
        archived: false,
        createdAt: at,
        startedAt: null,
        doneAt: null,
      };
      this.items.set(item.id, item);
    }
    return item;
  }

  private enter(id: string, category: Category, statusId: string | null, at: Date): void {
    const item = this.items.get(id);
    if (!item) return;
    item.category = category;
    item.statusId = statusId;
    if (category === 'in_progress' && !item.startedAt) item.startedAt = at;
    if (category === 'done') {
      item.doneAt = at;
      // Straight to done counts as started then, so cycle time is never undefined.
      item.startedAt ??= at;
    } else item.doneAt = null;
  }
}
