import { DateTime } from 'luxon';
import type { Holiday } from '../../workdays/holidays';
import { WorkingCalendar } from '../../workdays/working-calendar';
import type { CeremonyType } from '../ceremony.events';

export interface Cadence {
  sprintLengthDays: number;
  /** HH:MM, local to the timezone. */
  dailyTime: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  timezone: string;
}

export interface PlannedCeremony {
  type: CeremonyType;
  startsAt: Date;
  endsAt: Date;
  recurrence: string | null;
  /** Occurrences of the rule on non-working days (a daily on 8 December): EXDATE. */
  excluded: Date[];
  /** Set when the sprint ends on a holiday or closure and the ceremony moved back from it. */
  movedFrom: { date: string; holiday: Holiday } | null;
}

/** Scrum Guide timeboxes for a one-month sprint, in minutes; shorter sprints scale them down. */
const MONTHLY_MINUTES: Record<Exclude<CeremonyType, 'daily_scrum'>, number> = {
  sprint_planning: 8 * 60,
  sprint_review: 4 * 60,
  sprint_retrospective: 3 * 60,
  // Not a Scrum event: the guide's "no more than 10% of capacity" is for the whole team's
  // refinement work; one session of an hour per sprint week keeps a public office's agenda sane.
  backlog_refinement: 4 * 60,
};

/** Local start times of the generated events (the daily's comes from the cadence). */
const START_TIME: Record<Exclude<CeremonyType, 'daily_scrum'>, string> = {
  sprint_planning: '09:00',
  backlog_refinement: '14:00',
  sprint_review: '10:00',
  sprint_retrospective: '15:00',
};

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The timebox in minutes for a sprint of that many calendar days, in quarter hours. A sprint
 * counts in started weeks (Monday to the next Friday is two weeks), a month being four.
 */
export function timeboxMinutes(type: CeremonyType, sprintDays: number): number {
  if (type === 'daily_scrum') return 15;
  const share = Math.min(1, Math.ceil(sprintDays / 7) / 4);
  return Math.max(15, Math.round((MONTHLY_MINUTES[type] * share) / 15) * 15);
}

/**
 * The ceremonies of a sprint from its dates, the team's cadence and its working calendar, in the
 * cadence's timezone (luxon resolves each local time on its own day, so a sprint across a DST
 * change keeps its wall-clock times): planning on the first working day, the daily on every
 * working day in between (one recurring event, its holidays excluded), refinement mid-sprint,
 * review and retrospective on the last working day — when the sprint ends on a holiday they move
 * back to the working day before, and say so (`movedFrom`).
 */
export function sprintCeremonies(
  startDate: string,
  endDate: string | null,
  cadence: Cadence,
  calendar: WorkingCalendar = WorkingCalendar.italian(cadence.workingDays),
): PlannedCeremony[] {
  const zone = cadence.timezone;
  const first = DateTime.fromISO(startDate, { zone });
  const last = endDate
    ? DateTime.fromISO(endDate, { zone })
    : first.plus({ days: cadence.sprintLengthDays - 1 });
  const length = Math.round(last.diff(first, 'days').days) + 1;
  if (!first.isValid || !last.isValid || length < 1) return [];
  const days: DateTime[] = [];
  for (let d = first; d <= last; d = d.plus({ days: 1 }))
    if (cadence.workingDays.includes(d.weekday) && calendar.isWorkingDay(d.toISODate()))
      days.push(d);
  if (days.length === 0) return [];
  const at = (day: DateTime, time: string) => {
    const [hour, minute] = time.split(':').map(Number);
    return day.set({ hour, minute, second: 0, millisecond: 0 });
  };
  const event = (
    type: CeremonyType,
    day: DateTime,
    time: string,
    recurrence: string | null = null,
    excluded: Date[] = [],
  ): PlannedCeremony => {
    const start = at(day, time);
    return {
      type,
      startsAt: start.toJSDate(),
      endsAt: start.plus({ minutes: timeboxMinutes(type, length) }).toJSDate(),
      recurrence,
      excluded,
      movedFrom: null,
    };
  };
  const planned = [event('sprint_planning', days[0], START_TIME.sprint_planning)];
  const between = days.slice(1, -1);
  if (between.length > 0) {
    const until = between[between.length - 1].endOf('day').toUTC();
    const byDay = [...cadence.workingDays].sort().map((d) => WEEKDAYS[d - 1]);
    // The rule's days that the calendar closes (holidays, the patron day, closures).
    const excluded: Date[] = [];
    for (let d = between[0]; d <= between[between.length - 1]; d = d.plus({ days: 1 }))
      if (
        cadence.workingDays.includes(d.weekday) &&
        !calendar.isWorkingDay(d.toISODate() as string)
      )
        excluded.push(at(d, cadence.dailyTime).toJSDate());
    planned.push(
      event(
        'daily_scrum',
        between[0],
        cadence.dailyTime,
        between.length === 1
          ? null
          : `FREQ=WEEKLY;BYDAY=${byDay.join(',')};UNTIL=${until.toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
        between.length === 1 ? [] : excluded,
      ),
    );
  }
  if (days.length >= 3)
    planned.push(
      event(
        'backlog_refinement',
        days[Math.floor((days.length - 1) / 2)],
        START_TIME.backlog_refinement,
      ),
    );
  const end = days[days.length - 1];
  const lastDate = last.toISODate();
  const holiday = calendar.holiday(lastDate);
  const movedFrom =
    holiday && (end.toISODate() as string) < lastDate ? { date: lastDate, holiday } : null;
  planned.push({ ...event('sprint_review', end, START_TIME.sprint_review), movedFrom });
  planned.push({
    ...event('sprint_retrospective', end, START_TIME.sprint_retrospective),
    movedFrom,
  });
  return planned;
}
