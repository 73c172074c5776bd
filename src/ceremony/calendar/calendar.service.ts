import { camel } from '../../common/case';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { requireVersion } from '../../common/concurrency';
import { EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
  type FieldError,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { SprintHooks, type SprintCreated } from '../../sprint/sprint-hooks';
import { WorkdaysService } from '../../workdays/workdays.service';
import { CeremonyAccess } from '../ceremony-access';
import { ceremonyTexts } from '../calendar-texts';
import { toCadenceSnapshot, toCeremonyDto, toCeremonySnapshot } from '../ceremony.mapper';
import { CeremonyRepository, CeremonyRow, TeamRow } from '../ceremony.repository';
import type { CadenceDto, UpdateCadenceDto } from '../dto/cadence.dto';
import type {
  CeremonyDto,
  CeremonyQuery,
  CreateCeremonyDto,
  UpdateCeremonyDto,
} from '../dto/ceremony.dto';
import { parseRecurrence } from './recurrence';
import { sprintCeremonies } from './schedule';

/** The team's cadence and calendar: generated per sprint, then moved, cancelled or added by hand. */
@Injectable()
export class CalendarService implements OnModuleInit {
  constructor(
    private readonly access: CeremonyAccess,
    private readonly repo: CeremonyRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly sprintHooks: SprintHooks,
    private readonly workdays: WorkdaysService,
  ) {}

  onModuleInit(): void {
    this.sprintHooks.onSprintCreated((m, created) => this.generate(m, created));
  }

  async cadence(actor: Actor, teamId: string): Promise<CadenceDto> {
    await this.access.team(actor, teamId, 'team.read');
    return toCadenceSnapshot(await this.team(teamId), await this.repo.cadence(teamId));
  }

  async updateCadence(
    actor: Actor,
    teamId: string,
    version: number,
    dto: UpdateCadenceDto,
  ): Promise<CadenceDto> {
    await this.access.team(actor, teamId, 'ceremony.manage');
    return this.tx.run(async (m) => {
      const team = await this.team(teamId, m);
      const stored = await this.repo.cadence(teamId, m);
      const current = toCadenceSnapshot(team, stored);
      const stale = () =>
        new PreconditionFailedError(
          `The cadence changed since version ${version}; it is now at version ${current.version}`,
          current,
        );
      if (current.version !== version) throw stale();
      const prompts =
        dto.dailyPrompts === undefined ? (stored?.daily_prompts ?? null) : dto.dailyPrompts;
      if (prompts && new Set(prompts.map((p) => p.key)).size !== prompts.length)
        throw new ValidationFailedError([{ field: 'dailyPrompts', message: 'keys must differ' }]);
      const row = await this.repo.saveCadence(
        m,
        {
          team_id: teamId,
          sprint_length_days: dto.sprintLengthDays ?? current.sprintLengthDays,
          daily_time: dto.dailyTime ?? current.dailyTime,
          working_days: dto.workingDays ? [...dto.workingDays].sort() : current.workingDays,
          timezone: dto.timezone === undefined ? (stored?.timezone ?? null) : dto.timezone,
          daily_prompts: prompts ? prompts.map(({ key, text }) => ({ key, text })) : null,
        },
        version,
      );
      if (!row) throw stale();
      const cadence = toCadenceSnapshot(team, row);
      const changes = Object.keys(dto).filter(
        (k) => dto[k as keyof UpdateCadenceDto] !== undefined,
      );
      await this.events.append(m, {
        teamId,
        type: 'cadence.updated',
        actorId: actor.userId,
        data: { cadence, changes },
      });
      return cadence;
    });
  }

  async list(actor: Actor, teamId: string, q: CeremonyQuery): Promise<CeremonyDto[]> {
    await this.access.team(actor, teamId, 'team.read');
    const from = q.from ? instant('from', q.from) : undefined;
    const to = q.to ? instant('to', q.to) : undefined;
    const rows = await this.repo.ceremonies(teamId, {
      sprintId: q.sprintId?.toLowerCase(),
      from,
      to,
    });
    return rows.map(toCeremonyDto);
  }

  async get(actor: Actor, id: string): Promise<CeremonyDto> {
    const teamId = await this.access.ceremony(actor, id, 'team.read');
    return toCeremonyDto(await this.found(teamId, id));
  }

  async create(actor: Actor, teamId: string, dto: CreateCeremonyDto): Promise<CeremonyDto> {
    await this.access.team(actor, teamId, 'ceremony.manage');
    const recurrence = dto.recurrence ? await parseRecurrence(dto.recurrence) : null;
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    checkTimes(startsAt, endsAt);
    return this.tx.run(async (m) => {
      const team = await this.team(teamId, m);
      const errors = await this.checkReferences(m, teamId, dto.attendeeIds, dto.sprintId);
      if (errors.length > 0) throw new ValidationFailedError(errors);
      const cadence = toCadenceSnapshot(team, await this.repo.cadence(teamId, m));
      const row = await this.repo.insertCeremony(m, {
        team_id: teamId,
        sprint_id: dto.sprintId?.toLowerCase() ?? null,
        type: dto.type,
        title: dto.title ?? ceremonyTexts.type(team.locale, dto.type, team.vocabulary),
        starts_at: startsAt,
        ends_at: endsAt,
        timezone: dto.timezone ?? cadence.timezone,
        recurrence,
        excluded_starts: [],
        attendee_ids: (dto.attendeeIds ?? []).map((id) => id.toLowerCase()),
        agenda: dto.agenda ?? '',
        notes: dto.notes ?? '',
        outcomes: dto.outcomes ?? '',
      });
      await this.scheduled(m, row, actor.userId);
      return toCeremonyDto(row);
    });
  }

  async update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateCeremonyDto,
  ): Promise<CeremonyDto> {
    const teamId = await this.access.ceremony(actor, id, 'ceremony.manage');
    const recurrence =
      dto.recurrence === undefined
        ? undefined
        : dto.recurrence === null
          ? null
          : await parseRecurrence(dto.recurrence);
    return this.tx.run(async (m) => {
      const current = await this.current(m, teamId, id, version);
      const errors = await this.checkReferences(m, teamId, dto.attendeeIds);
      if (errors.length > 0) throw new ValidationFailedError(errors);
      const next: Record<string, unknown> = {
        title: dto.title ?? current.title,
        starts_at: dto.startsAt ? new Date(dto.startsAt) : current.starts_at,
        ends_at: dto.endsAt ? new Date(dto.endsAt) : current.ends_at,
        timezone: dto.timezone ?? current.timezone,
        recurrence: recurrence === undefined ? current.recurrence : recurrence,
        attendee_ids: dto.attendeeIds?.map((a) => a.toLowerCase()) ?? current.attendee_ids,
        agenda: dto.agenda ?? current.agenda,
        notes: dto.notes ?? current.notes,
        outcomes: dto.outcomes ?? current.outcomes,
      };
      checkTimes(next.starts_at as Date, next.ends_at as Date);
      // Moving a series moves its skipped occurrences with it.
      const shift = (next.starts_at as Date).getTime() - current.starts_at.getTime();
      next.excluded_starts =
        shift === 0
          ? current.excluded_starts
          : current.excluded_starts.map((d) => new Date(d.getTime() + shift));
      const changes = Object.keys(next).filter(
        (k) => !same(next[k], current[k as keyof CeremonyRow]),
      );
      if (changes.length === 0) return toCeremonyDto(current);
      const set = Object.fromEntries(changes.map((k) => [k, next[k]]));
      const row = (await this.repo.updateCeremony(m, teamId, id, version, set)) as CeremonyRow;
      await this.events.append(m, {
        teamId,
        type: 'ceremony.updated',
        actorId: actor.userId,
        data: { ceremony: toCeremonySnapshot(row), changes: changes.map(camel) },
      });
      return toCeremonyDto(row);
    });
  }

  async cancel(actor: Actor, id: string, version: number): Promise<CeremonyDto> {
    const teamId = await this.access.ceremony(actor, id, 'ceremony.manage');
    return this.tx.run(async (m) => {
      const current = await this.current(m, teamId, id, version);
      if (current.status === 'cancelled')
        throw new ConflictError('ceremony-cancelled', 'The ceremony is already cancelled');
      if (await this.repo.liveSession(m, teamId, id))
        throw new ConflictError('ceremony-live', 'End the live session before cancelling');
      const row = (await this.repo.updateCeremony(m, teamId, id, version, {
        status: 'cancelled',
      })) as CeremonyRow;
      await this.events.append(m, {
        teamId,
        type: 'ceremony.cancelled',
        actorId: actor.userId,
        data: { ceremony: toCeremonySnapshot(row) },
      });
      return toCeremonyDto(row);
    });
  }

  /** Sprint hook: the sprint's ceremonies from the cadence, in the sprint's transaction. */
  private async generate(m: EntityManager, created: SprintCreated): Promise<void> {
    const { teamId, sprint, actorId } = created;
    if (!sprint.startDate) return;
    const team = await this.team(teamId, m);
    const cadence = toCadenceSnapshot(team, await this.repo.cadence(teamId, m));
    const calendar = await this.workdays.forTeam(teamId, m);
    for (const planned of sprintCeremonies(sprint.startDate, sprint.endDate, cadence, calendar)) {
      const row = await this.repo.insertCeremony(m, {
        team_id: teamId,
        sprint_id: sprint.id,
        type: planned.type,
        title: ceremonyTexts.title(team.locale, planned.type, sprint.name, team.vocabulary),
        starts_at: planned.startsAt,
        ends_at: planned.endsAt,
        timezone: cadence.timezone,
        recurrence: planned.recurrence,
        excluded_starts: planned.excluded,
        attendee_ids: [],
        agenda: '',
        notes: planned.movedFrom
          ? ceremonyTexts.movedFromHoliday(
              team.locale,
              planned.movedFrom.date,
              planned.movedFrom.holiday.names[team.locale],
            )
          : '',
        outcomes: '',
      });
      await this.scheduled(m, row, actorId);
    }
  }

  private async scheduled(m: EntityManager, row: CeremonyRow, actorId: string): Promise<void> {
    await this.events.append(m, {
      teamId: row.team_id,
      type: 'ceremony.scheduled',
      actorId,
      data: { ceremony: toCeremonySnapshot(row) },
    });
  }

  private async checkReferences(
    m: EntityManager,
    teamId: string,
    attendeeIds?: string[],
    sprintId?: string,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (attendeeIds && attendeeIds.length > 0) {
      const members = new Set((await this.repo.members(teamId, m)).map((r) => r.user_id));
      attendeeIds.forEach((id, i) => {
        if (!members.has(id.toLowerCase()))
          errors.push({ field: `attendeeIds.${i}`, message: 'is not a member of this team' });
      });
    }
    if (sprintId) {
      if (!(await this.repo.sprintExists(m, teamId, sprintId.toLowerCase())))
        errors.push({ field: 'sprintId', message: 'is not a sprint of this team' });
    }
    return errors;
  }

  private async team(teamId: string, m?: EntityManager): Promise<TeamRow> {
    const team = await this.repo.team(teamId, m);
    if (!team) throw new NotFoundError('Team', teamId);
    return team;
  }

  private async found(teamId: string, id: string, m?: EntityManager): Promise<CeremonyRow> {
    const row = await this.repo.ceremony(teamId, id, m);
    if (!row) throw new NotFoundError('Ceremony', id);
    return row;
  }

  private async current(
    m: EntityManager,
    teamId: string,
    id: string,
    version: number,
  ): Promise<CeremonyRow> {
    const row = await this.found(teamId, id, m);
    requireVersion('ceremony', row, version, () => toCeremonyDto(row));
    return row;
  }
}

const outOfRange = (d: Date) =>
  Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999;
const RANGE = 'is not a date-time between 1970 and 9999';

function instant(field: string, value: string): Date {
  const d = new Date(value);
  if (outOfRange(d)) throw new ValidationFailedError([{ field, message: RANGE }]);
  return d;
}

function checkTimes(startsAt: Date, endsAt: Date): void {
  const errors: FieldError[] = [];
  for (const [field, d] of [
    ['startsAt', startsAt],
    ['endsAt', endsAt],
  ] as const)
    if (outOfRange(d)) errors.push({ field, message: RANGE });
  if (errors.length === 0 && endsAt <= startsAt)
    errors.push({ field: 'endsAt', message: 'is not after startsAt' });
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.join(',') === b.join(',');
  return a === b;
}
