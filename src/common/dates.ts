/**
 * Calendar days in a team's timezone. Sprint dates are plain dates (YYYY-MM-DD) in the team's
 * timezone; a report day ends at the next local midnight, whatever the server's zone or DST.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
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
  return f;
}

function parts(at: Date, tz: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of format(tz).formatToParts(at))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offset(at: Date, tz: string): number {
  const p = parts(at, tz);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local date starts (its midnight) in the zone. */
export function startOfDay(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guessed instant may differ from the one at the real midnight.
  let at = guess - offset(new Date(guess), tz);
  at = guess - offset(new Date(at), tz);
  return new Date(at);
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The local date of an instant in the zone. */
export function localDate(at: Date, tz: string): string {
  const p = parts(at, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 1000; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Monday to Friday among the dates: a municipal office's working days. */
export function workingDays(from: string, to: string): number {
  return datesBetween(from, to).filter((d) => {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  }).length;
}
