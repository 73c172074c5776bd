import { camel } from '../../common/case';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { EventLog } from '../../events/event-log';
import {
  SprintHooks,
  type SprintCompleted,
  type SprintRescheduled,
} from '../../sprint/sprint-hooks';
import { WorkdaysService } from '../../workdays/workdays.service';
import { ceremonyTexts } from '../calendar-texts';
import { toCadenceSnapshot, toCeremonySnapshot } from '../ceremony.mapper';
import { CeremonyRepository, type CeremonyRow } from '../ceremony.repository';
import { sprintCeremonies, type PlannedCeremony } from './schedule';

type Change = Partial<
  Pick<CeremonyRow, 'starts_at' | 'ends_at' | 'recurrence' | 'excluded_starts'>
>;

/**
 * Ceremonies follow their sprint, in the sprint's transaction: an early close cancels what has
 * not happened yet (the daily's rule ends at the close), new dates move what the cadence laid
 * out. What already started stays as it was: it happened.
 */
@Injectable()
export class FollowSprintService implements OnModuleInit {
  constructor(
    private readonly repo: CeremonyRepository,
    private readonly events: EventLog,
    private readonly hooks: SprintHooks,
    private readonly workdays: WorkdaysService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onSprintCompleted((m, completed) => this.completed(m, completed));
    this.hooks.onSprintRescheduled((m, rescheduled) => this.rescheduled(m, rescheduled));
  }

  private async completed(m: EntityManager, { teamId, sprintId, at, actorId }: SprintCompleted) {
    for (const row of await this.repo.scheduledOfSprint(m, teamId, sprintId)) {
      if (row.starts_at <= at && !row.recurrence) continue;
      if (row.starts_at > at) {
        if (await this.repo.liveSession(m, teamId, row.id)) continue;
        await this.cancel(m, row, actorId);
      } else if (row.recurrence && lastOccurrenceAfter(row, at)) {
        await this.update(m, row, { recurrence: untilRule(row.recurrence, at) }, actorId);
      }
    }
  }

  private async rescheduled(m: EntityManager, { teamId, sprint, actorId }: SprintRescheduled) {
    const now = this.clock.now();
    const team = await this.repo.team(teamId, m);
    if (!team) return;
    const existing = (await this.repo.scheduledOfSprint(m, teamId, sprint.id)).filter(
      (row) => row.starts_at > now,
    );
    const planned = sprint.startDate
      ? sprintCeremonies(
          sprint.startDate,
          sprint.endDate,
          toCadenceSnapshot(team, await this.repo.cadence(teamId, m)),
          await this.workdays.forTeam(teamId, m),
        ).filter((p) => p.startsAt > now)
      : [];
    // The n-th ceremony of a type follows the n-th one of the new plan.
    const left = [...planned];
    for (const row of existing) {
      const index = left.findIndex((p) => p.type === row.type);
      if (index < 0) {
        if (!(await this.repo.liveSession(m, teamId, row.id))) await this.cancel(m, row, actorId);
        continue;
      }
      const [plan] = left.splice(index, 1);
      const change = differences(row, plan);
      if (Object.keys(change).length > 0) await this.update(m, row, change, actorId);
    }
    for (const plan of left.filter((p) => !existing.some((row) => row.type === p.type))) {
      const row = await this.repo.insertCeremony(m, {
        team_id: teamId,
        sprint_id: sprint.id,
        type: plan.type,
        title: ceremonyTexts.title(team.locale, plan.type, sprint.name, team.vocabulary),
        starts_at: plan.startsAt,
        ends_at: plan.endsAt,
        timezone: team.timezone,
        recurrence: plan.recurrence,
        excluded_starts: plan.excluded,
        attendee_ids: [],
        agenda: '',
        notes: '',
        outcomes: '',
      });
      await this.events.append(m, {
        teamId,
        type: 'ceremony.scheduled',
        actorId,
        data: { ceremony: toCeremonySnapshot(row) },
      });
    }
  }

  private async cancel(m: EntityManager, row: CeremonyRow, actorId: string): Promise<void> {
    const cancelled = (await this.repo.updateCeremony(m, row.team_id, row.id, row.version, {
      status: 'cancelled',
    })) as CeremonyRow;
    await this.events.append(m, {
      teamId: row.team_id,
      type: 'ceremony.cancelled',
      actorId,
      data: { ceremony: toCeremonySnapshot(cancelled) },
    });
  }

  private async update(m: EntityManager, row: CeremonyRow, change: Change, actorId: string) {
    const updated = (await this.repo.updateCeremony(
      m,
      row.team_id,
      row.id,
      row.version,
      change,
    )) as CeremonyRow;
    await this.events.append(m, {
      teamId: row.team_id,
      type: 'ceremony.updated',
      actorId,
      data: {
        ceremony: toCeremonySnapshot(updated),
        changes: Object.keys(change).map(camel),
      },
    });
  }
}

function differences(row: CeremonyRow, plan: PlannedCeremony): Change {
  const change: Change = {};
  if (row.starts_at.getTime() !== plan.startsAt.getTime()) change.starts_at = plan.startsAt;
  if (row.ends_at.getTime() !== plan.endsAt.getTime()) change.ends_at = plan.endsAt;
  if (row.recurrence !== plan.recurrence) change.recurrence = plan.recurrence;
  const times = (dates: Date[]) => dates.map((d) => d.getTime()).join();
  if (times(row.excluded_starts) !== times(plan.excluded)) change.excluded_starts = plan.excluded;
  return change;
}

/** The rule ends at `at` (UNTIL in UTC, as RFC 5545 wants with a zoned DTSTART). */
export function untilRule(rule: string, at: Date): string {
  const until = `UNTIL=${DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
  const parts = rule.split(';').filter((p) => !/^(UNTIL|COUNT)=/.test(p));
  return [...parts, until].join(';');
}

/** Whether the rule (UNTIL form, as the schedule writes it) still runs after `at`. */
function lastOccurrenceAfter(row: CeremonyRow, at: Date): boolean {
  const match = /UNTIL=(\d{8}T\d{6}Z)/.exec(row.recurrence ?? '');
  if (!match) return true;
  const until = DateTime.fromFormat(match[1], "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' });
  return until.toJSDate() > at;
}
