import { RRule } from 'rrule';
import type { CeremonyInfoRow } from './notification-sources';

export interface Occurrence {
  ceremony: CeremonyInfoRow;
  startsAt: Date;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a zone, as if it were UTC ("floating" time). */
function floating(at: Date, tz: string): number {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = +part.value;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The instant a floating wall-clock time happens in the zone (twice: DST may move the offset). */
function zoned(floatingMs: number, tz: string): Date {
  let at = floatingMs - (floating(new Date(floatingMs), tz) - floatingMs);
  at = floatingMs - (floating(new Date(at), tz) - at);
  return new Date(at);
}

/**
 * The occurrences of ceremonies starting in [from, to). A series recurs at the same local time
 * in its own zone (as its iCalendar feed says with TZID), so the rule is expanded on the
 * wall clock and each occurrence turned back into an instant; skipped occurrences are left out.
 */
export function occurrencesBetween(rows: CeremonyInfoRow[], from: Date, to: Date): Occurrence[] {
  const out: Occurrence[] = [];
  for (const row of rows) {
    if (!row.recurrence) {
      if (row.starts_at >= from && row.starts_at < to)
        out.push({ ceremony: row, startsAt: row.starts_at });
      continue;
    }
    const excluded = new Set(row.excluded_starts.map((d) => d.getTime()));
    const rule = new RRule({
      ...RRule.parseString(row.recurrence),
      dtstart: new Date(floating(row.starts_at, row.timezone)),
    });
    // A day either side on the wall clock covers any zone's offset; the exact window is below.
    const found = rule.between(
      new Date(floating(from, row.timezone) - 86_400_000),
      new Date(floating(to, row.timezone) + 86_400_000),
      true,
    );
    for (const local of found) {
      const startsAt = zoned(local.getTime(), row.timezone);
      if (startsAt >= from && startsAt < to && !excluded.has(startsAt.getTime()))
        out.push({ ceremony: row, startsAt });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
