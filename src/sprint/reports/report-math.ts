/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- event data is read loosely here; its shapes are typed in sprint.events.ts and replayed by type */
import type { Category } from '../sprint.events';
import type { WorkingCalendar } from '../../workdays/working-calendar';
import { addDays, datesBetween, localDate, startOfDay } from '../../common/dates';
import { ItemState, LoggedEvent, Replay } from './replay';

/**
 * Report maths: pure functions over the event log. No database, no clock of their own — the
 * caller passes `now`, so tests assert exact values.
 */
export type Unit = 'points' | 'items';

export interface SprintFrame {
  id: string;
  startDate: string;
  endDate: string;
  timezone: string;
  /** Seq of sprint.started; null when not started. */
  startedSeq: number | null;
  /** Seq of sprint.completed; events from it on are not applied. */
  completedSeq: number | null;
}

export interface BurnPoint {
  day: number;
  date: string;
  /** False on weekends, holidays and closures: the ideal line stays flat on them. */
  workingDay: boolean;
  remaining: number | null;
  completed: number | null;
  scope: number | null;
  ideal: number;
  /**
   * True for the running day of an active sprint: its state now, not yet the end of the day.
   * It changes until the day ends (and is then the day's closing point like the others).
   */
  provisional: boolean;
}

const round = (n: number) => Math.round(n * 100) / 100;

function weigh(items: Iterable<ItemState>, sprintId: string, unit: Unit) {
  let scope = 0;
  let completed = 0;
  for (const item of items) {
    if (item.sprintId !== sprintId || item.archived) continue;
    const w = unit === 'items' ? 1 : (item.estimate ?? 0);
    scope += w;
    if (item.category === 'done') completed += w;
  }
  return { scope: round(scope), completed: round(completed), remaining: round(scope - completed) };
}

/**
 * The ideal line: from the commitment at day 0 to zero at the end of the last working day,
 * falling by the same amount on each working day and flat on the others (a sprint with no
 * working day at all falls evenly over its calendar days).
 */
export function idealLine(dates: readonly string[], calendar: WorkingCalendar, committed: number) {
  const working = dates.map((d) => calendar.isWorkingDay(d));
  const total = working.filter(Boolean).length;
  const out = [committed];
  let done = 0;
  dates.forEach((_, i) => {
    done += total === 0 || working[i] ? 1 : 0;
    out.push(round(committed * Math.max(0, 1 - done / (total || dates.length))));
  });
  return { working, ideal: out };
}

/**
 * Day 0 is the commitment at start; day i (1..n) is the state at the end of the i-th sprint
 * day in the team's timezone. Days after `now` (an active sprint) have null values. A sprint
 * completed before its planned end stops at the day it was completed: the chart ends where the
 * sprint did instead of running flat to the planned end.
 *
 * The running day of an active sprint is the state at `now`, marked `provisional`. It is
 * computed here, in the read model, and not added by the web client from its cache: the
 * server is the one place that knows every item's estimate, column and sprint as the log says
 * (the client holds only the screens it shows), so a live point from here is the same number
 * in the JSON, the SVG, the CSV and every browser, and each event that makes the report stale
 * (web/src/live/report-reducers.ts) brings the new value.
 */
export function burnSeries(
  events: readonly LoggedEvent[],
  sprint: SprintFrame,
  unit: Unit,
  now: Date,
  calendar: WorkingCalendar,
): { committed: number; points: BurnPoint[] } {
  const dates = datesBetween(sprint.startDate, sprint.endDate);
  const ends = dates.map((d) => startOfDay(addDays(d, 1), sprint.timezone));
  const replay = new Replay();
  const points: BurnPoint[] = [];
  let committed = 0;
  let line: { working: boolean[]; ideal: number[] } = { working: [], ideal: [] };
  let next = 0;
  let closedOn: string | null = null;
  let provisional = false;
  const sample = (day: number, date: string) => {
    const w = weigh(replay.items.values(), sprint.id, unit);
    points.push({
      day,
      date,
      workingDay: line.working[day - 1] ?? true,
      ...w,
      ideal: line.ideal[day],
      provisional,
    });
  };
  for (const e of events) {
    if (sprint.completedSeq !== null && e.seq >= sprint.completedSeq) {
      closedOn = localDate(e.occurredAt, sprint.timezone);
      break;
    }
    if (sprint.startedSeq !== null && e.seq > sprint.startedSeq) {
      while (next < ends.length && e.occurredAt >= ends[next]) sample(++next, dates[next - 1]);
    }
    replay.apply(e);
    if (e.seq === sprint.startedSeq) {
      committed = weigh(replay.items.values(), sprint.id, unit).scope;
      line = idealLine(dates, calendar, committed);
      sample(0, sprint.startDate);
    }
  }
  if (sprint.startedSeq === null) return { committed: 0, points: [] };
  if (sprint.completedSeq !== null && closedOn === null) closedOn = localDate(now, sprint.timezone);
  while (next < ends.length) {
    next++;
    const date = dates[next - 1];
    if (closedOn !== null) {
      // Completed: the day it closed is the last point (the state at completion).
      if (date > closedOn && next > 1) break;
      sample(next, date);
    } else if (ends[next - 1] <= now) sample(next, date);
    else if (startOfDay(date, sprint.timezone) <= now) {
      provisional = true;
      sample(next, date);
      provisional = false;
    } else
      points.push({
        day: next,
        date,
        workingDay: line.working[next - 1],
        remaining: null,
        completed: null,
        scope: null,
        ideal: line.ideal[next],
        provisional: false,
      });
  }
  return { committed, points };
}

export interface ScopeChange {
  itemId: string;
  at: string;
  actorId: string | null;
  estimate: number | null;
}

export interface SprintReport {
  committed: { items: number; points: number };
  completed: { items: number; points: number };
  finalScope: { items: number; points: number };
  added: ScopeChange[];
  removed: ScopeChange[];
  reEstimated: (ScopeChange & { from: number | null })[];
  carriedOver: { itemId: string; estimate: number | null }[];
}

const sum = (xs: { estimate: number | null }[]) =>
  round(xs.reduce((s, x) => s + (x.estimate ?? 0), 0));

/** Committed, completed, scope changes after start, and what is (or was) carried over. */
export function sprintReport(events: readonly LoggedEvent[], sprint: SprintFrame): SprintReport {
  const replay = new Replay();
  const report: SprintReport = {
    committed: { items: 0, points: 0 },
    completed: { items: 0, points: 0 },
    finalScope: { items: 0, points: 0 },
    added: [],
    removed: [],
    reEstimated: [],
    carriedOver: [],
  };
  let started = false;
  for (const e of events) {
    if (sprint.completedSeq !== null && e.seq >= sprint.completedSeq) break;
    const at = e.occurredAt.toISOString();
    const d = e.data;
    if (started && e.type === 'sprint.items_added' && d.sprintId === sprint.id)
      for (const i of d.items)
        report.added.push({ itemId: i.itemId, at, actorId: e.actorId, estimate: i.estimate });
    if (started && e.type === 'sprint.items_removed' && d.sprintId === sprint.id)
      for (const i of d.items)
        report.removed.push({ itemId: i.itemId, at, actorId: e.actorId, estimate: i.estimate });
    if (started && e.type === 'backlog_item.updated') {
      const before = replay.items.get(d.item.id);
      if (before && before.sprintId === sprint.id && before.estimate !== d.item.estimate)
        report.reEstimated.push({
          itemId: d.item.id,
          at,
          actorId: e.actorId,
          from: before.estimate,
          estimate: d.item.estimate,
        });
    }
    replay.apply(e);
    if (e.seq === sprint.startedSeq) {
      started = true;
      const committed = [...replay.items.values()].filter((i) => i.sprintId === sprint.id);
      report.committed = { items: committed.length, points: sum(committed) };
    }
  }
  const scope = [...replay.items.values()].filter((i) => i.sprintId === sprint.id && !i.archived);
  const done = scope.filter((i) => i.category === 'done');
  report.finalScope = { items: scope.length, points: sum(scope) };
  report.completed = { items: done.length, points: sum(done) };
  report.carriedOver = scope
    .filter((i) => i.category !== 'done')
    .map((i) => ({ itemId: i.id, estimate: i.estimate }));
  return report;
}

export interface FlowStatus {
  id: string;
  category: Category;
}

/**
 * Items per column at the end of each day. An item whose column the log does not name (created
 * in the backlog) sits in the first column of its category, where the backlog puts it (firstColumnOf).
 */
export function cumulativeFlow(
  events: readonly LoggedEvent[],
  statuses: readonly FlowStatus[],
  from: string,
  to: string,
  timezone: string,
  sprintId: string | null,
): { date: string; counts: Record<string, number> }[] {
  const dates = datesBetween(from, to);
  const ends = dates.map((d) => startOfDay(addDays(d, 1), timezone));
  const firstOf = new Map<Category, string>();
  for (const s of statuses) if (!firstOf.has(s.category)) firstOf.set(s.category, s.id);
  const replay = new Replay();
  const out: { date: string; counts: Record<string, number> }[] = [];
  const sample = (date: string) => {
    const counts = Object.fromEntries(statuses.map((s) => [s.id, 0]));
    for (const item of replay.items.values()) {
      if (item.archived || (sprintId !== null && item.sprintId !== sprintId)) continue;
      const column = item.statusId ?? firstOf.get(item.category);
      if (column !== undefined && column in counts) counts[column]++;
    }
    out.push({ date, counts });
  };
  for (const e of events) {
    while (out.length < ends.length && e.occurredAt >= ends[out.length]) sample(dates[out.length]);
    replay.apply(e);
  }
  while (out.length < ends.length) sample(dates[out.length]);
  return out;
}

export interface ItemTimes {
  itemId: string;
  createdAt: string;
  startedAt: string;
  doneAt: string;
  /** The day it was done, in the team's timezone: the scatter's axis. */
  doneOn: string;
  cycleDays: number;
  leadDays: number;
  /** Working days of the team's calendar after the start day up to the day done (Friday → Monday: 1). */
  cycleWorkingDays: number;
  leadWorkingDays: number;
}

const DAY = 86_400_000;

/**
 * Cycle time (first in progress → done) and lead time (created → done) of finished items, in
 * calendar days (fractional, from the instants) and in working days of the team's calendar.
 */
export function flowTimes(
  events: readonly LoggedEvent[],
  since: Date | null,
  calendar: WorkingCalendar,
  timezone: string,
): ItemTimes[] {
  const replay = new Replay();
  for (const e of events) replay.apply(e);
  const out: ItemTimes[] = [];
  const day = (at: Date) => localDate(at, timezone);
  for (const item of replay.items.values()) {
    if (!item.doneAt || item.archived || (since && item.doneAt < since)) continue;
    const startedAt = item.startedAt ?? item.doneAt;
    out.push({
      itemId: item.id,
      createdAt: item.createdAt.toISOString(),
      startedAt: startedAt.toISOString(),
      doneAt: item.doneAt.toISOString(),
      doneOn: day(item.doneAt),
      cycleDays: round((item.doneAt.getTime() - startedAt.getTime()) / DAY),
      leadDays: round((item.doneAt.getTime() - item.createdAt.getTime()) / DAY),
      cycleWorkingDays: calendar.workingDaysBetween(day(startedAt), day(item.doneAt)),
      leadWorkingDays: calendar.workingDaysBetween(day(item.createdAt), day(item.doneAt)),
    });
  }
  return out.sort((a, b) => a.doneAt.localeCompare(b.doneAt) || a.itemId.localeCompare(b.itemId));
}

/** Nearest-rank percentile: a value that actually occurred; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Forecast {
  sprintsUsed: number;
  enoughHistory: boolean;
  mean: number | null;
  min: number | null;
  max: number | null;
  plannedPoints: number;
  overcommitted: boolean;
}

/** Velocity of the last 3–6 completed sprints (newest first in `completed`) vs the plan. */
export function forecast(completed: readonly number[], plannedPoints: number): Forecast {
  const used = completed.slice(0, 6);
  const mean = used.length ? round(used.reduce((s, v) => s + v, 0) / used.length) : null;
  return {
    sprintsUsed: used.length,
    enoughHistory: used.length >= 3,
    mean,
    min: used.length ? Math.min(...used) : null,
    max: used.length ? Math.max(...used) : null,
    plannedPoints: round(plannedPoints),
    overcommitted: mean !== null && plannedPoints > mean,
  };
}

/**
 * Person-days: each member's working days of the team's calendar, minus their absences from
 * the calendar and the extra days off given with the capacity, times their focus factor.
 */
export function capacityDays(
  startDate: string,
  endDate: string,
  members: readonly { userId: string; daysOff: number; focusFactor: number }[],
  calendar: WorkingCalendar,
): {
  workingDays: number;
  capacityDays: number;
  absences: { userId: string; days: number }[];
} {
  const days = calendar.countWorkingDays(startDate, endDate);
  const absences = members.map((m) => ({
    userId: m.userId,
    days: calendar.absenceDays(m.userId, startDate, endDate),
  }));
  const total = members.reduce(
    (s, m, i) => s + Math.max(0, days - absences[i].days - m.daysOff) * m.focusFactor,
    0,
  );
  return { workingDays: days, capacityDays: round(total), absences };
}
