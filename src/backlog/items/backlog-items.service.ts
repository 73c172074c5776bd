import { Injectable } from '@nestjs/common';
import { requireVersion } from '../../common/concurrency';
import { EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import type { ItemChangeSource, ItemType } from '../backlog.events';
import { BacklogAccess } from '../backlog-access';
import { decodeCursor, encodeCursor, keysBetween } from '../ranking/rank-keys';
import { toItemDto, toItemSnapshot } from './backlog-item.mapper';
import { ListFilters, SEARCH_CONFIG } from './backlog-list.query';
import {
  BacklogItemRow,
  BacklogItemsRepository,
  NewItem,
  TeamSettings,
  UpdatableField,
} from './backlog-items.repository';
import {
  BulkCreateBacklogItemsDto,
  CreateBacklogItemDto,
  ListBacklogItemsQuery,
  UpdateBacklogItemDto,
} from './dto/backlog-item.dto';
import { BacklogItemDto, BacklogPageDto, BulkCreatedDto } from './dto/backlog-item-response.dto';
import { checkReferences, diff, titlesFromText } from './item-rules';

interface References {
  type: ItemType;
  estimate?: number | null;
  assigneeId?: string | null;
  parentId?: string | null;
  labelIds?: string[];
  /** The item being changed (PATCH). */
  self?: BacklogItemRow;
}

@Injectable()
export class BacklogItemsService {
  constructor(
    private readonly access: BacklogAccess,
    private readonly items: BacklogItemsRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async create(actor: Actor, teamId: string, dto: CreateBacklogItemDto): Promise<BacklogItemDto> {
    await this.access.team(actor, teamId, 'backlog.create');
    return this.tx.run((m) => this.createWithin(m, actor.userId, teamId, dto));
  }

  /**
   * Creates an item inside another use case's transaction (a retrospective action item or a
   * review's feedback becoming a backlog item). The caller has authorized its own action.
   */
  async createWithin(
    m: EntityManager,
    actorId: string,
    teamId: string,
    dto: CreateBacklogItemDto,
    source?: ItemChangeSource,
  ): Promise<BacklogItemDto> {
    const team = await this.items.lockTeam(m, teamId);
    const type = dto.type ?? 'story';
    await this.checkReferences(m, teamId, team, { ...dto, type });
    const [rank] = keysBetween(await this.items.lastRank(m, teamId), null, 1);
    const [row] = await this.items.insertMany(m, teamId, actorId, [
      {
        type,
        title: dto.title,
        description: dto.description ?? '',
        acceptanceCriteria: dto.acceptanceCriteria ?? [],
        estimate: dto.estimate ?? null,
        status: dto.status ?? 'todo',
        labelIds: dto.labelIds ?? [],
        assigneeId: dto.assigneeId ?? null,
        parentId: dto.parentId ?? null,
        readyChecklist: dto.readyChecklist ?? [],
        rank,
      },
    ]);
    await this.events.append(m, {
      teamId,
      type: 'backlog_item.created',
      actorId,
      data: { item: toItemSnapshot(row), ...(source && { source }) },
    });
    return toItemDto(row);
  }

  /**
   * Writes an estimate inside another use case's transaction (planning poker accepting a
   * value), whatever the item's version: the caller holds the decision, not a stale form.
   * The value must be on the team's point scale.
   */
  async setEstimateWithin(
    m: EntityManager,
    actorId: string,
    teamId: string,
    itemId: string,
    estimate: number | null,
    source: ItemChangeSource,
  ): Promise<BacklogItemDto> {
    const team = await this.items.lockTeam(m, teamId);
    const current = await this.items.find(teamId, itemId, m);
    if (!current) throw new NotFoundError('Backlog item', itemId);
    if (current.archived_at) throw new ConflictError('item-archived', 'The item is archived');
    const changes = diff(toItemSnapshot(current), { estimate });
    if (changes.length === 0) return toItemDto(current);
    await this.checkReferences(m, teamId, team, { type: current.type, estimate, self: current });
    const row = await this.items.update(m, teamId, itemId, current.version, { estimate });
    if (!row) throw new Error(`backlog item ${itemId} changed under the team lock`);
    await this.events.append(m, {
      teamId,
      type: 'backlog_item.updated',
      actorId,
      data: { item: toItemSnapshot(row), changes, source },
    });
    return toItemDto(row);
  }

  /** All lines or none: one transaction, one `backlog_item.created` event per item. */
  async bulkCreate(
    actor: Actor,
    teamId: string,
    dto: BulkCreateBacklogItemsDto,
  ): Promise<BulkCreatedDto> {
    await this.access.team(actor, teamId, 'backlog.create');
    const titles = titlesFromText(dto.text);
    return this.tx.run(async (m) => {
      const team = await this.items.lockTeam(m, teamId);
      const type = dto.type ?? 'story';
      await this.checkReferences(m, teamId, team, { ...dto, type });
      const ranks = keysBetween(await this.items.lastRank(m, teamId), null, titles.length);
      const rows = await this.items.insertMany(
        m,
        teamId,
        actor.userId,
        titles.map<NewItem>((title, index) => ({
          type,
          title,
          description: '',
          acceptanceCriteria: [],
          estimate: null,
          status: 'todo',
          labelIds: dto.labelIds ?? [],
          assigneeId: null,
          parentId: dto.parentId ?? null,
          readyChecklist: [],
          rank: ranks[index],
        })),
      );
      for (const row of rows) {
        await this.events.append(m, {
          teamId,
          type: 'backlog_item.created',
          actorId: actor.userId,
          data: { item: toItemSnapshot(row) },
        });
      }
      return { items: rows.map(toItemDto) };
    });
  }

  async get(actor: Actor, itemId: string): Promise<BacklogItemDto> {
    const teamId = await this.access.item(actor, itemId, 'team.read');
    const row = await this.items.find(teamId, itemId);
    if (!row) throw new NotFoundError('Backlog item', itemId);
    return toItemDto(row);
  }

  async list(actor: Actor, teamId: string, q: ListBacklogItemsQuery): Promise<BacklogPageDto> {
    await this.access.team(actor, teamId, 'team.read');
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (q.cursor !== undefined && after === undefined) {
      throw new ValidationFailedError([
        { field: 'cursor', message: 'is not a cursor returned by this list (nextCursor)' },
      ]);
    }
    const limit = q.limit ?? 50;
    const filters: ListFilters = {
      type: q.type,
      status: q.status,
      label: q.label,
      assignee: q.assignee,
      epic: q.epic,
      sprint: q.sprint,
      ready: q.ready,
      estimated: q.estimated,
      q: q.q,
      includeArchived: q.includeArchived,
    };
    const config = SEARCH_CONFIG[q.q ? await this.items.teamLocale(teamId) : 'it'];
    const page = await this.items.page(teamId, filters, config, after, limit + 1);
    const rows = page.rows.slice(0, limit);
    return {
      items: rows.map(toItemDto),
      nextCursor: page.rows.length > limit ? encodeCursor(rows[rows.length - 1].rank) : null,
      totalCount: page.total,
      estimateSum: page.estimateSum,
    };
  }

  async update(
    actor: Actor,
    itemId: string,
    version: number,
    dto: UpdateBacklogItemDto,
  ): Promise<BacklogItemDto> {
    const teamId = await this.access.item(actor, itemId, 'backlog.update');
    return this.tx.run(async (m) => {
      const team = await this.items.lockTeam(m, teamId);
      const current = await this.current(m, teamId, itemId, version);
      const requested: Partial<Record<UpdatableField, unknown>> = { ...dto };
      if (dto.readyChecklist)
        requested.readyChecklist = dto.readyChecklist.map(({ text, done }) => ({ text, done }));
      const changes = diff(toItemSnapshot(current), requested);
      if (changes.length === 0) return toItemDto(current);
      const changed = new Set(changes.map((change) => change.field));
      await this.checkReferences(m, teamId, team, {
        type: dto.type ?? current.type,
        estimate: changed.has('estimate') ? dto.estimate : undefined,
        assigneeId: changed.has('assigneeId') ? dto.assigneeId : undefined,
        parentId:
          changed.has('parentId') || changed.has('type')
            ? dto.parentId !== undefined
              ? dto.parentId
              : current.parent_id
            : undefined,
        labelIds: changed.has('labelIds') ? dto.labelIds : undefined,
        self: current,
      });
      const values = Object.fromEntries(changes.map((change) => [change.field, change.to]));
      const row = await this.items.update(m, teamId, itemId, version, values);
      if (!row) throw new Error(`backlog item ${itemId} changed under the team lock`);
      await this.events.append(m, {
        teamId,
        type: 'backlog_item.updated',
        actorId: actor.userId,
        data: { item: toItemSnapshot(row), changes },
      });
      return toItemDto(row);
    });
  }

  async archive(actor: Actor, itemId: string, version: number): Promise<void> {
    const teamId = await this.access.item(actor, itemId, 'backlog.update');
    await this.tx.run(async (m) => {
      await this.items.lockTeam(m, teamId);
      await this.current(m, teamId, itemId, version);
      const row = await this.items.archive(m, teamId, itemId, version);
      if (!row?.archived_at) throw new Error(`backlog item ${itemId} changed under the team lock`);
      await this.events.append(m, {
        teamId,
        type: 'backlog_item.archived',
        actorId: actor.userId,
        data: { itemId, archivedAt: row.archived_at.toISOString(), version: row.version },
      });
    });
  }

  /** The item to change, at the version the client saw: 404 / 409 archived / 412 stale. */
  private async current(
    m: EntityManager,
    teamId: string,
    itemId: string,
    version: number,
  ): Promise<BacklogItemRow> {
    const row = await this.items.find(teamId, itemId, m);
    if (!row) throw new NotFoundError('Backlog item', itemId);
    requireVersion('item', row, version, () => toItemDto(row));
    if (row.archived_at) throw new ConflictError('item-archived', 'The item is archived');
    return row;
  }

  private async checkReferences(
    m: EntityManager,
    teamId: string,
    team: TeamSettings,
    refs: References,
  ): Promise<void> {
    const parentId = refs.parentId ?? null;
    const parentRow =
      parentId && parentId !== refs.self?.id
        ? await this.items.find(teamId, parentId, m)
        : undefined;
    const labels = refs.labelIds ?? [];
    const existing = await this.items.existingLabels(m, teamId, labels);
    checkReferences({
      pointScale: team.point_scale.map(Number),
      type: refs.type,
      estimate: refs.estimate,
      assigneeIsMember: refs.assigneeId
        ? await this.items.isMember(m, teamId, refs.assigneeId)
        : undefined,
      parentIsSelf: parentId !== null && parentId === refs.self?.id,
      parent:
        parentId === null || parentId === refs.self?.id
          ? undefined
          : parentRow
            ? { type: parentRow.type, archived: parentRow.archived_at !== null }
            : null,
      hasChildren:
        refs.self?.type === 'epic' && refs.type !== 'epic'
          ? await this.items.hasChildren(m, teamId, refs.self.id)
          : false,
      missingLabels: labels.filter((id) => !existing.has(id)),
      labelIds: labels,
    });
  }
}
