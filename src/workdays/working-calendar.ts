import { Holiday, nationalHolidays } from './holidays';

/**
 * A team's working days: its weekdays (the cadence's), minus Italian public holidays, the
 * patron saint's day of its comune and extra closures; and each member's absences. Pure and
 * synchronous, so the report maths, capacity, ceremony generation and forecasts all count days
 * the same way. Dates are plain YYYY-MM-DD in the team's timezone.
 */
export interface Absence {
  userId: string;
  from: string;
  to: string;
  /** Share of each working day away: 1 a whole day, 0.5 half days (part time). */
  fraction: number;
  note: string;
}

export interface CalendarSettings {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  /** MM-DD and the saint's name, e.g. {date: '10-04', name: 'San Francesco'}. */
  patron: { date: string; name: string } | null;
  closures: readonly { date: string; name: string }[];
  absences: readonly Absence[];
}

export const DEFAULT_WEEKDAYS = [1, 2, 3, 4, 5];

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a plain date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/** Longest span any day-counting loop walks (a sprint is at most 366 days; forecasts ~5 years). */
const MAX_SPAN = 2000;

export class WorkingCalendar {
  private readonly years = new Map<number, Map<string, Holiday>>();
  private readonly closures = new Map<string, Holiday>();

  constructor(readonly settings: CalendarSettings) {
    for (const c of settings.closures)
      this.closures.set(c.date, {
        date: c.date,
        kind: 'closure',
        names: { it: c.name, en: c.name },
      });
  }

  /** Everyone works Monday to Friday, except on national holidays. */
  static italian(weekdays: readonly number[] = DEFAULT_WEEKDAYS): WorkingCalendar {
    return new WorkingCalendar({ weekdays, patron: null, closures: [], absences: [] });
  }

  /** The holiday, patron day or closure on a date, if any (a closure names itself in both languages). */
  holiday(date: string): Holiday | undefined {
    const year = Number(date.slice(0, 4));
    let map = this.years.get(year);
    if (!map) {
      map = new Map(nationalHolidays(year).map((h) => [h.date, h]));
      const patron = this.settings.patron;
      if (patron && !map.has(`${year}-${patron.date}`))
        map.set(`${year}-${patron.date}`, {
          date: `${year}-${patron.date}`,
          kind: 'patron',
          names: { it: patron.name, en: patron.name },
        });
      this.years.set(year, map);
    }
    return map.get(date) ?? this.closures.get(date);
  }

  isWorkingDay(date: string): boolean {
    return this.settings.weekdays.includes(isoWeekday(date)) && !this.holiday(date);
  }

  /** The working dates from `from` to `to`, both included. */
  workingDates(from: string, to: string): string[] {
    const out: string[] = [];
    for (let d = from, n = 0; d <= to && n < MAX_SPAN; d = addDays(d, 1), n++)
      if (this.isWorkingDay(d)) out.push(d);
    return out;
  }

  countWorkingDays(from: string, to: string): number {
    return this.workingDates(from, to).length;
  }

  /** Working days after `from` up to `to` included: Friday → Monday is 1, the same day 0. */
  workingDaysBetween(from: string, to: string): number {
    return from >= to ? 0 : this.countWorkingDays(addDays(from, 1), to);
  }

  /** The n-th working day after `from` (n ≥ 1); `from` itself for n = 0. */
  addWorkingDays(from: string, n: number): string {
    let d = from;
    for (let left = n, guard = 0; left > 0 && guard < MAX_SPAN * 3; guard++) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** The last working day on or before a date (a review due on a holiday moves back to it). */
  previousWorkingDay(date: string): string {
    let d = date;
    for (let n = 0; !this.isWorkingDay(d) && n < 366; n++) d = addDays(d, -1);
    return d;
  }

  /**
   * Working days a member is away between two dates: each working day counts its largest
   * absence fraction (overlapping entries do not add up to more than the day).
   */
  absenceDays(userId: string, from: string, to: string): number {
    const mine = this.settings.absences.filter(
      (a) => a.userId === userId && a.to >= from && a.from <= to,
    );
    if (mine.length === 0) return 0;
    let total = 0;
    for (const d of this.workingDates(from, to)) {
      let away = 0;
      for (const a of mine) if (a.from <= d && d <= a.to) away = Math.max(away, a.fraction);
      total += Math.min(1, away);
    }
    return Math.round(total * 100) / 100;
  }

  /** Non-working days between two dates with why: not a working weekday, or the holiday. */
  closedDays(from: string, to: string): { date: string; holiday: Holiday | null }[] {
    const out: { date: string; holiday: Holiday | null }[] = [];
    for (let d = from, n = 0; d <= to && n < MAX_SPAN; d = addDays(d, 1), n++) {
      if (this.isWorkingDay(d)) continue;
      out.push({ date: d, holiday: this.holiday(d) ?? null });
    }
    return out;
  }
}
