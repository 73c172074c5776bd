import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { LoggedEvent } from './reports/replay';
import type { Category, SprintState, WipMode } from './sprint.events';

export interface TeamRow {
  id: string;
  process: 'scrum' | 'kanban';
  locale: 'it' | 'en';
  timezone: string;
  wip_mode: WipMode;
  point_scale: string[];
}

export interface StatusRow {
  id: string;
  team_id: string;
  name: string;
  category: Category;
  position: number;
  wip_limit: number | null;
  version: number;
}

export interface SprintRow {
  id: string;
  team_id: string;
  name: string;
  goal: string;
  start_date: string | null;
  end_date: string | null;
  state: SprintState;
  started_at: Date | null;
  completed_at: Date | null;
  report: unknown;
  version: number;
}

export interface ItemRow {
  id: string;
  title: string;
  type: string;
  estimate: string | null;
  status: Category;
  status_id: string | null;
  sprint_id: string | null;
  assignee_id: string | null;
  rank: string;
  version: number;
}

const SPRINT_COLUMNS = `id, team_id, name, goal, to_char(start_date, 'YYYY-MM-DD') AS start_date,
  to_char(end_date, 'YYYY-MM-DD') AS end_date, state, started_at, completed_at, report, version`;
const ITEM_COLUMNS = `id, title, type, estimate, status, status_id, sprint_id, assignee_id, rank, version`;

/** Every query of the sprint module: workflow, sprints, capacity, board items, the log. */
@Injectable()
export class SprintRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The team row lock (as BacklogItemsRepository.lockTeam): ranks and WIP counts are computed under it. */
  async lockTeam(m: EntityManager, teamId: string): Promise<TeamRow> {
    const [team] = await query<TeamRow>(
      m,
      `SELECT id, process, locale, timezone, wip_mode, point_scale FROM teams WHERE id = $1 FOR NO KEY UPDATE`,
      [teamId],
    );
    return team;
  }

  async team(teamId: string): Promise<TeamRow> {
    const [team] = await query<TeamRow>(
      this.dataSource,
      `SELECT id, process, locale, timezone, wip_mode, point_scale FROM teams WHERE id = $1`,
      [teamId],
    );
    return team;
  }

  /**
   * Default columns, named in the team's locale, the first time the module touches a team
   * (under the team lock). Items already there move into them through the status trigger.
   */
  async ensureWorkflow(
    m: EntityManager,
    team: TeamRow,
    defaults: [string, Category][],
  ): Promise<void> {
    const [{ n }] = await query<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM workflow_statuses WHERE team_id = $1`,
      [team.id],
    );
    if (n > 0) return;
    await query(
      m,
      `INSERT INTO workflow_statuses (team_id, name, category, position)
       SELECT $1, name, category, position
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(name, category, position)`,
      [team.id, defaults.map((d) => d[0]), defaults.map((d) => d[1])],
    );
    await query(m, `UPDATE backlog_items SET status_id = NULL WHERE team_id = $1`, [team.id]);
  }

  async hasWorkflow(teamId: string): Promise<boolean> {
    const rows = await query(
      this.dataSource,
      `SELECT 1 FROM workflow_statuses WHERE team_id = $1 LIMIT 1`,
      [teamId],
    );
    return rows.length > 0;
  }

  async statuses(teamId: string, m?: EntityManager): Promise<StatusRow[]> {
    return query<StatusRow>(
      m ?? this.dataSource,
      `SELECT id, team_id, name, category, position, wip_limit, version FROM workflow_statuses
        WHERE team_id = $1 ORDER BY position, created_at`,
      [teamId],
    );
  }

  async insertStatus(
    m: EntityManager,
    teamId: string,
    s: { name: string; category: Category; wipLimit: number | null },
  ): Promise<StatusRow> {
    const [row] = await query<StatusRow>(
      m,
      `INSERT INTO workflow_statuses (team_id, name, category, position, wip_limit)
       SELECT $1, $2, $3, COALESCE(max(position), 0) + 1, $4 FROM workflow_statuses WHERE team_id = $1
       RETURNING id, team_id, name, category, position, wip_limit, version`,
      [teamId, s.name, s.category, s.wipLimit],
    );
    return row;
  }

  async updateStatus(
    m: EntityManager,
    id: string,
    version: number,
    v: { name: string; category: Category; position: number; wipLimit: number | null },
  ): Promise<StatusRow | undefined> {
    const [row] = await query<StatusRow>(
      m,
      `UPDATE workflow_statuses SET name = $3, category = $4, position = $5, wip_limit = $6, version = version + 1
        WHERE id = $1 AND version = $2
       RETURNING id, team_id, name, category, position, wip_limit, version`,
      [id, version, v.name, v.category, v.position, v.wipLimit],
    );
    return row;
  }

  /** Moves the column's items elsewhere (the trigger sets their category), then deletes it. */
  async deleteStatus(
    m: EntityManager,
    teamId: string,
    id: string,
    moveTo: string | null,
  ): Promise<string[]> {
    const moved = moveTo
      ? await query<{ id: string }>(
          m,
          `UPDATE backlog_items SET status_id = $3, version = version + 1, updated_at = now()
            WHERE team_id = $1 AND status_id = $2 RETURNING id`,
          [teamId, id, moveTo],
        )
      : [];
    await query(m, `DELETE FROM workflow_statuses WHERE team_id = $1 AND id = $2`, [teamId, id]);
    return moved.map((r) => r.id);
  }

  async statusInUse(m: EntityManager, teamId: string, id: string): Promise<number> {
    const [{ n }] = await query<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM backlog_items WHERE team_id = $1 AND status_id = $2`,
      [teamId, id],
    );
    return n;
  }

  async setWipMode(m: EntityManager, teamId: string, mode: WipMode): Promise<void> {
    await query(m, `UPDATE teams SET wip_mode = $2 WHERE id = $1`, [teamId, mode]);
  }

  async teamOfSprint(sprintId: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.dataSource,
      `SELECT team_id FROM sprints WHERE id = $1`,
      [sprintId],
    );
    return row?.team_id;
  }

  async sprint(teamId: string, id: string, m?: EntityManager): Promise<SprintRow | undefined> {
    const [row] = await query<SprintRow>(
      m ?? this.dataSource,
      `SELECT ${SPRINT_COLUMNS} FROM sprints WHERE team_id = $1 AND id = $2`,
      [teamId, id],
    );
    return row;
  }

  async sprints(teamId: string, state?: SprintState): Promise<SprintRow[]> {
    return query<SprintRow>(
      this.dataSource,
      `SELECT ${SPRINT_COLUMNS} FROM sprints WHERE team_id = $1 AND ($2::text IS NULL OR state = $2)
        ORDER BY start_date NULLS LAST, created_at`,
      [teamId, state ?? null],
    );
  }

  async activeSprint(teamId: string, m?: EntityManager): Promise<SprintRow | undefined> {
    const [row] = await query<SprintRow>(
      m ?? this.dataSource,
      `SELECT ${SPRINT_COLUMNS} FROM sprints WHERE team_id = $1 AND state = 'active'`,
      [teamId],
    );
    return row;
  }

  /** Completed points of the last six completed sprints, newest first (from frozen reports). */
  async recentVelocity(teamId: string, m?: EntityManager): Promise<SprintRow[]> {
    return query<SprintRow>(
      m ?? this.dataSource,
      `SELECT ${SPRINT_COLUMNS} FROM sprints WHERE team_id = $1 AND state = 'completed'
        ORDER BY completed_at DESC LIMIT $2`,
      [teamId, 6],
    );
  }

  async completedSprints(teamId: string, limit: number): Promise<SprintRow[]> {
    return (await this.recentVelocity(teamId)).slice(0, limit);
  }

  async insertSprint(
    m: EntityManager,
    teamId: string,
    s: { name: string; goal: string; startDate: string | null; endDate: string | null },
  ): Promise<SprintRow> {
    const [row] = await query<SprintRow>(
      m,
      `INSERT INTO sprints (team_id, name, goal, start_date, end_date) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${SPRINT_COLUMNS}`,
      [teamId, s.name, s.goal, s.startDate, s.endDate],
    );
    return row;
  }

  async updateSprint(
    m: EntityManager,
    id: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<SprintRow | undefined> {
    const keys = Object.keys(set);
    const [row] = await query<SprintRow>(
      m,
      `UPDATE sprints SET ${keys.map((k, i) => `${k} = $${i + 3}`).join(', ')},
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING ${SPRINT_COLUMNS}`,
      [id, version, ...keys.map((k) => set[k])],
    );
    return row;
  }

  async items(teamId: string, ids: string[], m?: EntityManager): Promise<ItemRow[]> {
    return query<ItemRow>(
      m ?? this.dataSource,
      `SELECT ${ITEM_COLUMNS} FROM backlog_items
        WHERE team_id = $1 AND id = ANY($2::uuid[]) AND archived_at IS NULL`,
      [teamId, ids],
    );
  }

  async sprintItems(teamId: string, sprintId: string, m?: EntityManager): Promise<ItemRow[]> {
    return query<ItemRow>(
      m ?? this.dataSource,
      `SELECT ${ITEM_COLUMNS} FROM backlog_items
        WHERE team_id = $1 AND sprint_id = $2 AND archived_at IS NULL ORDER BY rank`,
      [teamId, sprintId],
    );
  }

  /** The board's items: a sprint's, or (null) every item of the team not archived. */
  async boardItems(teamId: string, sprintId: string | null): Promise<ItemRow[]> {
    return query<ItemRow>(
      this.dataSource,
      `SELECT ${ITEM_COLUMNS} FROM backlog_items
        WHERE team_id = $1 AND archived_at IS NULL AND ($2::uuid IS NULL OR sprint_id = $2)
        ORDER BY rank`,
      [teamId, sprintId],
    );
  }

  async setSprint(
    m: EntityManager,
    teamId: string,
    ids: string[],
    sprintId: string | null,
  ): Promise<void> {
    await query(
      m,
      `UPDATE backlog_items SET sprint_id = $3, version = version + 1, updated_at = now()
        WHERE team_id = $1 AND id = ANY($2::uuid[])`,
      [teamId, ids, sprintId],
    );
  }

  async setRanks(m: EntityManager, teamId: string, ids: string[], ranks: string[]): Promise<void> {
    await query(
      m,
      `UPDATE backlog_items b SET rank = t.rank FROM unnest($2::uuid[], $3::text[]) AS t(id, rank)
        WHERE b.team_id = $1 AND b.id = t.id`,
      [teamId, ids, ranks],
    );
  }

  /** Nearest rank above/below `rank` (or the first/last) among the team's other items. */
  async neighbour(
    m: EntityManager,
    teamId: string,
    rank: string | null,
    dir: 'next' | 'previous',
    excluded: string[],
  ): Promise<string | null> {
    const next = dir === 'next';
    const [row] = await query<{ rank: string }>(
      m,
      `SELECT rank FROM backlog_items WHERE team_id = $1 AND id <> ALL($2::uuid[])
          AND ($3::text IS NULL OR rank ${next ? '>' : '<'} $3::text COLLATE "C")
        ORDER BY rank ${next ? 'ASC' : 'DESC'} LIMIT 1`,
      [teamId, excluded, rank],
    );
    return row?.rank ?? null;
  }

  async moveItem(
    m: EntityManager,
    teamId: string,
    id: string,
    statusId: string,
    rank: string,
  ): Promise<ItemRow> {
    const [row] = await query<ItemRow>(
      m,
      `UPDATE backlog_items SET status_id = $3, rank = $4, version = version + 1, updated_at = now()
        WHERE team_id = $1 AND id = $2 RETURNING ${ITEM_COLUMNS}`,
      [teamId, id, statusId, rank],
    );
    return row;
  }

  /** Items in a column, among those of the same sprint (or of no sprint): the WIP count. */
  async columnCount(
    m: EntityManager,
    teamId: string,
    statusId: string,
    sprintId: string | null,
    exclude: string,
  ): Promise<number> {
    const [{ n }] = await query<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM backlog_items
        WHERE team_id = $1 AND status_id = $2 AND archived_at IS NULL AND id <> $4
          AND sprint_id IS NOT DISTINCT FROM $3::uuid`,
      [teamId, statusId, sprintId, exclude],
    );
    return n;
  }

  async lastRankInColumn(
    m: EntityManager,
    teamId: string,
    statusId: string,
    sprintId: string | null,
    exclude: string,
  ): Promise<string | null> {
    const [row] = await query<{ rank: string }>(
      m,
      `SELECT rank FROM backlog_items WHERE team_id = $1 AND status_id = $2 AND id <> $4
          AND archived_at IS NULL AND sprint_id IS NOT DISTINCT FROM $3::uuid
        ORDER BY rank DESC LIMIT 1`,
      [teamId, statusId, sprintId, exclude],
    );
    return row?.rank ?? null;
  }

  async capacity(
    sprintId: string,
    m?: EntityManager,
  ): Promise<{ user_id: string; days_off: string; focus_factor: string }[]> {
    return query(
      m ?? this.dataSource,
      `SELECT user_id, days_off, focus_factor FROM sprint_capacity WHERE sprint_id = $1 ORDER BY user_id`,
      [sprintId],
    );
  }

  async replaceCapacity(
    m: EntityManager,
    sprintId: string,
    members: { userId: string; daysOff: number; focusFactor: number }[],
  ): Promise<void> {
    await query(m, `DELETE FROM sprint_capacity WHERE sprint_id = $1`, [sprintId]);
    await query(
      m,
      `INSERT INTO sprint_capacity (sprint_id, user_id, days_off, focus_factor)
       SELECT $1, * FROM unnest($2::uuid[], $3::numeric[], $4::numeric[])`,
      [
        sprintId,
        members.map((x) => x.userId),
        members.map((x) => x.daysOff),
        members.map((x) => x.focusFactor),
      ],
    );
  }

  async members(m: EntityManager, teamId: string, ids: string[]): Promise<Set<string>> {
    const rows = await query<{ user_id: string }>(
      m,
      `SELECT user_id FROM team_members WHERE team_id = $1 AND user_id = ANY($2::uuid[])`,
      [teamId, ids],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** The events reports replay, in seq order, up to `untilSeq` when given. */
  async events(teamId: string, untilSeq?: number, m?: EntityManager): Promise<LoggedEvent[]> {
    const rows = await query<{
      seq: string;
      type: string;
      occurred_at: Date;
      actor_id: string | null;
      data: unknown;
    }>(
      m ?? this.dataSource,
      `SELECT seq, type, occurred_at, actor_id, data FROM events
        WHERE team_id = $1 AND ($2::bigint IS NULL OR seq <= $2)
          AND (type LIKE 'backlog_item.%' OR type LIKE 'sprint.%' OR type IN ('board.item_moved', 'workflow.status_deleted'))
        ORDER BY seq`,
      [teamId, untilSeq ?? null],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      type: r.type,
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      data: r.data,
    }));
  }

  /** Seq of a sprint's `sprint.started` / `sprint.completed` event. */
  async sprintEventSeq(
    teamId: string,
    sprintId: string,
    type: 'sprint.started' | 'sprint.completed',
    m?: EntityManager,
  ): Promise<number | null> {
    const [row] = await query<{ seq: string }>(
      m ?? this.dataSource,
      `SELECT seq FROM events WHERE team_id = $1 AND type = $2 AND data->'sprint'->>'id' = $3 ORDER BY seq DESC LIMIT 1`,
      [teamId, type, sprintId],
    );
    return row ? Number(row.seq) : null;
  }
}
