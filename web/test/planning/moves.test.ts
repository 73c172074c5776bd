import { describe, expect, it } from 'vitest';
import type { BacklogItem } from '../../src/api/backlog';
import { provisionalSprintRanks } from '../../src/api/sprints-mutations';
import {
  carryOverOf,
  closePlan,
  completeBody,
  closePreview,
  nextSprintName,
  nextSprints,
} from '../../src/features/planning/closing';
import { availableDays, capacityRows, toCapacity } from '../../src/features/planning/capacity';
import {
  lastIndex,
  previewLists,
  requestFor,
  sprintAnchor,
} from '../../src/features/planning/moves';
import { pickSprint } from '../../src/features/planning/PlanningPage';
import { patchOf } from '../../src/features/planning/SprintDetails';
import type { Planning, Sprint } from '../../src/api/sprints';

const item = (id: string, rank: string, patch: Partial<BacklogItem> = {}) =>
  ({
    id,
    rank,
    title: id,
    estimate: null,
    status: 'todo',
    sprintId: null,
    version: 1,
    ...patch,
  }) as BacklogItem;
const sprint = (id: string, state: Sprint['state'], name = id) =>
  ({ id, state, name, version: 1 }) as Sprint;

describe('planning moves', () => {
  const sprintItems = [item('a', 'a0'), item('b', 'a1'), item('c', 'a2')];
  const backlog = [item('x', 'b0'), item('y', 'b1')];

  it('anchors a drop to the neighbour above, or before the first', () => {
    expect(sprintAnchor(sprintItems, 'x', 0)).toEqual({ before: 'a' });
    expect(sprintAnchor(sprintItems, 'x', 2)).toEqual({ after: 'b' });
    expect(sprintAnchor(sprintItems, 'x', 9)).toEqual({ after: 'c' });
    expect(sprintAnchor(sprintItems, 'a', 2)).toEqual({ after: 'c' });
    expect(sprintAnchor([], 'x', 0)).toEqual({});
  });

  it('asks the server for an add, a reorder or a removal, and nothing for no change', () => {
    expect(requestFor({ id: 'x', from: 'backlog', to: 'sprint', index: 1 }, sprintItems)).toEqual({
      kind: 'add',
      ids: ['x'],
      anchor: { after: 'a' },
    });
    expect(requestFor({ id: 'b', from: 'sprint', to: 'sprint', index: 1 }, sprintItems)).toBe(
      undefined,
    );
    expect(requestFor({ id: 'b', from: 'sprint', to: 'sprint', index: 0 }, sprintItems)).toEqual({
      kind: 'add',
      ids: ['b'],
      anchor: { before: 'a' },
    });
    expect(requestFor({ id: 'b', from: 'sprint', to: 'backlog', index: 0 }, sprintItems)).toEqual({
      kind: 'remove',
      ids: ['b'],
    });
    expect(requestFor({ id: 'x', from: 'backlog', to: 'backlog', index: 0 }, sprintItems)).toBe(
      undefined,
    );
  });

  it('previews a keyboard move in the target list', () => {
    const into = previewLists(backlog, sprintItems, {
      id: 'x',
      from: 'backlog',
      to: 'sprint',
      index: 1,
    });
    expect(into.sprint.map((i) => i.id)).toEqual(['a', 'x', 'b', 'c']);
    expect(into.backlog.map((i) => i.id)).toEqual(['y']);
    const back = previewLists(backlog, sprintItems, {
      id: 'b',
      from: 'sprint',
      to: 'backlog',
      index: 0,
    });
    expect(back.backlog.map((i) => i.id)).toEqual(['b', 'x', 'y']);
    expect(back.sprint.map((i) => i.id)).toEqual(['a', 'c']);
    expect(lastIndex(sprintItems, { id: 'x', from: 'backlog', to: 'sprint', index: 0 })).toBe(3);
    expect(lastIndex(sprintItems, { id: 'a', from: 'sprint', to: 'sprint', index: 0 })).toBe(2);
  });

  it('gives provisional keys between the anchor and its neighbour', () => {
    const list = { items: sprintItems, complete: true };
    const after = provisionalSprintRanks(list, ['x'], { after: 'a' }).get('x')!;
    expect(after > 'a0' && after < 'a1').toBe(true);
    const before = provisionalSprintRanks(list, ['x'], { before: 'a' }).get('x')!;
    expect(before < 'a0').toBe(true);
    expect(provisionalSprintRanks(list, ['x'], {}).size).toBe(0);
  });
});

describe('closing, capacity and details', () => {
  it('previews what closing does: done points, unfinished items', () => {
    const preview = closePreview([
      item('a', 'a0', { status: 'done', estimate: 3 }),
      item('b', 'a1', { status: 'in_progress', estimate: 2 }),
      item('c', 'a2', { estimate: 5 }),
    ]);
    expect(preview.done).toEqual({ points: 3, unestimated: 0 });
    expect(preview.unfinished.map((i) => i.id)).toEqual(['b', 'c']);
    expect(preview.carried.points).toBe(7);
  });

  it('offers planned sprints other than the closing one, and names a new one', () => {
    const all = [
      sprint('s1', 'completed', 'Sprint 1'),
      sprint('s2', 'active', 'Sprint 2'),
      sprint('s3', 'planned', 'Sprint 3'),
    ];
    expect(nextSprints(all, 's2').map((s) => s.id)).toEqual(['s3']);
    expect(nextSprintName(all, 'Sprint')).toBe('Sprint 4');
    expect(nextSprintName([sprint('s', 'planned', 'Ciclo 2')], 'Ciclo')).toBe('Ciclo 3');
    expect(carryOverOf({ destination: 'new', nextSprintId: '', newName: 'x' })).toBe('sprint');
    expect(carryOverOf({ destination: 'top', nextSprintId: '', newName: '' })).toBe('top');
  });

  it('shows the sprint asked for, else the one being planned, else the running one', () => {
    const open = [sprint('s2', 'active'), sprint('s3', 'planned')];
    expect(pickSprint(open, 's2')?.id).toBe('s2');
    expect(pickSprint(open, null)?.id).toBe('s3');
    expect(pickSprint([sprint('s2', 'active')], 'gone')?.id).toBe('s2');
  });

  it("works out each member's days as the server does and sends focus as a share", () => {
    const planning = {
      members: [{ userId: 'u1', daysOff: 2, focusFactor: 0.5 }],
      absences: [{ userId: 'u1', days: 1 }],
      workingDays: 10,
    } as Planning;
    const rows = capacityRows(
      [
        { userId: 'u1', displayName: 'Anna', email: '', role: 'developer', joinedAt: '' },
        { userId: 'u2', displayName: 'Marco', email: '', role: 'scrum_master', joinedAt: '' },
        { userId: 'u3', displayName: 'Giulia', email: '', role: 'stakeholder', joinedAt: '' },
      ],
      planning,
    );
    expect(rows.map((r) => [r.name, r.daysOff, r.focusPercent, r.saved])).toEqual([
      ['Anna', 2, 50, true],
      ['Marco', 0, 100, false],
    ]);
    expect(availableDays(10, rows[0])).toBe(3.5);
    expect(availableDays(10, rows[1])).toBe(10);
    expect(toCapacity(rows)).toEqual([
      { userId: 'u1', daysOff: 2, focusFactor: 0.5 },
      { userId: 'u2', daysOff: 0, focusFactor: 1 },
    ]);
  });

  it('sends only the changed fields, empty dates as null', () => {
    const base = { name: 'Sprint 2', goal: '', startDate: '2026-12-07', endDate: '' };
    expect(patchOf(base, { ...base, goal: 'Mensa', startDate: '' })).toEqual({
      goal: 'Mensa',
      startDate: null,
    });
    expect(patchOf(base, { ...base, name: ' Sprint 2 ' })).toEqual({});
  });
});

describe('planning texts', () => {
  const files = import.meta.glob<{ default: Record<string, unknown> }>(
    '../../src/i18n/*/planning.json',
    { eager: true },
  );
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value !== 'object' || value === null
      ? [prefix]
      : Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  it('has the same keys in Italian and English', () => {
    const it = files['../../src/i18n/it/planning.json'].default;
    const en = files['../../src/i18n/en/planning.json'].default;
    expect(keys(it).sort()).toEqual(keys(en).sort());
  });
});

describe('the close plan', () => {
  const unfinished = [item('a', 'a0'), item('b', 'a1'), item('c', 'a2')];
  const choice = { destination: 'new' as const, nextSprintId: 'n', newName: 'Sprint 4' };

  it('carries everything with the completion when all go to one place', () => {
    const plan = closePlan(unfinished, choice, {});
    expect(plan.main).toBe('new');
    expect(plan.others).toEqual([]);
    expect(plan.needsNew).toBe(true);
    expect(plan.needsNext).toBe(false);
    expect(completeBody(plan, (d) => (d === 'new' ? 'created' : undefined))).toEqual({
      carryOverTo: 'sprint',
      nextSprintId: 'created',
    });
  });

  it('completes towards where most go and names the others in the same request', () => {
    const plan = closePlan(unfinished, choice, { a: 'top', b: 'top' });
    expect(plan.main).toBe('top');
    expect(plan.others).toEqual([{ itemId: 'c', to: 'new' }]);
    expect(completeBody(plan, (d) => (d === 'new' ? 'created' : undefined))).toEqual({
      carryOverTo: 'top',
      items: [{ itemId: 'c', to: 'sprint', sprintId: 'created' }],
    });
    expect(plan.groups.map((g) => [g.to, g.items.map((i) => i.id)])).toEqual([
      ['top', ['a', 'b']],
      ['new', ['c']],
    ]);
  });

  it('breaks a tie in favour of the choice for all', () => {
    const plan = closePlan(unfinished.slice(0, 2), choice, { a: 'next' });
    expect(plan.main).toBe('new');
    expect(plan.others).toEqual([{ itemId: 'a', to: 'next' }]);
    expect(plan.needsNext).toBe(true);
    const sprintOf = (d: string) => ({ new: 'created', next: 'n' })[d];
    expect(completeBody(plan, sprintOf)).toEqual({
      carryOverTo: 'sprint',
      nextSprintId: 'created',
      items: [{ itemId: 'a', to: 'sprint', sprintId: 'n' }],
    });
  });

  it('sends a plain completion when nothing is unfinished', () => {
    const plan = closePlan([], choice, {});
    expect(completeBody(plan, () => undefined)).toEqual({ carryOverTo: 'bottom' });
  });

  it('lists items going to the backlog without a sprint', () => {
    const plan = closePlan(unfinished, { ...choice, destination: 'next' }, { c: 'bottom' });
    expect(completeBody(plan, (d) => (d === 'next' ? 'n' : undefined))).toEqual({
      carryOverTo: 'sprint',
      nextSprintId: 'n',
      items: [{ itemId: 'c', to: 'bottom' }],
    });
  });
});
