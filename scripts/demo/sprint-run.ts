/**
 * One sprint of the demo, run through the services with the Clock moved day by day: planned the
 * evening before, started, items moved across the board (and whatever else `eachDay` does) in
 * date order, completed when its end is past.
 */
import { query } from '../../src/database/sql';
import type { Actor } from '../../src/identity/actor';
import { BoardService } from '../../src/sprint/board.service';
import { SprintsService } from '../../src/sprint/sprints.service';
import { WorkflowService } from '../../src/sprint/workflow.service';
import type { Context } from './seed';

const DAY = 86_400_000;

function day(ctx: Context, n: number): string {
  return new Date(ctx.today.getTime() + n * DAY).toISOString().slice(0, 10);
}

export interface SprintPlan {
  name: string;
  start: number;
  end: number;
  count: number;
  finishes: number[];
  complete: boolean;
  /** Called at 09:00 on every day of the sprint before today (daily scrums, impediments). */
  eachDay?: (day: number) => Promise<void>;
}

export async function runSprint(
  ctx: Context,
  teamId: string,
  sm: Actor,
  devs: Actor[],
  plan: SprintPlan,
): Promise<void> {
  const sprints = ctx.app.get(SprintsService);
  const board = ctx.app.get(BoardService);
  const workflow = await ctx.app.get(WorkflowService).get(sm, teamId);
  const doing = workflow.statuses.find((s) => s.category === 'in_progress')!;
  const done = workflow.statuses.find((s) => s.category === 'done')!;
  ctx.at(plan.start - 1, 18);
  const sprint = await sprints.create(sm, teamId, {
    name: plan.name,
    goal: `Obiettivo del ${plan.name.toLowerCase()}: chiudere le pratiche più richieste allo sportello`,
    startDate: day(ctx, plan.start),
    endDate: day(ctx, plan.end),
  });
  const top = await query<{ id: string }>(
    ctx.db,
    `SELECT id FROM backlog_items
      WHERE team_id = $1 AND type <> 'epic' AND sprint_id IS NULL AND status <> 'done' AND archived_at IS NULL
      ORDER BY rank COLLATE "C" LIMIT $2`,
    [teamId, plan.count],
  );
  await sprints.addItems(sm, sprint.id, { ids: top.map((r) => r.id) });
  ctx.at(plan.start, 9);
  await sprints.start(sm, sprint.id);
  // What happens during the sprint, in date order: [hours from day 0, action].
  const timeline: [number, () => Promise<unknown>][] = [];
  for (const [n, finish] of plan.finishes.entries()) {
    const item = top[n];
    if (!item) break;
    const dev = devs[n % devs.length];
    timeline.push(
      [
        Math.max(plan.start, finish - 1) * 24 + 10,
        () => board.move(dev, teamId, { itemId: item.id, statusId: doing.id }),
      ],
      [finish * 24 + 16, () => board.move(dev, teamId, { itemId: item.id, statusId: done.id })],
    );
  }
  const eachDay = plan.eachDay;
  if (eachDay)
    for (let d = plan.start + 1; d <= Math.min(plan.end, -1); d++)
      timeline.push([d * 24 + 9, () => eachDay(d)]);
  timeline.sort((a, b) => a[0] - b[0]);
  for (const [at, action] of timeline) {
    ctx.at(Math.floor(at / 24), ((at % 24) + 24) % 24);
    await action();
  }
  if (plan.complete) {
    ctx.at(plan.end, 17);
    await sprints.complete(sm, sprint.id, { carryOverTo: 'top' });
  }
}
