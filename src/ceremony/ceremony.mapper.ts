import type { CadenceSnapshot, CeremonySnapshot, SessionSnapshot } from './ceremony.events';
import type { CadenceRow, CeremonyRow, SessionRow, TeamRow } from './ceremony.repository';
import { ceremonyTexts } from './calendar-texts';
import type { CeremonyDto, SessionDto } from './dto/ceremony.dto';

export const DEFAULT_CADENCE = {
  sprint_length_days: 14,
  daily_time: '09:30',
  working_days: [1, 2, 3, 4, 5],
};

/** The stored cadence, or the defaults (version 0), with the team's timezone filled in. */
export function toCadenceSnapshot(team: TeamRow, row: CadenceRow | undefined): CadenceSnapshot {
  return {
    teamId: team.id,
    sprintLengthDays: row?.sprint_length_days ?? DEFAULT_CADENCE.sprint_length_days,
    dailyTime: row?.daily_time ?? DEFAULT_CADENCE.daily_time,
    workingDays: row?.working_days ?? DEFAULT_CADENCE.working_days,
    timezone: row?.timezone ?? team.timezone,
    dailyPrompts: row?.daily_prompts ?? ceremonyTexts.prompts(team.locale),
    version: row?.version ?? 0,
  };
}

export function toCeremonySnapshot(row: CeremonyRow): CeremonySnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    sprintId: row.sprint_id,
    type: row.type,
    title: row.title,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timezone: row.timezone,
    recurrence: row.recurrence,
    excludedStarts: row.excluded_starts.map((d) => d.toISOString()),
    status: row.status,
    attendeeIds: row.attendee_ids,
    agenda: row.agenda,
    notes: row.notes,
    outcomes: row.outcomes,
    version: row.version,
  };
}

export const toCeremonyDto = (row: CeremonyRow): CeremonyDto => toCeremonySnapshot(row);

export function toSessionSnapshot(row: SessionRow): SessionSnapshot {
  return {
    id: row.id,
    ceremonyId: row.ceremony_id,
    facilitatorId: row.facilitator_id,
    startedAt: row.started_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    attendance: row.attendance,
  };
}

export function toSessionDto(row: SessionRow): SessionDto {
  const { id, facilitatorId, startedAt, endsAt, endedAt, attendance } = toSessionSnapshot(row);
  return { id, facilitatorId, startedAt, endsAt, endedAt, attendance };
}
