import { Injectable } from '@nestjs/common';
import type { Actor } from '../../identity/actor';
import type { EventCatalogue } from '../../events/event-catalogue';
import { EventsReader } from '../../events/events.reader';
import type { BacklogItemSnapshot, FieldChange, ItemChangeSource } from '../backlog.events';
import { BacklogAccess } from '../backlog-access';
import { HistoryEntryDto } from '../items/dto/backlog-item-response.dto';

/** Fields a creation shows in history (from null to the initial value), when not empty. */
const CREATED_FIELDS: (keyof BacklogItemSnapshot)[] = [
  'type',
  'title',
  'description',
  'acceptanceCriteria',
  'estimate',
  'status',
  'labelIds',
  'assigneeId',
  'parentId',
  'readyChecklist',
];

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** What an event changed on one item, as {field, from, to}. */
export function changesOf(
  type: string,
  data: Record<string, unknown>,
  itemId: string,
): FieldChange[] {
  switch (type) {
    case 'backlog_item.created': {
      const item = (data as EventCatalogue['backlog_item.created']).item;
      return CREATED_FIELDS.filter((field) => !isEmpty(item[field])).map((field) => ({
        field,
        from: null,
        to: item[field],
      }));
    }
    case 'backlog_item.updated':
      return (data as EventCatalogue['backlog_item.updated']).changes;
    case 'backlog_item.ranked':
      return (data as EventCatalogue['backlog_item.ranked']).moves
        .filter((move) => move.itemId === itemId)
        .map((move) => ({ field: 'rank', from: move.from, to: move.to }));
    case 'comment.created':
      return [
        {
          field: 'comment',
          from: null,
          to: (data as EventCatalogue['comment.created']).comment.body,
        },
      ];
    case 'comment.updated':
      return (data as EventCatalogue['comment.updated']).changes.map((change) => ({
        field: 'comment',
        from: change.from,
        to: change.to,
      }));
    case 'backlog_item.archived':
      return [
        {
          field: 'archivedAt',
          from: null,
          to: (data as EventCatalogue['backlog_item.archived']).archivedAt,
        },
      ];
    default:
      return [];
  }
}

/** The comment a `comment.*` event is about (its data holds the comment, or its id once deleted). */
function commentIdOf(data: Record<string, unknown>): string {
  return (data.commentId as string | undefined) ?? (data.comment as { id: string }).id;
}

/**
 * Who changed what, from what to what, when — read from the team's event log; comments on the
 * item are part of its story (`comment.*`, with `commentId`).
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly access: BacklogAccess,
    private readonly events: EventsReader,
  ) {}

  async history(actor: Actor, itemId: string): Promise<HistoryEntryDto[]> {
    const teamId = await this.access.item(actor, itemId, 'team.read');
    const events = await this.events.forItem(teamId, itemId);
    return events.map((event) => {
      const data = event.data as unknown as Record<string, unknown>;
      return {
        seq: event.seq,
        type: event.type,
        occurredAt: event.occurredAt.toISOString(),
        actorId: event.actorId,
        changes: changesOf(event.type, data, itemId),
        source: (data.source as ItemChangeSource | undefined) ?? null,
        ...(event.type.startsWith('comment.') && { commentId: commentIdOf(data) }),
      };
    });
  }
}
