/**
 * The demo workspace, built through the real services (so every change has its event, every
 * rank is computed under the team lock, every password passes the policy). One function per
 * part; each part finds what an earlier run made and makes only what is missing, so running
 * the seed twice creates nothing new and a part added later (ceremonies, retrospectives) fills
 * in an existing demo. History lies in the past: the app's Clock is moved day by day while the
 * sprints run, so velocity and burndown charts have real shapes.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { query } from '../../src/database/sql';
import { BacklogItemsService } from '../../src/backlog/items/backlog-items.service';
import { RankingService } from '../../src/backlog/ranking/ranking.service';
import type { Actor } from '../../src/identity/actor';
import { AuthService } from '../../src/identity/auth/auth.service';
import { InvitationsService } from '../../src/identity/invitations/invitations.service';
import { TeamsService } from '../../src/identity/teams/teams.service';
import { WorkspacesService } from '../../src/identity/workspaces/workspaces.service';
import { BoardService } from '../../src/sprint/board.service';
import { WorkflowService } from '../../src/sprint/workflow.service';
import { seedTributiPoker, seedTributiRetrospective, seedTributiReview } from './ceremonies';
import { runSprint } from './sprint-run';
import { seedCadence, seedTributiDailies, seedTributiDay, seedUpcomingCeremonies } from './daily';
import { ADMIN, DEMO_DOMAIN, DEMO_PASSWORD, DemoTeam, TEAMS, WORKSPACES } from './demo-data';

export class DemoRefused extends Error {}

export interface SeedOptions {
  force?: boolean;
  log?: (line: string) => void;
}

export interface SeedResult {
  created: boolean;
  logins: { email: string; name: string; role: string; team: string }[];
  password: string;
}

const DAY = 86_400_000;

export interface Context {
  app: INestApplicationContext;
  db: DataSource;
  admin: Actor;
  /** Noon UTC of the day the seed runs: day 0 of the demo's calendar. */
  today: Date;
  log: (line: string) => void;
  /** Moves the app's Clock; the events of a part are dated on the days they "happened". */
  at(day: number, hour?: number): void;
  /**
   * Like `at`, but never before the team's last event: a part added to an existing demo happens
   * after what is already there (each team's event log stays in date order).
   */
  after(teamId: string, day: number, hour?: number): Promise<void>;
  workspaces: Map<string, string>;
  teams: Map<DemoTeam['key'], string>;
  people: Map<string, Actor>;
}

const actorOf = (user: {
  id: string;
  display_name: string;
  is_instance_admin?: boolean;
}): Actor => ({
  userId: user.id,
  displayName: user.display_name,
  isInstanceAdmin: user.is_instance_admin === true,
  via: 'session',
  scopes: ['read', 'write'],
  expiresAt: null,
});

export async function seedDemo(
  app: INestApplicationContext,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const db = app.get(DataSource);
  const log = options.log ?? (() => undefined);
  const [{ users }] = await query<{ users: number }>(
    db,
    `SELECT count(*)::int AS users FROM users`,
  );
  const ours = await findUser(db, ADMIN.email);
  if (users > 0 && !ours && !options.force) {
    throw new DemoRefused(
      'This database already holds data that is not the demo: refusing to add demo data to it. ' +
        'Use an empty database, or pass --force to add the demo next to what is there.',
    );
  }
  const [{ before }] = await query<{ before: number }>(
    db,
    `SELECT count(*)::int AS before FROM events`,
  );
  const clock = app.get(Clock);
  const realNow = clock.now.bind(clock);
  const now = realNow();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12));
  let current: Date | undefined;
  clock.now = () => current ?? realNow();
  const ctx: Context = {
    app,
    db,
    admin: undefined as unknown as Actor,
    today,
    log,
    at: (day, hour = 9) => {
      current = new Date(today.getTime() + day * DAY + (hour - 12) * 3_600_000);
    },
    after: async (teamId, day, hour = 9) => {
      const planned = today.getTime() + day * DAY + (hour - 12) * 3_600_000;
      const [{ last }] = await query<{ last: Date | null }>(
        db,
        `SELECT max(occurred_at) AS last FROM events WHERE team_id = $1`,
        [teamId],
      );
      current = new Date(Math.max(planned, last ? last.getTime() + 60_000 : planned));
    },
    workspaces: new Map(),
    teams: new Map(),
    people: new Map(),
  };
  try {
    for (const part of PARTS) await part(ctx);
  } finally {
    clock.now = realNow;
  }
  const [{ after }] = await query<{ after: number }>(
    db,
    `SELECT count(*)::int AS after FROM events`,
  );
  return {
    created: after > before,
    password: DEMO_PASSWORD,
    logins: [
      { email: ADMIN.email, name: ADMIN.name, role: 'admin (every workspace)', team: '—' },
      ...TEAMS.flatMap((team) =>
        team.people.map((p) => ({ email: p.email, name: p.name, role: p.role, team: team.name })),
      ),
    ],
  };
}

/** The parts, in order. Later modules append theirs (e.g. ceremonies, a finished retrospective). */
export const PARTS: ((ctx: Context) => Promise<void>)[] = [
  seedAdmin,
  seedWorkspaces,
  seedTeams,
  seedCadence,
  seedBacklogs,
  seedTributiSprints,
  seedTributiReview,
  seedTributiRetrospective,
  seedTributiPoker,
  seedTributiActiveSprint,
  seedTributiDailies,
  seedCedSprint,
  seedUpcomingCeremonies,
  seedKanbanFlow,
];

async function seedAdmin(ctx: Context): Promise<void> {
  ctx.at(-60);
  const existing = await findUser(ctx.db, ADMIN.email);
  const user =
    existing ??
    (await ctx.app
      .get(AuthService)
      .createUser(ADMIN.email, ADMIN.name, DEMO_PASSWORD, 'password', true));
  ctx.admin = actorOf(user);
}

async function seedWorkspaces(ctx: Context): Promise<void> {
  ctx.at(-60);
  const workspaces = ctx.app.get(WorkspacesService);
  const mine = await workspaces.list(ctx.admin);
  for (const name of WORKSPACES) {
    const found = mine.find((w) => w.name === name);
    const id = found?.id ?? (await workspaces.create(ctx.admin, { name })).id;
    ctx.workspaces.set(name, id);
  }
}

async function seedTeams(ctx: Context): Promise<void> {
  ctx.at(-59);
  const teams = ctx.app.get(TeamsService);
  const invitations = ctx.app.get(InvitationsService);
  const auth = ctx.app.get(AuthService);
  for (const spec of TEAMS) {
    const workspaceId = ctx.workspaces.get(spec.workspace)!;
    const found = (await teams.list(ctx.admin, workspaceId)).find((t) => t.name === spec.name);
    const teamId =
      found?.id ??
      (
        await teams.create(ctx.admin, workspaceId, {
          name: spec.name,
          process: spec.process,
          locale: 'it',
          timezone: 'Europe/Rome',
          vocabulary: spec.vocabulary,
        })
      ).id;
    ctx.teams.set(spec.key, teamId);
    const members = new Set((await teams.members(ctx.admin, teamId)).map((m) => m.email));
    for (const p of spec.people) {
      const user =
        (await findUser(ctx.db, p.email)) ??
        (await auth.createUser(p.email, p.name, DEMO_PASSWORD, 'password'));
      const actor = actorOf(user);
      ctx.people.set(`${spec.key}.${p.role}`, ctx.people.get(`${spec.key}.${p.role}`) ?? actor);
      ctx.people.set(p.email, actor);
      if (members.has(p.email)) continue;
      const invitation = await invitations.invite(ctx.admin, teamId, {
        email: p.email,
        role: p.role,
      });
      await invitations.accept(actor, { token: invitation.token });
    }
  }
}

/** Epics with their stories, estimated, ranked by the product owner. */
async function seedBacklogs(ctx: Context): Promise<void> {
  ctx.at(-50);
  const items = ctx.app.get(BacklogItemsService);
  const ranking = ctx.app.get(RankingService);
  for (const spec of TEAMS) {
    const teamId = ctx.teams.get(spec.key)!;
    if (await hasRows(ctx.db, `SELECT 1 FROM backlog_items WHERE team_id = $1 LIMIT 1`, [teamId]))
      continue;
    const po = ctx.people.get(`${spec.key}.product_owner`)!;
    const urgent: string[] = [];
    for (const epic of spec.epics) {
      const created = await items.create(po, teamId, {
        type: 'epic',
        title: epic.title,
        description: epic.description,
      });
      for (const [i, item] of epic.items.entries()) {
        const story = await items.create(po, teamId, {
          type: item.type ?? 'story',
          title: item.title,
          description: item.description,
          estimate: item.estimate,
          parentId: created.id,
        });
        if (i === 0) urgent.push(story.id);
      }
    }
    // Grooming: the first story of every epic goes to the top, in epic order.
    await ranking.rank(po, teamId, { ids: urgent, position: 'top' });
  }
}

/**
 * The Ufficio Tributi's cycles (velocity, burndown): two finished, then (after the review,
 * retrospective and planning poker of the ceremony parts) one running. Each cycle is made once,
 * found by its name.
 */
const TRIBUTI_CYCLES: [string, number, number, number, number[]][] = [
  // [name, start day, end day, items taken from the top, days on which one item was finished]
  ['Ciclo 1', -42, -29, 5, [-40, -38, -35, -33]],
  ['Ciclo 2', -28, -15, 5, [-27, -24, -22, -20, -18]],
  ['Ciclo 3', -6, 7, 5, [-4, -1]],
];

async function seedTributiSprints(ctx: Context): Promise<void> {
  for (const cycle of TRIBUTI_CYCLES.slice(0, 2)) await seedTributiCycle(ctx, cycle);
}

async function seedTributiActiveSprint(ctx: Context): Promise<void> {
  await seedTributiCycle(ctx, TRIBUTI_CYCLES[2]);
}

async function seedTributiCycle(
  ctx: Context,
  [name, start, end, count, finishes]: (typeof TRIBUTI_CYCLES)[number],
): Promise<void> {
  const teamId = ctx.teams.get('tributi')!;
  if (
    await hasRows(ctx.db, `SELECT 1 FROM sprints WHERE team_id = $1 AND name = $2`, [teamId, name])
  )
    return;
  const sm = ctx.people.get('tributi.scrum_master')!;
  const devs = [
    ctx.people.get('tributi.developer')!,
    ctx.people.get(`developer2.tributi@${DEMO_DOMAIN}`)!,
  ];
  await runSprint(ctx, teamId, sm, devs, {
    name,
    start,
    end,
    count,
    finishes,
    complete: end < 0,
    eachDay: end < 0 ? undefined : (n) => seedTributiDay(ctx, n),
  });
}

/** The IT service's first sprint, half-way through. */
async function seedCedSprint(ctx: Context): Promise<void> {
  const teamId = ctx.teams.get('ced')!;
  if (await hasRows(ctx.db, `SELECT 1 FROM sprints WHERE team_id = $1 LIMIT 1`, [teamId])) return;
  const sm = ctx.people.get('ced.scrum_master')!;
  const dev = ctx.people.get('ced.developer')!;
  await runSprint(ctx, teamId, sm, [dev], {
    name: 'Sprint 1',
    start: -5,
    end: 8,
    count: 3,
    finishes: [-2],
    complete: false,
  });
}

/** Kanban teams: items flowing across the board over the last three weeks (cumulative flow). */
async function seedKanbanFlow(ctx: Context): Promise<void> {
  const board = ctx.app.get(BoardService);
  for (const spec of TEAMS.filter((t) => t.process === 'kanban')) {
    const teamId = ctx.teams.get(spec.key)!;
    if (
      await hasRows(
        ctx.db,
        `SELECT 1 FROM backlog_items WHERE team_id = $1 AND status <> 'todo' LIMIT 1`,
        [teamId],
      )
    )
      continue;
    const dev = ctx.people.get(`${spec.key}.developer`)!;
    const workflow = await ctx.app.get(WorkflowService).get(dev, teamId);
    const [, ready, doing, done] = workflow.statuses;
    const items = await query<{ id: string }>(
      ctx.db,
      `SELECT id FROM backlog_items WHERE team_id = $1 AND type <> 'epic' ORDER BY rank COLLATE "C"`,
      [teamId],
    );
    // Every item enters "ready", then some start and some finish; the moves happen in date order.
    const moves: { at: number; itemId: string; statusId: string }[] = [];
    for (const [n, item] of items.entries()) {
      const startDay = -20 + n * 3;
      moves.push({ at: startDay * 24 + 9, itemId: item.id, statusId: ready.id });
      if (n < items.length - 1)
        moves.push({ at: (startDay + 1) * 24 + 10, itemId: item.id, statusId: doing.id });
      if (n < items.length - 3)
        moves.push({ at: (startDay + 3) * 24 + 16, itemId: item.id, statusId: done.id });
    }
    moves.sort((a, b) => a.at - b.at);
    for (const move of moves) {
      ctx.at(Math.floor(move.at / 24), ((move.at % 24) + 24) % 24);
      await board.move(dev, teamId, { itemId: move.itemId, statusId: move.statusId });
    }
  }
}

async function findUser(db: DataSource, email: string) {
  const [row] = await query<{ id: string; display_name: string; is_instance_admin: boolean }>(
    db,
    `SELECT id, display_name, is_instance_admin FROM users WHERE email = $1`,
    [email],
  );
  return row;
}

async function hasRows(db: DataSource, sql: string, params: unknown[]): Promise<boolean> {
  return (await query(db, sql, params)).length > 0;
}
