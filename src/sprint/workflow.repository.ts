import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { Category, WipMode } from './sprint.events';

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

/** The team row (lock, process, locale, WIP mode) and its workflow columns. */
@Injectable()
export class WorkflowRepository {
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

  /** A new team's columns, in this order. */
  async insertDefaults(
    m: EntityManager,
    teamId: string,
    defaults: [string, Category][],
  ): Promise<StatusRow[]> {
    const rows = await query<StatusRow>(
      m,
      `INSERT INTO workflow_statuses (team_id, name, category, position)
       SELECT $1, name, category, position
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(name, category, position)
       RETURNING id, team_id, name, category, position, wip_limit, version`,
      [teamId, defaults.map((d) => d[0]), defaults.map((d) => d[1])],
    );
    return rows.sort((a, b) => a.position - b.position);
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

  /** Moves the column's items elsewhere (their status becomes its category), then deletes it. */
  async deleteStatus(
    m: EntityManager,
    teamId: string,
    id: string,
    moveTo: { id: string; category: Category } | null,
  ): Promise<string[]> {
    const moved = moveTo
      ? await query<{ id: string }>(
          m,
          `UPDATE backlog_items SET status_id = $3, status = $4, version = version + 1, updated_at = now()
            WHERE team_id = $1 AND status_id = $2 RETURNING id`,
          [teamId, id, moveTo.id, moveTo.category],
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
}
