import { localDate } from '../../common/dates';
import type { WorkingCalendar } from '../../workdays/working-calendar';
import { LoggedEvent, Replay } from './replay';

export interface AgingItem {
  itemId: string;
  title: string;
  /** The in-progress column it is in now. */
  statusId: string;
  /** When it first entered an in-progress column (the start of its cycle). */
  startedAt: string;
  /** Calendar days since then (fractional, from the instants). */
  ageDays: number;
  /** Working days of the team's calendar after the start day up to today (as cycle time counts). */
  ageWorkingDays: number;
}

const DAY = 86_400_000;
const round = (n: number) => Math.round(n * 100) / 100;

/** When each item first entered an in-progress column, as the event log says. */
export function startedAt(events: readonly LoggedEvent[]): Map<string, Date> {
  const replay = new Replay();
  for (const e of events) replay.apply(e);
  const out = new Map<string, Date>();
  for (const item of replay.items.values()) if (item.startedAt) out.set(item.id, item.startedAt);
  return out;
}

/**
 * Aging work in progress: how long each item now in progress has been in its cycle, counted
 * as cycle time is (flowTimes), so its age reads against the cycle-time percentiles: an item
 * older than the 85th percentile is already later than 85% of the finished ones were. Oldest
 * first. An item the log never saw start (it came in progress without a move) starts now.
 */
export function agingWip(
  items: readonly { id: string; title: string; statusId: string }[],
  started: ReadonlyMap<string, Date>,
  calendar: WorkingCalendar,
  timezone: string,
  now: Date,
): AgingItem[] {
  const today = localDate(now, timezone);
  return items
    .map((item) => {
      const since = started.get(item.id) ?? now;
      return {
        itemId: item.id,
        title: item.title,
        statusId: item.statusId,
        startedAt: since.toISOString(),
        ageDays: round(Math.max(0, now.getTime() - since.getTime()) / DAY),
        ageWorkingDays: calendar.workingDaysBetween(localDate(since, timezone), today),
      };
    })
    .sort(
      (a, b) =>
        b.ageWorkingDays - a.ageWorkingDays ||
        b.ageDays - a.ageDays ||
        a.itemId.localeCompare(b.itemId),
    );
}
