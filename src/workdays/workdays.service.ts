import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import {
  PreconditionFailedError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error';
import type { FieldError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Lang } from '../i18n/locale';
import { AccessPolicy } from '../identity/access/access.policy';
import type { TeamAction } from '../identity/access/permissions';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import { localDate } from '../common/dates';
import type {
  AbsencesDto,
  CalendarDto,
  CalendarQuery,
  UpdateCalendarDto,
} from './dto/calendar.dto';
import type { CalendarSnapshot } from './workdays.events';
import { CalendarRow, CalendarTeamRow, WorkdaysRepository } from './workdays.repository';
import { addDays, DEFAULT_WEEKDAYS, WorkingCalendar } from './working-calendar';

type Stored = Omit<CalendarRow, 'team_id' | 'version'>;

const EMPTY: Stored = { patron_day: null, patron_name: null, closures: [], absences: [] };

/**
 * The team's working-day calendar. `forTeam` is what every day-counting feature asks for
 * (capacity, reports, ceremonies, forecasts); the API reads and changes it through the spine:
 * patron day and closures are team settings (`team.update`), absences are planning
 * (`sprint.manage`); each change is one transaction with its `calendar.updated` event.
 */
@Injectable()
export class WorkdaysService {
  constructor(
    private readonly repo: WorkdaysRepository,
    private readonly policy: AccessPolicy,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  /** The team's working calendar, inside a transaction when given one. */
  async forTeam(teamId: string, m?: EntityManager): Promise<WorkingCalendar> {
    const team = await this.repo.team(teamId, m);
    return toCalendar(team, await this.repo.calendar(teamId, m));
  }

  async get(actor: Actor, teamId: string, q: CalendarQuery, lang: Lang): Promise<CalendarDto> {
    await this.policy.requireTeamPermission(actor, teamId, 'team.read');
    const team = await this.found(teamId);
    const row = await this.repo.calendar(teamId);
    const from = q.from ?? `${localDate(this.clock.now(), team.timezone).slice(0, 4)}-01-01`;
    const to = q.to ?? `${from.slice(0, 4)}-12-31`;
    if (from > to) throw new ValidationFailedError([{ field: 'from', message: 'is after to' }]);
    if (addDays(from, 1100) < to)
      throw new ValidationFailedError([{ field: 'to', message: 'at most 1100 days after from' }]);
    return toDto(team, row, toCalendar(team, row), from, to, lang);
  }

  async update(
    actor: Actor,
    teamId: string,
    version: number,
    dto: UpdateCalendarDto,
    lang: Lang,
  ): Promise<CalendarDto> {
    const errors: FieldError[] = [];
    const dates = (dto.closures ?? []).map((c) => c.date);
    if (new Set(dates).size !== dates.length)
      errors.push({ field: 'closures', message: 'lists a date twice' });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return this.change(actor, teamId, version, 'team.update', lang, (current) => ({
      ...current,
      ...(dto.patron === undefined
        ? {}
        : {
            patron_day: dto.patron?.date ?? null,
            patron_name: dto.patron?.name ?? null,
          }),
      closures: dto.closures
        ? [...dto.closures]
            .map(({ date, name }) => ({ date, name }))
            .sort((a, b) => a.date.localeCompare(b.date))
        : current.closures,
    }));
  }

  async setAbsences(
    actor: Actor,
    teamId: string,
    version: number,
    dto: AbsencesDto,
    lang: Lang,
  ): Promise<CalendarDto> {
    const absences = dto.absences.map((a) => ({
      userId: a.userId.toLowerCase(),
      from: a.from,
      to: a.to,
      fraction: a.fraction ?? 1,
      note: a.note ?? '',
    }));
    const errors: FieldError[] = [];
    absences.forEach((a, i) => {
      if (a.to < a.from) errors.push({ field: `absences.${i}.to`, message: 'is before from' });
      else if (addDays(a.from, 366) < a.to)
        errors.push({ field: `absences.${i}.to`, message: 'at most 366 days after from' });
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return this.change(actor, teamId, version, 'sprint.manage', lang, async (current, m) => {
      const known = await this.repo.members(m, teamId, [...new Set(absences.map((a) => a.userId))]);
      const strangers = absences
        .map((a, i) => ({ a, i }))
        .filter(({ a }) => !known.has(a.userId))
        .map(({ i }) => ({
          field: `absences.${i}.userId`,
          message: 'is not a member of this team',
        }));
      if (strangers.length > 0) throw new ValidationFailedError(strangers);
      return {
        ...current,
        absences: absences.sort(
          (x, y) => x.from.localeCompare(y.from) || x.userId.localeCompare(y.userId),
        ),
      };
    });
  }

  private async change(
    actor: Actor,
    teamId: string,
    version: number,
    action: TeamAction,
    lang: Lang,
    next: (current: Stored, m: EntityManager) => Stored | Promise<Stored>,
  ): Promise<CalendarDto> {
    await this.policy.requireTeamPermission(actor, teamId, action);
    const dto = await this.tx.run(async (m) => {
      const team = await this.found(teamId, m);
      const row = await this.repo.calendar(teamId, m);
      const stale = () =>
        new PreconditionFailedError(
          `The calendar changed since version ${version}; it is now at version ${row?.version ?? 0}`,
          toDto(team, row, toCalendar(team, row), ...this.year(team), lang),
        );
      if ((row?.version ?? 0) !== version) throw stale();
      const current: Stored = row ?? EMPTY;
      const wanted = await next(current, m);
      const changes = (['patron', 'closures', 'absences'] as const).filter((k) =>
        k === 'patron'
          ? wanted.patron_day !== current.patron_day || wanted.patron_name !== current.patron_name
          : JSON.stringify(wanted[k]) !== JSON.stringify(current[k]),
      );
      if (changes.length === 0 && row)
        return toDto(team, row, toCalendar(team, row), ...this.year(team), lang);
      const saved = await this.repo.save(m, teamId, version, wanted);
      if (!saved) throw stale();
      await this.events.append(m, {
        teamId,
        type: 'calendar.updated',
        actorId: actor.userId,
        data: { calendar: toSnapshot(teamId, saved), changes },
      });
      return toDto(team, saved, toCalendar(team, saved), ...this.year(team), lang);
    });
    return dto;
  }

  private year(team: CalendarTeamRow): [string, string] {
    const year = localDate(this.clock.now(), team.timezone).slice(0, 4);
    return [`${year}-01-01`, `${year}-12-31`];
  }

  private async found(teamId: string, m?: EntityManager): Promise<CalendarTeamRow> {
    const team = await this.repo.team(teamId, m);
    if (!team) throw new NotFoundError('Team', teamId);
    return team;
  }
}

function toCalendar(
  team: CalendarTeamRow | undefined,
  row: CalendarRow | undefined,
): WorkingCalendar {
  return new WorkingCalendar({
    weekdays: team?.weekdays ?? DEFAULT_WEEKDAYS,
    patron:
      row?.patron_day && row.patron_name ? { date: row.patron_day, name: row.patron_name } : null,
    closures: row?.closures ?? [],
    absences: row?.absences ?? [],
  });
}

function toSnapshot(teamId: string, row: CalendarRow): CalendarSnapshot {
  return {
    teamId,
    patron:
      row.patron_day && row.patron_name ? { date: row.patron_day, name: row.patron_name } : null,
    closures: row.closures,
    absences: row.absences,
    version: row.version,
  };
}

function toDto(
  team: CalendarTeamRow,
  row: CalendarRow | undefined,
  calendar: WorkingCalendar,
  from: string,
  to: string,
  lang: Lang,
): CalendarDto {
  const snapshot = row
    ? toSnapshot(team.id, row)
    : { teamId: team.id, patron: null, closures: [], absences: [], version: 0 };
  return {
    ...snapshot,
    timezone: team.timezone,
    weekdays: [...calendar.settings.weekdays],
    from,
    to,
    workingDays: calendar.countWorkingDays(from, to),
    closedDays: calendar.closedDays(from, to).map(({ date, holiday }) => ({
      date,
      reason: holiday?.kind ?? 'weekday',
      name: holiday ? holiday.names[lang] : null,
      names: holiday ? holiday.names : null,
    })),
  };
}
