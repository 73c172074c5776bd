import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import type { Actor } from '../identity/actor';
import { addDays, localDate } from '../common/dates';
import {
  burnSeries,
  BurnPoint,
  cumulativeFlow,
  flowTimes,
  percentile,
  SprintFrame,
  sprintReport,
  SprintReport,
  Unit,
} from './reports/report-math';
import { agingWip, startedAt } from './reports/aging';
import { REPLAYED_TYPES } from './reports/replay';
import { EventsReader } from '../events/events.reader';
import { BoardItemsRepository } from './board-items.repository';
import { SprintAccess } from './sprint-access';
import { SprintRow, SprintsRepository } from './sprints.repository';
import { WorkflowRepository } from './workflow.repository';
import { WorkdaysService } from '../workdays/workdays.service';

const stats = (values: number[]) => ({
  p50: percentile(values, 50),
  p85: percentile(values, 85),
  p95: percentile(values, 95),
});

/** What a completed sprint keeps: computed once, at completion, never again. */
export interface FrozenReport {
  burn: Record<Unit, { committed: number; points: BurnPoint[] }>;
  report: SprintReport;
}

export interface BurnReport {
  sprintId: string;
  unit: Unit;
  frozen: boolean;
  committed: number;
  points: BurnPoint[];
}

/** Reports computed from the event log (the past as it was); frozen ones read from the sprint. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly access: SprintAccess,
    private readonly teams: WorkflowRepository,
    private readonly repo: SprintsRepository,
    private readonly log: EventsReader,
    private readonly clock: Clock,
    private readonly workdays: WorkdaysService,
    private readonly items: BoardItemsRepository,
  ) {}

  /** Inside the completing transaction, right after its sprint.completed event. */
  async compute(
    m: EntityManager,
    teamId: string,
    sprint: SprintRow,
    completedSeq: number,
  ): Promise<FrozenReport> {
    const frame = await this.frame(teamId, sprint, m, completedSeq);
    const events = await this.replayed(
      teamId,
      { fromSeq: frame.startedSeq, untilSeq: completedSeq },
      m,
    );
    const now = this.clock.now();
    // The calendar as it is at completion: later calendar changes do not rewrite the report.
    const calendar = await this.workdays.forTeam(teamId, m);
    return {
      burn: {
        points: burnSeries(events, frame, 'points', now, calendar),
        items: burnSeries(events, frame, 'items', now, calendar),
      },
      report: sprintReport(events, frame),
    };
  }

  async burn(actor: Actor, sprintId: string, unit: Unit): Promise<BurnReport> {
    return (await this.burnOfSprint(actor, sprintId, unit)).report;
  }

  /** The burn report with the sprint's team and name: what a chart of it needs. */
  async burnOfSprint(
    actor: Actor,
    sprintId: string,
    unit: Unit,
  ): Promise<{ teamId: string; name: string; report: BurnReport }> {
    const teamId = await this.access.sprint(actor, sprintId, 'team.read');
    const sprint = await this.sprint(teamId, sprintId);
    return { teamId, name: sprint.name, report: await this.burnOf(teamId, sprint, unit) };
  }

  private async burnOf(teamId: string, sprint: SprintRow, unit: Unit): Promise<BurnReport> {
    const sprintId = sprint.id;
    const frozen = sprint.report as FrozenReport | null;
    if (frozen) {
      // Reports frozen before the live point (2026-12-03) lack the flag; none of theirs is.
      const { committed, points } = frozen.burn[unit];
      return {
        sprintId,
        unit,
        frozen: true,
        committed,
        points: points.map((p) => ({ ...p, provisional: p.provisional === true })),
      };
    }
    if (sprint.state === 'planned')
      throw new ConflictError('sprint-not-started', 'The sprint has not started: no burndown yet');
    const frame = await this.frame(teamId, sprint);
    const events = await this.replayed(teamId, { fromSeq: frame.startedSeq });
    const calendar = await this.workdays.forTeam(teamId);
    return {
      sprintId,
      unit,
      frozen: false,
      ...burnSeries(events, frame, unit, this.clock.now(), calendar),
    };
  }

  async report(
    actor: Actor,
    sprintId: string,
  ): Promise<SprintReport & { sprintId: string; frozen: boolean }> {
    const teamId = await this.access.sprint(actor, sprintId, 'team.read');
    const sprint = await this.sprint(teamId, sprintId);
    const frozen = sprint.report as FrozenReport | null;
    if (frozen) return { sprintId, frozen: true, ...frozen.report };
    if (sprint.state === 'planned')
      throw new ConflictError('sprint-not-started', 'The sprint has not started: no report yet');
    const frame = await this.frame(teamId, sprint);
    return {
      sprintId,
      frozen: false,
      ...sprintReport(await this.replayed(teamId, { fromSeq: frame.startedSeq }), frame),
    };
  }

  /** Committed vs completed points of the last completed sprints, oldest first. */
  async velocity(actor: Actor, teamId: string) {
    await this.access.scrumTeam(actor, teamId, 'team.read');
    const done = await this.repo.completedSprints(teamId, 6);
    return {
      teamId,
      sprints: done.reverse().map((s) => {
        const r = (s.report as FrozenReport).report;
        return {
          sprintId: s.id,
          name: s.name,
          committed: r.committed.points,
          completed: r.completed.points,
        };
      }),
    };
  }

  /** Items per column at the end of each day, from..to in the team's timezone (default: 30 days). */
  async cumulativeFlow(
    actor: Actor,
    teamId: string,
    q: { from?: string; to?: string; sprintId?: string },
  ) {
    await this.access.team(actor, teamId, 'team.read');
    const team = await this.teams.team(teamId);
    const to = q.to ?? localDate(this.clock.now(), team.timezone);
    const from = q.from ?? addDays(to, -29);
    if (from > to) throw new ValidationFailedError([{ field: 'from', message: 'is after to' }]);
    if (addDays(from, 366) < to)
      throw new ValidationFailedError([{ field: 'to', message: 'at most 366 days after from' }]);
    if (q.sprintId && !(await this.repo.sprint(teamId, q.sprintId)))
      throw new NotFoundError('Sprint', q.sprintId);
    const statuses = await this.teams.statuses(teamId);
    const days = cumulativeFlow(
      await this.replayed(teamId),
      statuses,
      from,
      to,
      team.timezone,
      q.sprintId ?? null,
    );
    return {
      teamId,
      from,
      to,
      statuses: statuses.map((s) => ({ id: s.id, name: s.name, category: s.category })),
      days,
    };
  }

  /** Cycle and lead time of finished items, with percentiles (nearest rank). */
  async flowTimes(actor: Actor, teamId: string, sinceDays?: number) {
    await this.access.team(actor, teamId, 'team.read');
    const team = await this.teams.team(teamId);
    const times = flowTimes(
      await this.replayed(teamId),
      this.since(sinceDays),
      await this.workdays.forTeam(teamId),
      team.timezone,
    );
    const titles = await this.titles(
      teamId,
      times.map((i) => i.itemId),
    );
    const items = times.map((i) => ({ ...i, title: titles.get(i.itemId) ?? '' }));
    return {
      teamId,
      items,
      cycleTime: stats(items.map((i) => i.cycleDays)),
      leadTime: stats(items.map((i) => i.leadDays)),
      cycleWorkingDays: stats(items.map((i) => i.cycleWorkingDays)),
      leadWorkingDays: stats(items.map((i) => i.leadWorkingDays)),
    };
  }

  /**
   * Aging work in progress: the items in progress now, by column, with their age, beside the
   * cycle-time percentiles of the finished ones (the same window as flow-times).
   */
  async agingWip(actor: Actor, teamId: string, sinceDays?: number) {
    await this.access.team(actor, teamId, 'team.read');
    const team = await this.teams.team(teamId);
    const now = this.clock.now();
    const events = await this.replayed(teamId);
    const calendar = await this.workdays.forTeam(teamId);
    const columns = (await this.teams.statuses(teamId)).filter((s) => s.category === 'in_progress');
    const rows = (await this.items.boardItems(teamId, null)).filter(
      (r) => r.status === 'in_progress',
    );
    // An item with no column of its own sits in the first of its category (as on the board).
    const known = new Set(columns.map((c) => c.id));
    const wip = rows.map((r) => ({
      id: r.id,
      title: r.title,
      statusId: r.status_id && known.has(r.status_id) ? r.status_id : (columns[0]?.id ?? ''),
    }));
    const done = flowTimes(events, this.since(sinceDays), calendar, team.timezone);
    return {
      teamId,
      asOf: localDate(now, team.timezone),
      statuses: columns.map((s) => ({ id: s.id, name: s.name })),
      items: agingWip(wip, startedAt(events), calendar, team.timezone, now),
      finished: done.length,
      cycleTime: stats(done.map((i) => i.cycleDays)),
      cycleWorkingDays: stats(done.map((i) => i.cycleWorkingDays)),
    };
  }

  private since(sinceDays?: number): Date | null {
    return sinceDays ? new Date(this.clock.now().getTime() - sinceDays * 86_400_000) : null;
  }

  private async titles(teamId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.items.items(teamId, ids)).map((r) => [r.id, r.title]));
  }

  async locale(teamId: string): Promise<'it' | 'en'> {
    return (await this.teams.team(teamId)).locale;
  }

  async teamOfSprint(sprintId: string): Promise<string | undefined> {
    return this.repo.teamOfSprint(sprintId);
  }

  private async sprint(teamId: string, sprintId: string): Promise<SprintRow> {
    const row = await this.repo.sprint(teamId, sprintId);
    if (!row) throw new NotFoundError('Sprint', sprintId);
    return row;
  }

  private async frame(
    teamId: string,
    sprint: SprintRow,
    m?: EntityManager,
    completedSeq?: number,
  ): Promise<SprintFrame> {
    const team = await this.teams.team(teamId);
    return {
      id: sprint.id,
      startDate: sprint.start_date as string,
      endDate: sprint.end_date as string,
      timezone: team.timezone,
      startedSeq: await this.log.sprintEventSeq(teamId, sprint.id, 'sprint.started', m),
      completedSeq: completedSeq ?? null,
    };
  }

  /** The events a replay reads (compacted), in seq order, within the span when given. */
  private replayed(
    teamId: string,
    span?: { fromSeq?: number | null; untilSeq?: number },
    m?: EntityManager,
  ) {
    return this.log.compact(teamId, REPLAYED_TYPES, span, m);
  }
}
