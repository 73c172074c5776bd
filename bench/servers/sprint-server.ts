// One server for bench/sprint.ts: `ritmo` (the real app, as `npm start` builds it) or `bare`
// (node:http + pg answering the two measured routes with the same SQL statements as the sprint
// repositories and the same pure report maths and mapper, but no JWT, validation or framework):
//   GET /api/v1/sprints/:id/burndown  — team of the sprint, access check, sprint, team,
//                                        sprint.started seq, the event log, burnSeries
//   GET /api/v1/teams/:id/board        — access check, team, columns, items, grouped by column
import 'reflect-metadata';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { announce, listenBare, listenRitmo, replyJson } from '../lib/server';
import { ITEM_COLUMNS, ItemRow } from '../../src/sprint/board-items.repository';
import {
  COMPACT_EVENTS_SQL,
  CompactEventRow,
  SPRINT_EVENT_SEQ_SQL,
  toCompactEvent,
} from '../../src/events/events.reader';
import { burnSeries } from '../../src/sprint/reports/report-math';
import { REPLAYED_TYPES } from '../../src/sprint/reports/replay';
import { WorkingCalendar } from '../../src/workdays/working-calendar';
import { toCardDto } from '../../src/sprint/sprint.mapper';
import { SPRINT_COLUMNS, SprintRow } from '../../src/sprint/sprints.repository';
import type { StatusRow, TeamRow } from '../../src/sprint/workflow.repository';

const kind = process.argv[2];
const databaseUrl = process.env.DATABASE_URL as string;
/** The bare server trusts this user id instead of verifying a JWT. */
const userId = process.env.BENCH_USER_ID as string;

const ACCESS_SQL = `SELECT t.id AS team_id, t.workspace_id, tm.role AS team_role, wm.role AS workspace_role
         FROM teams t
         LEFT JOIN team_members tm ON tm.team_id = t.id AND tm.user_id = $1
         LEFT JOIN workspace_members wm ON wm.workspace_id = t.workspace_id AND wm.user_id = $1
        WHERE t.id = $2`;
const TEAM_SQL = `SELECT id, process, locale, timezone, wip_mode, point_scale FROM teams WHERE id = $1`;

async function bare(): Promise<string> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const one = async <T extends object>(sql: string, params: unknown[]) =>
    (await pool.query<T>(sql, params)).rows[0];

  async function burndown(sprintId: string) {
    const { team_id: teamId } = await one<{ team_id: string }>(
      `SELECT team_id FROM sprints WHERE id = $1`,
      [sprintId],
    );
    if (!(await one(ACCESS_SQL, [userId, teamId]))) throw new Error('no access');
    await one<TeamRow>(TEAM_SQL, [teamId]);
    const sprint = await one<SprintRow>(
      `SELECT ${SPRINT_COLUMNS} FROM sprints WHERE team_id = $1 AND id = $2`,
      [teamId, sprintId],
    );
    const team = await one<TeamRow>(TEAM_SQL, [teamId]);
    const started = await one<{ seq: string }>(SPRINT_EVENT_SEQ_SQL, [
      teamId,
      'sprint.started',
      sprintId,
    ]);
    const rows = await pool.query<CompactEventRow>(COMPACT_EVENTS_SQL, [
      teamId,
      null,
      REPLAYED_TYPES,
      started ? Number(started.seq) : null,
    ]);
    const events = rows.rows.map(toCompactEvent);
    const frame = {
      id: sprintId,
      startDate: sprint.start_date as string,
      endDate: sprint.end_date as string,
      timezone: team.timezone,
      startedSeq: started ? Number(started.seq) : null,
      completedSeq: null,
    };
    return {
      sprintId,
      unit: 'points',
      frozen: false,
      ...burnSeries(events, frame, 'points', new Date(), WorkingCalendar.italian()),
    };
  }

  async function board(teamId: string) {
    if (!(await one(ACCESS_SQL, [userId, teamId]))) throw new Error('no access');
    await one(`SELECT 1 FROM workflow_statuses WHERE team_id = $1 LIMIT 1`, [teamId]);
    const team = await one<TeamRow>(TEAM_SQL, [teamId]);
    const statuses = await pool.query<StatusRow>(
      `SELECT id, team_id, name, category, position, wip_limit, version FROM workflow_statuses
        WHERE team_id = $1 ORDER BY position, created_at`,
      [teamId],
    );
    const items = await pool.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM backlog_items
        WHERE team_id = $1 AND archived_at IS NULL AND ($2::uuid IS NULL OR sprint_id = $2)
        ORDER BY rank`,
      [teamId, null],
    );
    return {
      teamId,
      sprintId: null,
      wipMode: team.wip_mode,
      columns: statuses.rows.map((s) => {
        const cards = items.rows.filter((i) => i.status_id === s.id);
        return {
          statusId: s.id,
          name: s.name,
          category: s.category,
          wipLimit: s.wip_limit,
          wipCount: cards.length,
          overLimit: s.wip_limit !== null && cards.length > s.wip_limit,
          // The bare baseline skips the aging read (the event log) the real board makes.
          items: cards.map((c) => toCardDto(c, new Date())),
        };
      }),
    };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const burn = /^\/api\/v1\/sprints\/([0-9a-f-]{36})\/burndown$/.exec(url.pathname);
    const cols = /^\/api\/v1\/teams\/([0-9a-f-]{36})\/board$/.exec(url.pathname);
    if (!burn && !cols) {
      res.writeHead(404);
      res.end();
      return;
    }
    replyJson(res, burn ? burndown(burn[1]) : board(cols![1]));
  });
  return listenBare(server, pool);
}

announce(kind === 'bare' ? bare() : listenRitmo(databaseUrl));
