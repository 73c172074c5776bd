// One server for bench/backlog.ts: `ritmo` (the real app, as `npm start` builds it) or `bare`
// (node:http + pg answering GET /api/v1/teams/:id/backlog-items with the same SQL: the access
// check of AccessRepository, then the page and totals statements of backlog-list.query.ts).
import 'reflect-metadata';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { announce, listenBare, listenRitmo, replyJson } from '../lib/server';
import { toItemDto } from '../../src/backlog/items/backlog-item.mapper';
import type { BacklogItemRow } from '../../src/backlog/items/backlog-items.repository';
import { pageSql, totalsSql } from '../../src/backlog/items/backlog-list.query';
import { encodeCursor } from '../../src/backlog/ranking/rank-keys';

const kind = process.argv[2];
const databaseUrl = process.env.DATABASE_URL as string;
/** The bare server trusts this user id instead of verifying a JWT. */
const userId = process.env.BENCH_USER_ID as string;

const ACCESS_SQL = `SELECT t.id AS team_id, t.workspace_id, tm.role AS team_role, wm.role AS workspace_role
         FROM teams t
         LEFT JOIN team_members tm ON tm.team_id = t.id AND tm.user_id = $1
         LEFT JOIN workspace_members wm ON wm.workspace_id = t.workspace_id AND wm.user_id = $1
        WHERE t.id = $2`;

async function bare(): Promise<string> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api\/v1\/teams\/([0-9a-f-]{36})\/backlog-items$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const teamId = match[1];
    const limit = Number(url.searchParams.get('limit') ?? 50);
    replyJson(
      res,
      (async () => {
        const access = await pool.query(ACCESS_SQL, [userId, teamId]);
        if (access.rowCount !== 1) throw new Error('no team');
        const page = pageSql(teamId, {}, 'italian', undefined, limit + 1);
        const totals = totalsSql(teamId, {}, 'italian');
        const [rows, sums] = await Promise.all([
          pool.query<BacklogItemRow>(page.text, page.params),
          pool.query<{ total: number; estimate_sum: string }>(totals.text, totals.params),
        ]);
        const items = rows.rows.slice(0, limit);
        return {
          items: items.map(toItemDto),
          nextCursor: rows.rows.length > limit ? encodeCursor(items[items.length - 1].rank) : null,
          totalCount: sums.rows[0].total,
          estimateSum: Number(sums.rows[0].estimate_sum),
        };
      })(),
    );
  });
  return listenBare(server, pool);
}

announce(kind === 'bare' ? bare() : listenRitmo(databaseUrl));
