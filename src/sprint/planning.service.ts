import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import { CapacityDto, PlanningDto } from './dto/sprint.dto';
import type { FrozenReport } from './reports.service';
import { capacityDays, forecast } from './reports/report-math';
import { SprintAccess } from './sprint-access';
import { toSprintDto } from './sprint.mapper';
import { BoardItemsRepository } from './board-items.repository';
import { SprintsRepository } from './sprints.repository';
import { WorkflowService } from './workflow.service';
import { WorkdaysService } from '../workdays/workdays.service';

/** Capacity per member and the forecast against the team's recent velocity. */
@Injectable()
export class PlanningService {
  constructor(
    private readonly access: SprintAccess,
    private readonly repo: SprintsRepository,
    private readonly items: BoardItemsRepository,
    private readonly workflow: WorkflowService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly workdays: WorkdaysService,
  ) {}

  async setCapacity(actor: Actor, sprintId: string, dto: CapacityDto): Promise<PlanningDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'sprint.manage');
    const members = dto.members.map((x) => ({ ...x, userId: x.userId.toLowerCase() }));
    await this.tx.run(async (m) => {
      await this.workflow.lock(m, teamId);
      const sprint = await this.repo.sprint(teamId, sprintId, m);
      if (!sprint) throw new NotFoundError('Sprint', sprintId);
      if (sprint.state === 'completed')
        throw new ConflictError('sprint-completed', 'A completed sprint is frozen');
      const known = await this.repo.members(
        m,
        teamId,
        members.map((x) => x.userId),
      );
      const errors = members
        .map((x, index) => ({ x, index }))
        .filter(({ x }) => !known.has(x.userId))
        .map(({ index }) => ({
          field: `members.${index}.userId`,
          message: 'is not a member of this team',
        }));
      if (new Set(members.map((x) => x.userId)).size !== members.length)
        errors.push({ field: 'members', message: 'lists a member twice' });
      if (errors.length > 0) throw new ValidationFailedError(errors);
      await this.repo.replaceCapacity(m, sprintId, members);
      const total =
        sprint.start_date && sprint.end_date
          ? capacityDays(
              sprint.start_date,
              sprint.end_date,
              members,
              await this.workdays.forTeam(teamId, m),
            ).capacityDays
          : 0;
      await this.events.append(m, {
        teamId,
        type: 'capacity.updated',
        actorId: actor.userId,
        data: { sprintId, members, capacityDays: total },
      });
    });
    return this.planning(actor, sprintId);
  }

  async planning(actor: Actor, sprintId: string): Promise<PlanningDto> {
    const teamId = await this.access.sprint(actor, sprintId, 'team.read');
    const sprint = await this.repo.sprint(teamId, sprintId);
    if (!sprint) throw new NotFoundError('Sprint', sprintId);
    const items = await this.items.sprintItems(teamId, sprintId);
    const members = (await this.repo.capacity(sprintId)).map((r) => ({
      userId: r.user_id,
      daysOff: Number(r.days_off),
      focusFactor: Number(r.focus_factor),
    }));
    const cap =
      sprint.start_date && sprint.end_date
        ? capacityDays(
            sprint.start_date,
            sprint.end_date,
            members,
            await this.workdays.forTeam(teamId),
          )
        : { workingDays: 0, capacityDays: 0, absences: [] };
    const history = (await this.repo.recentVelocity(teamId))
      .filter((s) => s.id !== sprintId)
      .map((s) => (s.report as FrozenReport).report.completed.points);
    const planned = items.reduce((s, i) => s + (i.estimate === null ? 0 : Number(i.estimate)), 0);
    return {
      sprint: toSprintDto(sprint),
      itemIds: items.map((i) => i.id),
      plannedItems: items.length,
      members,
      ...cap,
      forecast: forecast(history, planned),
    };
  }
}
