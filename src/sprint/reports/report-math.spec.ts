import {
  burnSeries,
  capacityDays,
  cumulativeFlow,
  flowTimes,
  forecast,
  idealLine,
  percentile,
  SprintFrame,
  sprintReport,
} from './report-math';
import type { LoggedEvent } from './replay';
import { WorkingCalendar } from '../../workdays/working-calendar';

const IT = WorkingCalendar.italian();

const S = 'sprint-1';
const at = (iso: string) => new Date(iso);

/** A log builder: seq in call order, times given explicitly (UTC). */
function log() {
  const events: LoggedEvent[] = [];
  const push = (type: string, when: string, data: unknown) => {
    events.push({ seq: events.length + 1, type, occurredAt: at(when), actorId: 'u1', data });
    return events.length;
  };
  return {
    events,
    created: (id: string, estimate: number | null, when: string, status = 'todo') =>
      push('backlog_item.created', when, { item: { id, estimate, status, sprintId: null } }),
    updated: (id: string, estimate: number | null, sprintId: string | null, when: string) =>
      push('backlog_item.updated', when, { item: { id, estimate, sprintId, status: 'todo' } }),
    archived: (id: string, when: string) => push('backlog_item.archived', when, { itemId: id }),
    moved: (id: string, category: string, statusId: string, when: string) =>
      push('board.item_moved', when, { itemId: id, to: { category, statusId } }),
    added: (items: [string, number | null][], when: string, sprintId = S) =>
      push('sprint.items_added', when, {
        sprintId,
        items: items.map(([itemId, estimate]) => ({ itemId, estimate, category: 'todo' })),
      }),
    removed: (items: [string, number | null][], when: string) =>
      push('sprint.items_removed', when, {
        sprintId: S,
        items: items.map(([itemId, estimate]) => ({ itemId, estimate, category: 'todo' })),
      }),
    started: (when: string, commitment: [string, number | null][] = []) =>
      push('sprint.started', when, {
        sprint: { id: S },
        commitment: commitment.map(([itemId, estimate]) => ({
          itemId,
          estimate,
          category: 'todo',
        })),
      }),
    completed: (carried: string[], nextSprintId: string | null, when: string) =>
      push('sprint.completed', when, {
        sprint: { id: S },
        carriedOver: carried.map((itemId) => ({ itemId })),
        nextSprintId,
      }),
    statusDeleted: (itemIds: string[], movedTo: { statusId: string; category: string }) =>
      push('workflow.status_deleted', '2026-03-05T12:00:00Z', { statusId: 'x', movedTo, itemIds }),
  };
}

/**
 * A five-day sprint (Mon 2 – Fri 6 March 2026, Europe/Rome: a day ends at 23:00 UTC).
 * Committed A 3, B 5, C 2; A done on day 1; D (1) added on day 2; B re-estimated 5 → 8 and C
 * removed on day 3; D done on day 4; completed on day 5 with B carried over.
 */
function scenario() {
  const l = log();
  l.created('A', 3, '2026-02-27T09:00:00Z');
  l.created('B', 5, '2026-02-27T09:00:00Z');
  l.created('C', 2, '2026-02-27T09:00:00Z');
  l.added(
    [
      ['A', 3],
      ['B', 5],
      ['C', 2],
    ],
    '2026-02-28T09:00:00Z',
  );
  const startedSeq = l.started('2026-03-02T08:00:00Z', [
    ['A', 3],
    ['B', 5],
    ['C', 2],
  ]);
  l.moved('A', 'done', 's4', '2026-03-02T15:00:00Z');
  l.created('D', 1, '2026-03-03T09:00:00Z');
  l.added([['D', 1]], '2026-03-03T10:00:00Z');
  l.updated('B', 8, S, '2026-03-04T09:00:00Z');
  l.removed([['C', 2]], '2026-03-04T12:00:00Z');
  l.moved('D', 'done', 's4', '2026-03-05T09:00:00Z');
  const completedSeq = l.completed(['B'], null, '2026-03-06T16:00:00Z');
  const frame: SprintFrame = {
    id: S,
    startDate: '2026-03-02',
    endDate: '2026-03-06',
    timezone: 'Europe/Rome',
    startedSeq,
    completedSeq,
  };
  return { events: l.events, frame };
}

const point = (
  day: number,
  date: string,
  scope: number | null,
  completed: number | null,
  ideal: number,
  provisional = false,
) => ({
  day,
  date,
  workingDay: !['2026-03-07', '2026-03-08'].includes(date),
  scope,
  completed,
  remaining: scope === null || completed === null ? null : scope - completed,
  ideal,
  provisional,
});

describe('burnSeries', () => {
  it('points: commitment on day 0, one point per day end, scope changes, ideal line to zero', () => {
    const { events, frame } = scenario();
    const r = burnSeries(events, frame, 'points', at('2026-03-20T00:00:00Z'), IT);
    expect(r.committed).toBe(10);
    expect(r.points).toEqual([
      point(0, '2026-03-02', 10, 0, 10),
      point(1, '2026-03-02', 10, 3, 8),
      point(2, '2026-03-03', 11, 3, 6),
      point(3, '2026-03-04', 12, 3, 4),
      point(4, '2026-03-05', 12, 4, 2),
      point(5, '2026-03-06', 12, 4, 0),
    ]);
  });

  it('items: the same days counted in items', () => {
    const { events, frame } = scenario();
    const r = burnSeries(events, frame, 'items', at('2026-03-20T00:00:00Z'), IT);
    expect(r.committed).toBe(3);
    expect(r.points.map((p) => [p.scope, p.completed, p.remaining, p.ideal])).toEqual([
      [3, 0, 3, 3],
      [3, 1, 2, 2.4],
      [4, 1, 3, 1.8],
      [3, 1, 2, 1.2],
      [3, 2, 1, 0.6],
      [3, 2, 1, 0],
    ]);
  });

  it('an active sprint: today is the state now, marked provisional; later days are null, the ideal line is still drawn', () => {
    const { events, frame } = scenario();
    const now = at('2026-03-04T10:00:00Z');
    const live = events.filter((e) => e.occurredAt <= now);
    const r = burnSeries(live, { ...frame, completedSeq: null }, 'points', now, IT);
    expect(r.points).toEqual([
      point(0, '2026-03-02', 10, 0, 10),
      point(1, '2026-03-02', 10, 3, 8),
      point(2, '2026-03-03', 11, 3, 6),
      // At 10:00: B re-estimated to 8 (09:00), C not yet removed (12:00).
      point(3, '2026-03-04', 14, 3, 4, true),
      point(4, '2026-03-05', null, null, 2),
      point(5, '2026-03-06', null, null, 0),
    ]);
  });

  it('completed early: the series ends on the day it closed; later events are ignored', () => {
    const { events, frame } = scenario();
    const l = log();
    l.events.push(...events);
    l.moved('B', 'done', 's4', '2026-03-06T17:00:00Z');
    const early = { ...frame, endDate: '2026-03-11' };
    const r = burnSeries(l.events, early, 'points', at('2026-03-06T18:00:00Z'), IT);
    // Eight working days planned (2–11 March): the ideal falls by 1.25 a working day.
    expect(r.points.slice(4)).toEqual([
      point(4, '2026-03-05', 12, 4, 5),
      point(5, '2026-03-06', 12, 4, 3.75),
    ]);
  });

  it('the ideal line is flat on weekends and holidays: a sprint across 25 April and 1 May', () => {
    // Monday 20 April – Friday 1 May 2026: 25 April is a Saturday, 1 May a Friday holiday.
    const dates = Array.from({ length: 12 }, (_, i) =>
      new Date(Date.UTC(2026, 3, 20 + i)).toISOString().slice(0, 10),
    );
    const { working, ideal } = idealLine(dates, IT, 18);
    expect(working).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
    // Nine working days: 2 a day, flat from Friday 24 to Monday 27 and on 1 May.
    expect(ideal).toEqual([18, 16, 14, 12, 10, 8, 8, 8, 6, 4, 2, 0, 0]);
    // An office open on Saturdays gains nothing: Saturday 25 April is a holiday.
    const sat = new WorkingCalendar({
      weekdays: [1, 2, 3, 4, 5, 6],
      patron: null,
      closures: [],
      absences: [],
    });
    expect(idealLine(dates, sat, 18).ideal).toEqual(ideal);
  });

  it('a replay that begins at the start (what the service queries) gives the same series', () => {
    const { events, frame } = scenario();
    const fromStart = events.filter((e) => e.seq >= (frame.startedSeq as number));
    const now = at('2026-03-20T00:00:00Z');
    for (const unit of ['points', 'items'] as const)
      expect(burnSeries(fromStart, frame, unit, now, IT)).toEqual(
        burnSeries(events, frame, unit, now, IT),
      );
    expect(sprintReport(fromStart, frame)).toEqual(sprintReport(events, frame));
  });

  it('a sprint that has not started has no points', () => {
    const { events, frame } = scenario();
    expect(burnSeries(events, { ...frame, startedSeq: null }, 'points', new Date(), IT)).toEqual({
      committed: 0,
      points: [],
    });
  });
});

describe('sprintReport', () => {
  it('committed, completed, final scope, scope changes with time and actor, carried over', () => {
    const { events, frame } = scenario();
    expect(sprintReport(events, frame)).toEqual({
      committed: { items: 3, points: 10 },
      completed: { items: 2, points: 4 },
      finalScope: { items: 3, points: 12 },
      added: [{ itemId: 'D', at: '2026-03-03T10:00:00.000Z', actorId: 'u1', estimate: 1 }],
      removed: [{ itemId: 'C', at: '2026-03-04T12:00:00.000Z', actorId: 'u1', estimate: 2 }],
      reEstimated: [
        { itemId: 'B', at: '2026-03-04T09:00:00.000Z', actorId: 'u1', from: 5, estimate: 8 },
      ],
      carriedOver: [{ itemId: 'B', estimate: 8 }],
    });
  });

  it('planning changes before the start are not scope changes', () => {
    const l = log();
    l.created('A', 3, '2026-02-27T09:00:00Z');
    l.added([['A', 3]], '2026-02-27T10:00:00Z');
    l.updated('A', 5, S, '2026-02-27T11:00:00Z');
    const startedSeq = l.started('2026-03-02T08:00:00Z');
    const r = sprintReport(l.events, {
      id: S,
      startDate: '2026-03-02',
      endDate: '2026-03-06',
      timezone: 'Europe/Rome',
      startedSeq,
      completedSeq: null,
    });
    expect(r).toMatchObject({
      committed: { items: 1, points: 5 },
      added: [],
      removed: [],
      reEstimated: [],
    });
  });
});

describe('cumulativeFlow', () => {
  const statuses = [
    { id: 's1', category: 'todo' as const },
    { id: 's2', category: 'todo' as const },
    { id: 's3', category: 'in_progress' as const },
    { id: 's4', category: 'done' as const },
  ];
  const counts = (days: { counts: Record<string, number> }[]) =>
    days.map((d) => statuses.map((s) => d.counts[s.id]));

  it('items per column at the end of each local day; unnamed columns are the first of their category', () => {
    const { events } = scenario();
    const days = cumulativeFlow(events, statuses, '2026-03-01', '2026-03-05', 'Europe/Rome', null);
    expect(days.map((d) => d.date)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
    ]);
    expect(counts(days)).toEqual([
      [3, 0, 0, 0],
      [2, 0, 0, 1],
      [3, 0, 0, 1],
      [3, 0, 0, 1],
      [2, 0, 0, 2],
    ]);
  });

  it("one sprint's items only, as the sprint was on each day", () => {
    const { events } = scenario();
    const days = cumulativeFlow(events, statuses, '2026-03-01', '2026-03-05', 'Europe/Rome', S);
    expect(counts(days)).toEqual([
      [3, 0, 0, 0],
      [2, 0, 0, 1],
      [3, 0, 0, 1],
      [2, 0, 0, 1],
      [1, 0, 0, 2],
    ]);
  });

  it('archived items leave; a deleted column sends its items where the event says', () => {
    const l = log();
    l.created('A', null, '2026-03-01T09:00:00Z');
    l.created('B', null, '2026-03-01T09:00:00Z');
    l.moved('A', 'todo', 's2', '2026-03-01T10:00:00Z');
    l.archived('B', '2026-03-02T10:00:00Z');
    l.statusDeleted(['A'], { statusId: 's3', category: 'in_progress' });
    const days = cumulativeFlow(l.events, statuses, '2026-03-01', '2026-03-05', 'UTC', null);
    expect(counts(days)).toEqual([
      [1, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ]);
  });
});

describe('flowTimes and percentile', () => {
  it('cycle time from the first in-progress, lead time from creation; straight to done is a cycle of 0', () => {
    const l = log();
    l.created('X', 1, '2026-03-01T00:00:00Z');
    l.moved('X', 'in_progress', 's3', '2026-03-02T00:00:00Z');
    l.moved('X', 'todo', 's1', '2026-03-02T06:00:00Z');
    l.moved('X', 'in_progress', 's3', '2026-03-03T00:00:00Z');
    l.moved('X', 'done', 's4', '2026-03-04T12:00:00Z');
    l.created('Y', 1, '2026-03-01T00:00:00Z');
    l.moved('Y', 'done', 's4', '2026-03-03T00:00:00Z');
    l.created('Z', 1, '2026-03-01T00:00:00Z');
    l.moved('Z', 'done', 's4', '2026-03-02T00:00:00Z');
    l.moved('Z', 'in_progress', 's3', '2026-03-02T12:00:00Z');
    l.created('W', 1, '2026-03-01T00:00:00Z');
    l.moved('W', 'done', 's4', '2026-03-01T12:00:00Z');
    l.archived('W', '2026-03-02T00:00:00Z');
    expect(flowTimes(l.events, null, IT, 'UTC')).toEqual([
      {
        itemId: 'Y',
        createdAt: '2026-03-01T00:00:00.000Z',
        startedAt: '2026-03-03T00:00:00.000Z',
        doneAt: '2026-03-03T00:00:00.000Z',
        doneOn: '2026-03-03',
        cycleDays: 0,
        leadDays: 2,
        cycleWorkingDays: 0,
        leadWorkingDays: 2,
      },
      {
        itemId: 'X',
        createdAt: '2026-03-01T00:00:00.000Z',
        startedAt: '2026-03-02T00:00:00.000Z',
        doneAt: '2026-03-04T12:00:00.000Z',
        doneOn: '2026-03-04',
        cycleDays: 2.5,
        leadDays: 3.5,
        cycleWorkingDays: 2,
        leadWorkingDays: 3,
      },
    ]);
    expect(flowTimes(l.events, at('2026-03-04T00:00:00Z'), IT, 'UTC').map((i) => i.itemId)).toEqual(
      ['X'],
    );
  });

  it('nearest-rank percentiles 50/85/95: a value that occurred; null without values', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect([50, 85, 95].map((p) => percentile(values, p))).toEqual([10, 17, 19]);
    expect([50, 85, 95].map((p) => percentile([4, 1, 2.5], p))).toEqual([2.5, 4, 4]);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('forecast and capacity', () => {
  it('velocity mean/min/max of the last 3–6 sprints against the plan', () => {
    expect(forecast([20, 30, 25], 30)).toEqual({
      sprintsUsed: 3,
      enoughHistory: true,
      mean: 25,
      min: 20,
      max: 30,
      plannedPoints: 30,
      overcommitted: true,
    });
    expect(forecast([10, 20, 30, 40, 50, 60, 1000], 35)).toMatchObject({
      sprintsUsed: 6,
      mean: 35,
      min: 10,
      max: 60,
      overcommitted: false,
    });
    expect(forecast([10, 11], 5)).toMatchObject({ enoughHistory: false, mean: 10.5 });
    expect(forecast([], 13)).toEqual({
      sprintsUsed: 0,
      enoughHistory: false,
      mean: null,
      min: null,
      max: null,
      plannedPoints: 13,
      overcommitted: false,
    });
  });

  it('capacity: working days minus absences and days off (never below zero), times the focus factor', () => {
    expect(
      capacityDays(
        '2026-03-02',
        '2026-03-13',
        [
          { userId: 'a', daysOff: 2, focusFactor: 0.5 },
          { userId: 'b', daysOff: 0, focusFactor: 0.8 },
          { userId: 'c', daysOff: 12, focusFactor: 1 },
        ],
        IT,
      ),
    ).toEqual({
      workingDays: 10,
      capacityDays: 12,
      absences: [
        { userId: 'a', days: 0 },
        { userId: 'b', days: 0 },
        { userId: 'c', days: 0 },
      ],
    });
    expect(
      capacityDays('2026-03-07', '2026-03-08', [{ userId: 'a', daysOff: 0, focusFactor: 1 }], IT),
    ).toMatchObject({ workingDays: 0, capacityDays: 0 });
    // 30 November – 11 December 2026: 8 December is a holiday; b is away 1–4 December.
    const calendar = new WorkingCalendar({
      weekdays: [1, 2, 3, 4, 5],
      patron: null,
      closures: [],
      absences: [{ userId: 'b', from: '2026-12-01', to: '2026-12-04', fraction: 1, note: '' }],
    });
    expect(
      capacityDays(
        '2026-11-30',
        '2026-12-11',
        [
          { userId: 'a', daysOff: 0, focusFactor: 1 },
          { userId: 'b', daysOff: 1, focusFactor: 0.5 },
        ],
        calendar,
      ),
    ).toEqual({
      workingDays: 9,
      capacityDays: 11,
      absences: [
        { userId: 'a', days: 0 },
        { userId: 'b', days: 4 },
      ],
    });
  });
});
