import { Injectable } from '@nestjs/common';
import { requireVersion } from '../common/concurrency';
import { EntityManager } from 'typeorm';
import { BacklogItemsService } from '../backlog/items/backlog-items.service';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import type {
  ActionItemDto,
  CreateActionItemDto,
  ToBacklogDto,
  UpdateActionItemDto,
} from './dto/action-item.dto';
import type { CreateNoteDto } from './dto/retrospective.dto';
import type { NoteDto } from './dto/retrospective-view.dto';
import type { ToBacklogResultDto } from './dto/to-backlog.dto';
import { RetroAccess } from './retro-access';
import { requirePhase } from './retro-phases';
import { ActionItemRow, RetroActionsRepository } from './retro-actions.repository';
import { RetroRepository } from './retro.repository';
import { actionItemDto, actionItemSnapshot, noteDto } from './retro-view';

/** The discuss phase: notes, action items, and action items that become backlog items. */
@Injectable()
export class DiscussService {
  constructor(
    private readonly access: RetroAccess,
    private readonly repo: RetroRepository,
    private readonly actions: RetroActionsRepository,
    private readonly backlog: BacklogItemsService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async addNote(actor: Actor, retroId: string, dto: CreateNoteDto): Promise<NoteDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'discuss');
      const groupId = await this.groupOf(m, retroId, dto.groupId);
      const row = await this.actions.insertNote(m, teamId, retroId, {
        groupId,
        text: dto.text,
        authorId: actor.userId,
      });
      const note = noteDto(row);
      await this.events.append(m, {
        teamId,
        type: 'retro.note_added',
        actorId: actor.userId,
        data: {
          retrospectiveId: retroId,
          note: { id: note.id, groupId: note.groupId, text: note.text, authorId: note.authorId },
        },
      });
      return note;
    });
  }

  async createActionItem(
    actor: Actor,
    retroId: string,
    dto: CreateActionItemDto,
  ): Promise<ActionItemDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'discuss');
      const groupId = await this.groupOf(m, retroId, dto.groupId ?? undefined);
      const ownerId = await this.ownerOf(m, teamId, dto.ownerId);
      const row = await this.actions.insertActionItem(m, teamId, retroId, {
        groupId,
        text: dto.text,
        ownerId: ownerId ?? null,
        dueDate: dto.dueDate ?? null,
      });
      await this.events.append(m, {
        teamId,
        type: 'retro.action_item_created',
        actorId: actor.userId,
        data: { retrospectiveId: retroId, actionItem: actionItemSnapshot(row) },
      });
      return actionItemDto(row);
    });
  }

  /** Text, owner and due date change in discuss; `done` is the follow-up, even once closed. */
  async updateActionItem(
    actor: Actor,
    retroId: string,
    id: string,
    version: number,
    dto: UpdateActionItemDto,
  ): Promise<ActionItemDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      const item = await this.current(m, retroId, id, version);
      const ownerId = await this.ownerOf(m, teamId, dto.ownerId);
      const next = {
        text: dto.text ?? item.text,
        owner_id: ownerId === undefined ? item.owner_id : ownerId,
        due_date: dto.dueDate === undefined ? item.due_date : dto.dueDate,
        done: dto.done ?? item.done,
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
        (k) => next[k] !== item[k],
      );
      if (changed.some((k) => k !== 'done')) requirePhase(retro.phase, 'discuss');
      if (changed.length === 0) return actionItemDto(item);
      const set = Object.fromEntries(changed.map((k) => [k, next[k]]));
      const row = (await this.actions.updateActionItem(m, retroId, id, version, set))!;
      await this.events.append(m, {
        teamId,
        type: 'retro.action_item_updated',
        actorId: actor.userId,
        data: {
          retrospectiveId: retroId,
          actionItem: actionItemSnapshot(row),
          changes: changed.map((k) => k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())),
        },
      });
      return actionItemDto(row);
    });
  }

  /**
   * The backlog item, the link and both events commit together: the backlog's own
   * `backlog_item.created` (with its source) reaches backlog subscribers like any other.
   */
  async toBacklog(
    actor: Actor,
    retroId: string,
    id: string,
    dto: ToBacklogDto,
  ): Promise<ToBacklogResultDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    await this.access.team(actor, teamId, 'backlog.create');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      if (retro.phase !== 'closed') requirePhase(retro.phase, 'discuss');
      const item = await this.found(m, retroId, id);
      if (item.backlog_item_id)
        throw new ConflictError(
          'action-item-linked',
          'This action item already has a backlog item',
          { backlogItemId: item.backlog_item_id },
        );
      const backlogItem = await this.backlog.createWithin(
        m,
        actor.userId,
        teamId,
        {
          type: dto.type ?? 'task',
          title: dto.title ?? item.text.slice(0, 200),
          description: item.text,
          ...(item.owner_id && { assigneeId: item.owner_id }),
        },
        { kind: 'retro_action_item', id: item.id },
      );
      const row = (await this.actions.updateActionItem(m, retroId, id, item.version, {
        backlog_item_id: backlogItem.id,
      }))!;
      await this.events.append(m, {
        teamId,
        type: 'retro.action_item_linked',
        actorId: actor.userId,
        data: { retrospectiveId: retroId, actionItemId: id, backlogItemId: backlogItem.id },
      });
      return { actionItem: actionItemDto(row), backlogItem };
    });
  }

  private async groupOf(
    m: EntityManager,
    retroId: string,
    groupId: string | undefined,
  ): Promise<string | null> {
    if (groupId === undefined) return null;
    const id = groupId.toLowerCase();
    if (!(await this.repo.group(m, retroId, id)))
      throw new ValidationFailedError([
        { field: 'groupId', message: 'is not a group of this retrospective' },
      ]);
    return id;
  }

  /** undefined: not given; null: nobody. */
  private async ownerOf(
    m: EntityManager,
    teamId: string,
    ownerId: string | null | undefined,
  ): Promise<string | null | undefined> {
    if (ownerId === undefined || ownerId === null) return ownerId;
    const id = ownerId.toLowerCase();
    if (!(await this.repo.isMember(m, teamId, id)))
      throw new ValidationFailedError([
        { field: 'ownerId', message: 'is not a member of this team' },
      ]);
    return id;
  }

  private async found(m: EntityManager, retroId: string, id: string): Promise<ActionItemRow> {
    const row = await this.actions.actionItem(m, retroId, id);
    if (!row) throw new NotFoundError('Action item', id);
    return row;
  }

  private async current(
    m: EntityManager,
    retroId: string,
    id: string,
    version: number,
  ): Promise<ActionItemRow> {
    const row = await this.found(m, retroId, id);
    requireVersion('action item', row, version, () => actionItemDto(row));
    return row;
  }
}
