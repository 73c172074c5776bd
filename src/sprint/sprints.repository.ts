import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { SprintState } from './sprint.events';

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

export const SPRINT_COLUMNS = `id, team_id, name, goal, to_char(start_date, 'YYYY-MM-DD') AS start_date,
  to_char(end_date, 'YYYY-MM-DD') AS end_date, state, started_at, completed_at, report, version`;

/** Sprints and their per-member capacity. */
@Injectable()
export class SprintsRepository {
  constructor(private readonly dataSource: DataSource) {}

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
}
