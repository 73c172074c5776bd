import { Injectable } from '@nestjs/common';
import { requireVersion } from '../common/concurrency';
import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { Localizer } from '../i18n/localizer.service';
import { EventLog } from '../events/event-log';
import type { TeamCreatedParts, TeamSnapshot } from '../identity/identity.events';
import { TeamHooks } from '../identity/teams/team-hooks';
import {
  CreateStatusDto,
  StatusDto,
  UpdateStatusDto,
  UpdateWorkflowDto,
  WorkflowDto,
} from './dto/workflow.dto';
import { SprintAccess } from './sprint-access';
import { toStatusDto, toStatusSnapshot } from './sprint.mapper';
import type { Category } from './sprint.events';
import { StatusRow, TeamRow, WorkflowRepository } from './workflow.repository';

/** The default columns per process; their names are in src/i18n/<lang>/workflow.json. */
const DEFAULT_COLUMNS: Record<TeamRow['process'], [string, Category][]> = {
  scrum: [
    ['todo', 'todo'],
    ['in_progress', 'in_progress'],
    ['review', 'in_progress'],
    ['done', 'done'],
  ],
  kanban: [
    ['backlog', 'todo'],
    ['ready', 'todo'],
    ['in_progress', 'in_progress'],
    ['done', 'done'],
  ],
};

/** The team's columns. Every category keeps at least one column, so an item of any status has a column. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly access: SprintAccess,
    private readonly repo: WorkflowRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly localizer: Localizer,
    teamHooks: TeamHooks,
  ) {
    teamHooks.onTeamCreated((m, created) => this.createDefaults(m, created.team));
  }

  /** The team lock: the first step of every sprint-module write. */
  async lock(m: EntityManager, teamId: string): Promise<TeamRow> {
    return this.repo.lockTeam(m, teamId);
  }

  /**
   * A new team's columns, in its language, inside the transaction that creates it: they are
   * the team's columns from then on (a later change of process or locale keeps them), and
   * they travel in its `team.created` event.
   */
  private async createDefaults(
    m: EntityManager,
    team: TeamSnapshot,
  ): Promise<Partial<TeamCreatedParts>> {
    const defaults = DEFAULT_COLUMNS[team.process].map(([key, category]): [string, Category] => [
      this.localizer.t(team.locale, `workflow.defaults.${team.process}.${key}`),
      category,
    ]);
    const rows = await this.repo.insertDefaults(m, team.id, defaults);
    return { workflow: { statuses: rows.map(toStatusSnapshot) } };
  }

  async get(actor: Actor, teamId: string): Promise<WorkflowDto> {
    await this.access.team(actor, teamId, 'team.read');
    const team = await this.repo.team(teamId);
    return {
      teamId,
      wipMode: team.wip_mode,
      statuses: (await this.repo.statuses(teamId)).map(toStatusDto),
    };
  }

  async setMode(actor: Actor, teamId: string, dto: UpdateWorkflowDto): Promise<WorkflowDto> {
    await this.access.team(actor, teamId, 'sprint.manage');
    await this.tx.run(async (m) => {
      await this.lock(m, teamId);
      await this.repo.setWipMode(m, teamId, dto.wipMode);
      await this.events.append(m, {
        teamId,
        type: 'workflow.updated',
        actorId: actor.userId,
        data: { wipMode: dto.wipMode },
      });
    });
    return this.get(actor, teamId);
  }

  async create(actor: Actor, teamId: string, dto: CreateStatusDto): Promise<StatusDto> {
    await this.access.team(actor, teamId, 'sprint.manage');
    return this.tx.run(async (m) => {
      await this.lock(m, teamId);
      await this.uniqueName(m, teamId, dto.name);
      const row = await this.repo.insertStatus(m, teamId, {
        name: dto.name,
        category: dto.category,
        wipLimit: dto.wipLimit ?? null,
      });
      await this.events.append(m, {
        teamId,
        type: 'workflow.status_created',
        actorId: actor.userId,
        data: { status: toStatusSnapshot(row) },
      });
      return toStatusDto(row);
    });
  }

  async update(
    actor: Actor,
    teamId: string,
    statusId: string,
    version: number,
    dto: UpdateStatusDto,
  ): Promise<StatusDto> {
    await this.access.team(actor, teamId, 'sprint.manage');
    return this.tx.run(async (m) => {
      await this.lock(m, teamId);
      const all = await this.repo.statuses(teamId, m);
      const current = this.current(all, statusId, version);
      if (dto.name !== undefined && dto.name.toLowerCase() !== current.name.toLowerCase())
        await this.uniqueName(m, teamId, dto.name);
      const next = {
        name: dto.name ?? current.name,
        category: dto.category ?? current.category,
        position: dto.position ?? current.position,
        wipLimit: dto.wipLimit === undefined ? current.wip_limit : dto.wipLimit,
      };
      if (next.category !== current.category) {
        this.keepsCategory(all, current);
        if ((await this.repo.statusInUse(m, teamId, statusId)) > 0)
          throw new ConflictError(
            'status-in-use',
            'Move the items out of the column before changing its category',
          );
      }
      const changes = (['name', 'category', 'position'] as const).filter(
        (k) => next[k] !== current[k],
      );
      if (next.wipLimit !== current.wip_limit) changes.push('wipLimit' as never);
      if (changes.length === 0) return toStatusDto(current);
      const row = await this.repo.updateStatus(m, statusId, version, next);
      if (!row) throw new Error(`status ${statusId} changed under the team lock`);
      await this.events.append(m, {
        teamId,
        type: 'workflow.status_updated',
        actorId: actor.userId,
        data: { status: toStatusSnapshot(row), changes },
      });
      return toStatusDto(row);
    });
  }

  async remove(
    actor: Actor,
    teamId: string,
    statusId: string,
    version: number,
    moveItemsTo?: string,
  ): Promise<void> {
    await this.access.team(actor, teamId, 'sprint.manage');
    await this.tx.run(async (m) => {
      await this.lock(m, teamId);
      const all = await this.repo.statuses(teamId, m);
      const current = this.current(all, statusId, version);
      this.keepsCategory(all, current);
      const target = moveItemsTo ? all.find((s) => s.id === moveItemsTo.toLowerCase()) : undefined;
      if (moveItemsTo && (!target || target.id === statusId))
        throw new ValidationFailedError([
          { field: 'moveItemsTo', message: 'is not another column of this team' },
        ]);
      const inUse = await this.repo.statusInUse(m, teamId, statusId);
      if (inUse > 0 && !target)
        throw new ConflictError(
          'status-in-use',
          `${inUse} items are in this column: say where they go (moveItemsTo)`,
          { items: inUse },
        );
      const itemIds = await this.repo.deleteStatus(m, teamId, statusId, target ?? null);
      await this.events.append(m, {
        teamId,
        type: 'workflow.status_deleted',
        actorId: actor.userId,
        data: {
          statusId,
          movedTo: target ? { statusId: target.id, category: target.category } : null,
          itemIds,
        },
      });
    });
  }

  private current(all: StatusRow[], statusId: string, version: number): StatusRow {
    const row = all.find((s) => s.id === statusId);
    if (!row) throw new NotFoundError('Status', statusId);
    requireVersion('column', row, version, () => toStatusDto(row));
    return row;
  }

  private keepsCategory(all: StatusRow[], leaving: StatusRow): void {
    if (all.filter((s) => s.category === leaving.category).length === 1)
      throw new ConflictError(
        'last-column-of-category',
        `The workflow needs at least one ${leaving.category} column`,
      );
  }

  private async uniqueName(m: EntityManager, teamId: string, name: string): Promise<void> {
    const all = await this.repo.statuses(teamId, m);
    if (all.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new ConflictError('status-name-taken', `The team already has a column named ${name}`);
  }
}
