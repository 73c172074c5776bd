import { camel } from '../common/case';
import { Injectable } from '@nestjs/common';
import { requireVersion } from '../common/concurrency';
import { EntityManager } from 'typeorm';
import { keysBetween } from '../backlog/ranking/rank-keys';
import { Clock } from '../common/clock';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  withTranslationKey,
} from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import {
  CarryItemDto,
  CarryTo,
  CompleteSprintDto,
  CreateSprintDto,
  SprintDto,
  SprintItemsDto,
  UpdateSprintDto,
} from './dto/sprint.dto';
import { ReportsService } from './reports.service';
import { addDays } from '../common/dates';
import { SprintAccess } from './sprint-access';
import { SprintHooks } from './sprint-hooks';
import { toScopeItem, toSprintDto, toSprintSnapshot } from './sprint.mapper';
import { BoardItemsRepository } from './board-items.repository';
import { SprintRow, SprintsRepository } from './sprints.repository';
import { WorkflowService } from './workflow.service';

/** Sprint lifecycle and planning: planned → active → completed, one active per team. */
@Injectable()
export class SprintsService {
  constructor(
    private readonly access: SprintAccess,
    private readonly repo: SprintsRepository,
    private readonly items: BoardItemsRepository,
    private readonly workflow: WorkflowService,
    private readonly reports: ReportsService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly hooks: SprintHooks,
  ) {}

  async create(actor: Actor, teamId: string, dto: CreateSprintDto): Promise<SprintDto> {
    await this.access.scrumTeam(actor, teamId, 'sprint.manage');
    checkDates(dto.startDate ?? null, dto.endDate ?? null);
    return this.tx.run(async (m) => {
      await this.workflow.lock(m, teamId);
      const row = await this.repo.insertSprint(m, teamId, {
        name: dto.name,
        goal: dto.goal ?? '',
        startDate: dto.startDate ?? null,
        endDate: dto.endDate ?? null,
      });
      await this.events.append(m, {
        teamId,
        type: 'sprint.created',
        actorId: actor.userId,
        data: { sprint: toSprintSnapshot(row) },
      });
      await this.hooks.sprintCreated(m, {
        teamId,
        sprint: toSprintDto(row),
        actorId: actor.userId,
      });
      return toSprintDto(row);
    });
  }

  async list(actor: Actor, teamId: string): Promise<SprintDto[]> {
    await this.access.scrumTeam(actor, teamId, 'team.read');
    return (await this.repo.sprints(teamId)).map(toSprintDto);
  }

  async get(actor: Actor, sprintId: string): Promise<SprintDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'team.read');
    return toSprintDto(await this.found(teamId, sprintId));
  }

  async update(
    actor: Actor,
    sprintId: string,
    version: number,
    dto: UpdateSprintDto,
  ): Promise<SprintDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'sprint.manage');
    return this.tx.run(async (m) => {
      await this.workflow.lock(m, teamId);
      const current = await this.current(m, teamId, sprintId, version);
      if (current.state === 'completed')
        throw new ConflictError('sprint-completed', 'A completed sprint is frozen');
      const next = {
        name: dto.name ?? current.name,
        goal: dto.goal ?? current.goal,
        start_date: dto.startDate === undefined ? current.start_date : dto.startDate,
        end_date: dto.endDate === undefined ? current.end_date : dto.endDate,
      };
      checkDates(next.start_date, next.end_date);
      if (current.state === 'active' && (!next.start_date || !next.end_date))
        throw new ValidationFailedError([
          { field: 'endDate', message: 'an active sprint keeps its dates' },
        ]);
      const changes = (Object.keys(next) as (keyof typeof next)[]).filter(
        (k) => next[k] !== current[k],
      );
      if (changes.length === 0) return toSprintDto(current);
      const set = Object.fromEntries(changes.map((k) => [k, next[k]]));
      const row = (await this.repo.updateSprint(m, sprintId, version, set)) as SprintRow;
      await this.events.append(m, {
        teamId,
        type: 'sprint.updated',
        actorId: actor.userId,
        data: { sprint: toSprintSnapshot(row), changes: changes.map(camel) },
      });
      if (changes.includes('name'))
        await this.hooks.sprintRenamed(m, {
          teamId,
          sprint: toSprintDto(row),
          previousName: current.name,
          actorId: actor.userId,
        });
      if (changes.includes('start_date') || changes.includes('end_date'))
        await this.hooks.sprintRescheduled(m, {
          teamId,
          sprint: toSprintDto(row),
          actorId: actor.userId,
        });
      return toSprintDto(row);
    });
  }

  /** Pulls items in; with before/after they take that place among the sprint's items. */
  async addItems(actor: Actor, sprintId: string, dto: SprintItemsDto): Promise<SprintDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'sprint.manage');
    const ids = dto.ids.map((id) => id.toLowerCase());
    const anchor = (dto.before ?? dto.after)?.toLowerCase();
    if (dto.before && dto.after)
      throw new ValidationFailedError([
        { field: 'before', message: 'give before or after, not both' },
      ]);
    return this.tx.run(async (m) => {
      await this.workflow.lock(m, teamId);
      const sprint = await this.open(m, teamId, sprintId);
      const rows = await this.items.items(teamId, anchor ? [...ids, anchor] : ids, m);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const errors = ids
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => !byId.has(id))
        .map(({ index }) => ({ field: `ids.${index}`, message: 'is not an item of this team' }));
      const anchorRow = anchor ? byId.get(anchor) : undefined;
      if (anchor && (!anchorRow || anchorRow.sprint_id !== sprintId || ids.includes(anchor)))
        errors.push({
          field: dto.before ? 'before' : 'after',
          message: 'is not another item of this sprint',
        });
      if (errors.length > 0) throw new ValidationFailedError(errors);
      const items = ids.map((id) => byId.get(id)!);
      const elsewhere = items.filter((i) => i.sprint_id !== null && i.sprint_id !== sprintId);
      if (elsewhere.length > 0) {
        const active = await this.repo.activeSprint(teamId, m);
        const inActive = elsewhere.filter((i) => i.sprint_id === active?.id);
        throw new ConflictError(
          inActive.length > 0 ? 'item-in-active-sprint' : 'item-in-other-sprint',
          'Some items are already in another sprint: remove them from it first',
          { itemIds: elsewhere.map((i) => i.id) },
        );
      }
      const fresh = items.filter((i) => i.sprint_id === null);
      let ranks: { itemId: string; rank: string }[] = [];
      if (anchorRow) {
        const [lo, hi] = dto.before
          ? [await this.items.neighbour(m, teamId, anchorRow.rank, 'previous', ids), anchorRow.rank]
          : [anchorRow.rank, await this.items.neighbour(m, teamId, anchorRow.rank, 'next', ids)];
        const keys = keysBetween(lo, hi, ids.length);
        await this.items.setRanks(m, teamId, ids, keys);
        ranks = ids.map((itemId, i) => ({ itemId, rank: keys[i] }));
      }
      if (fresh.length === 0 && ranks.length === 0) return toSprintDto(sprint);
      await this.items.setSprint(
        m,
        teamId,
        fresh.map((i) => i.id),
        sprintId,
      );
      await this.events.append(m, {
        teamId,
        type: 'sprint.items_added',
        actorId: actor.userId,
        data: {
          sprintId,
          items: fresh.map(toScopeItem),
          ranks,
          scopeChange: sprint.state === 'active',
        },
      });
      return toSprintDto(sprint);
    });
  }

  async removeItems(actor: Actor, sprintId: string, ids: string[]): Promise<SprintDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'sprint.manage');
    const wanted = ids.map((id) => id.toLowerCase());
    return this.tx.run(async (m) => {
      await this.workflow.lock(m, teamId);
      const sprint = await this.open(m, teamId, sprintId);
      const rows = await this.items.items(teamId, wanted, m);
      const inSprint = new Map(rows.filter((r) => r.sprint_id === sprintId).map((r) => [r.id, r]));
      const errors = wanted
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => !inSprint.has(id))
        .map(({ index }) => ({ field: `ids.${index}`, message: 'is not an item of this sprint' }));
      if (errors.length > 0) throw new ValidationFailedError(errors);
      const items = wanted.map((id) => inSprint.get(id)!);
      await this.items.setSprint(m, teamId, wanted, null);
      await this.events.append(m, {
        teamId,
        type: 'sprint.items_removed',
        actorId: actor.userId,
        data: { sprintId, items: items.map(toScopeItem), scopeChange: sprint.state === 'active' },
      });
      return toSprintDto(sprint);
    });
  }

  /** Snapshots the commitment (items and estimates) in the event; dates are required. */
  async start(actor: Actor, sprintId: string): Promise<SprintDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'sprint.manage');
    return this.tx.run(async (m) => {
      await this.workflow.lock(m, teamId);
      const sprint = await this.found(teamId, sprintId, m);
      if (sprint.state !== 'planned')
        throw new ConflictError('sprint-not-planned', `The sprint is ${sprint.state}`);
      const errors = [];
      if (!sprint.start_date) errors.push({ field: 'startDate', message: 'is required to start' });
      if (!sprint.end_date) errors.push({ field: 'endDate', message: 'is required to start' });
      if (errors.length > 0) throw new ValidationFailedError(errors);
      const active = await this.repo.activeSprint(teamId, m);
      if (active)
        throw new ConflictError(
          'sprint-already-active',
          `${active.name} is still active: complete it first`,
          { activeSprintId: active.id },
        );
      const row = (await this.repo.updateSprint(m, sprintId, sprint.version, {
        state: 'active',
        started_at: this.clock.now(),
      })) as SprintRow;
      const items = await this.items.sprintItems(teamId, sprintId, m);
      await this.events.append(m, {
        teamId,
        type: 'sprint.started',
        actorId: actor.userId,
        data: { sprint: toSprintSnapshot(row), commitment: items.map(toScopeItem) },
      });
      return toSprintDto(row);
    });
  }

  /**
   * Any time; unfinished items go where the caller says — all to carryOverTo, or each listed in
   * items to its own place — in this one transaction with one sprint.completed event that names
   * every item's destination; the report is computed and frozen.
   */
  async complete(actor: Actor, sprintId: string, dto: CompleteSprintDto): Promise<SprintDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'sprint.manage');
    if (dto.carryOverTo !== 'sprint' && dto.nextSprintId)
      throw new ValidationFailedError([
        { field: 'nextSprintId', message: 'only with carryOverTo=sprint' },
      ]);
    const overrides = checkCarryItems(dto.items ?? []);
    return this.tx.run(async (m) => {
      await this.workflow.lock(m, teamId);
      const sprint = await this.found(teamId, sprintId, m);
      if (sprint.state !== 'active')
        throw new ConflictError(
          sprint.state === 'completed' ? 'sprint-already-completed' : 'sprint-not-active',
          `The sprint is ${sprint.state}`,
        );
      const next =
        dto.carryOverTo === 'sprint'
          ? await this.nextSprint(m, teamId, sprintId, dto.nextSprintId)
          : null;
      const unfinished = (await this.items.sprintItems(teamId, sprintId, m)).filter(
        (i) => i.status !== 'done',
      );
      const destinations = await this.destinations(m, teamId, sprintId, unfinished, overrides, {
        to: dto.carryOverTo,
        sprintId: next?.id ?? null,
      });
      const ranks = new Map<string, string>();
      // Top first, then bottom: the bottom's edge is then past anything the top just took.
      for (const to of ['top', 'bottom'] as const) {
        const ids = destinations.filter((d) => d.to === to).map((d) => d.itemId);
        if (ids.length === 0) continue;
        const edge = await this.items.neighbour(
          m,
          teamId,
          null,
          to === 'top' ? 'next' : 'previous',
          ids,
        );
        const keys =
          to === 'top' ? keysBetween(null, edge, ids.length) : keysBetween(edge, null, ids.length);
        await this.items.setRanks(m, teamId, ids, keys);
        ids.forEach((id, i) => ranks.set(id, keys[i]));
      }
      const bySprint = new Map<string | null, string[]>();
      for (const d of destinations)
        bySprint.set(d.sprintId, [...(bySprint.get(d.sprintId) ?? []), d.itemId]);
      for (const [target, ids] of bySprint) await this.items.setSprint(m, teamId, ids, target);
      const row = (await this.repo.updateSprint(m, sprintId, sprint.version, {
        state: 'completed',
        completed_at: this.clock.now(),
      })) as SprintRow;
      const event = await this.events.append(m, {
        teamId,
        type: 'sprint.completed',
        actorId: actor.userId,
        data: {
          sprint: toSprintSnapshot(row),
          carriedOver: unfinished.map(toScopeItem),
          carryTo: dto.carryOverTo,
          nextSprintId: next?.id ?? null,
          destinations: destinations.map((d) => ({ ...d, rank: ranks.get(d.itemId) ?? null })),
        },
      });
      const frozen = await this.reports.compute(m, teamId, row, event.seq);
      await this.repo.updateSprint(m, sprintId, row.version, { report: JSON.stringify(frozen) });
      await this.hooks.sprintCompleted(m, {
        teamId,
        sprintId,
        at: row.completed_at as Date,
        actorId: actor.userId,
      });
      return toSprintDto({ ...row, version: row.version + 1 });
    });
  }

  /** Each unfinished item's destination: its override (checked against the team), else the default. */
  private async destinations(
    m: EntityManager,
    teamId: string,
    sprintId: string,
    unfinished: { id: string }[],
    overrides: Map<string, { index: number; to: CarryTo; sprintId: string | null }>,
    fallback: { to: CarryTo; sprintId: string | null },
  ): Promise<{ itemId: string; to: CarryTo; sprintId: string | null }[]> {
    const open = new Set(unfinished.map((i) => i.id));
    const planned = new Set(
      (await this.repo.sprints(teamId, 'planned')).map((s) => s.id).filter((id) => id !== sprintId),
    );
    const errors = [];
    for (const [itemId, o] of overrides) {
      if (!open.has(itemId))
        errors.push({
          field: `items.${o.index}.itemId`,
          message: 'is not an unfinished item of this sprint',
        });
      if (o.sprintId && !planned.has(o.sprintId))
        errors.push({
          field: `items.${o.index}.sprintId`,
          message: 'is not a planned sprint of this team',
        });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return unfinished.map(({ id }) => {
      const o = overrides.get(id);
      return { itemId: id, ...(o ? { to: o.to, sprintId: o.sprintId } : fallback) };
    });
  }

  private async nextSprint(
    m: EntityManager,
    teamId: string,
    sprintId: string,
    wanted?: string,
  ): Promise<SprintRow> {
    const planned = (await this.repo.sprints(teamId, 'planned')).filter((s) => s.id !== sprintId);
    const next = wanted ? planned.find((s) => s.id === wanted.toLowerCase()) : planned[0];
    if (!next)
      throw wanted
        ? new ValidationFailedError([
            { field: 'nextSprintId', message: 'is not a planned sprint of this team' },
          ])
        : new ConflictError(
            'no-planned-sprint',
            'There is no planned sprint to carry the items to',
          );
    return (await this.repo.sprint(teamId, next.id, m))!;
  }

  private async found(teamId: string, sprintId: string, m?: EntityManager): Promise<SprintRow> {
    const row = await this.repo.sprint(teamId, sprintId, m);
    if (!row) throw new NotFoundError('Sprint', sprintId);
    return row;
  }

  private async current(
    m: EntityManager,
    teamId: string,
    sprintId: string,
    version: number,
  ): Promise<SprintRow> {
    const row = await this.found(teamId, sprintId, m);
    requireVersion('sprint', row, version, () => toSprintDto(row));
    return row;
  }

  /** A sprint that still takes planning changes. */
  private async open(m: EntityManager, teamId: string, sprintId: string): Promise<SprintRow> {
    const row = await this.found(teamId, sprintId, m);
    if (row.state === 'completed')
      throw new ConflictError('sprint-completed', 'A completed sprint is frozen');
    return row;
  }
}

/** The shape of the per-item destinations, before any row is read: duplicates, sprintId with to. */
function checkCarryItems(
  items: CarryItemDto[],
): Map<string, { index: number; to: CarryTo; sprintId: string | null }> {
  const byId = new Map<string, { index: number; to: CarryTo; sprintId: string | null }>();
  const errors = [];
  for (const [index, item] of items.entries()) {
    const itemId = item.itemId.toLowerCase();
    if (byId.has(itemId))
      errors.push({ field: `items.${index}.itemId`, message: 'is listed twice' });
    if (item.to === 'sprint' && !item.sprintId)
      errors.push({ field: `items.${index}.sprintId`, message: 'is required with to=sprint' });
    if (item.to !== 'sprint' && item.sprintId)
      errors.push({ field: `items.${index}.sprintId`, message: 'only with to=sprint' });
    if (!byId.has(itemId))
      byId.set(itemId, { index, to: item.to, sprintId: item.sprintId?.toLowerCase() ?? null });
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return byId;
}

/** Reports draw a point per day: a sprint of more than a year is a typing error, not a plan. */
const MAX_SPRINT_DAYS = 366;

function checkDates(start: string | null, end: string | null): void {
  if (start && end && end < start)
    throw new ValidationFailedError([{ field: 'endDate', message: 'is before startDate' }]);
  if (start && end && addDays(start, MAX_SPRINT_DAYS - 1) < end)
    throw new ValidationFailedError([
      withTranslationKey(
        { field: 'endDate', message: `a sprint lasts at most ${MAX_SPRINT_DAYS} days` },
        'sprintLength',
        { max: MAX_SPRINT_DAYS },
      ),
    ]);
}
