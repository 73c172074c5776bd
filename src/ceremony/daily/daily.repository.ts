import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../../database/sql';
import type { ImpedimentStatus } from '../ceremony.events';

export interface EntryRow {
  user_id: string;
  display_name: string;
  answers: Record<string, string>;
  updated_at: Date;
}

export interface ImpedimentRow {
  id: string;
  team_id: string;
  title: string;
  description: string;
  status: ImpedimentStatus;
  owner_id: string | null;
  reported_by: string;
  item_ids: string[];
  created_at: Date;
  resolved_at: Date | null;
  version: number;
}

const IMPEDIMENT_COLUMNS = `id, team_id, title, description, status, owner_id, reported_by, item_ids,
  created_at, resolved_at, version`;

/** Daily scrum entries and impediments; every query scoped by team. */
@Injectable()
export class DailyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private runner(m?: EntityManager): EntityManager | DataSource {
    return m ?? this.dataSource;
  }

  async saveEntry(
    m: EntityManager,
    teamId: string,
    day: string,
    userId: string,
    answers: Record<string, string>,
  ): Promise<void> {
    await query(
      m,
      `INSERT INTO daily_scrum_entries (team_id, day, user_id, answers) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, day, user_id)
       DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()`,
      [teamId, day, userId, JSON.stringify(answers)],
    );
  }

  async entries(teamId: string, day: string, m?: EntityManager): Promise<EntryRow[]> {
    return query<EntryRow>(
      this.runner(m),
      `SELECT e.user_id, u.display_name, e.answers, e.updated_at
         FROM daily_scrum_entries e JOIN users u ON u.id = e.user_id
        WHERE e.team_id = $1 AND e.day = $2
        ORDER BY u.display_name, e.user_id`,
      [teamId, day],
    );
  }

  /** Members expected at the daily: everyone but stakeholders, who attend the review instead. */
  async dailyMembers(
    teamId: string,
    m?: EntityManager,
  ): Promise<{ user_id: string; display_name: string }[]> {
    return query(
      this.runner(m),
      `SELECT tm.user_id, u.display_name FROM team_members tm JOIN users u ON u.id = tm.user_id
        WHERE tm.team_id = $1 AND tm.role <> 'stakeholder'
        ORDER BY u.display_name, tm.user_id`,
      [teamId],
    );
  }

  async isMember(m: EntityManager, teamId: string, userId: string): Promise<boolean> {
    const rows = await query(m, `SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2`, [
      teamId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** The subset of `ids` that are backlog items of the team. */
  async teamItems(m: EntityManager, teamId: string, ids: string[]): Promise<Set<string>> {
    const rows = await query<{ id: string }>(
      m,
      `SELECT id FROM backlog_items WHERE team_id = $1 AND id = ANY($2::uuid[])`,
      [teamId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async insertImpediment(
    m: EntityManager,
    row: Pick<
      ImpedimentRow,
      'team_id' | 'title' | 'description' | 'owner_id' | 'reported_by' | 'item_ids'
    >,
  ): Promise<ImpedimentRow> {
    const [saved] = await query<ImpedimentRow>(
      m,
      `INSERT INTO impediments (team_id, title, description, owner_id, reported_by, item_ids)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${IMPEDIMENT_COLUMNS}`,
      [row.team_id, row.title, row.description, row.owner_id, row.reported_by, row.item_ids],
    );
    return saved;
  }

  /** Open first (oldest first: they have waited longest), then resolved, latest first. */
  async impediments(teamId: string, status?: ImpedimentStatus): Promise<ImpedimentRow[]> {
    return query<ImpedimentRow>(
      this.dataSource,
      `SELECT ${IMPEDIMENT_COLUMNS} FROM impediments
        WHERE team_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY status = 'resolved', CASE WHEN status = 'open' THEN created_at END,
                 resolved_at DESC, id`,
      [teamId, status ?? null],
    );
  }

  async impediment(
    teamId: string,
    id: string,
    m?: EntityManager,
  ): Promise<ImpedimentRow | undefined> {
    const [row] = await query<ImpedimentRow>(
      this.runner(m),
      `SELECT ${IMPEDIMENT_COLUMNS} FROM impediments WHERE team_id = $1 AND id = $2`,
      [teamId, id],
    );
    return row;
  }

  /** Open impediments naming any of `itemIds`, oldest first (the board's blocked cards). */
  async openImpedimentsOf(
    teamId: string,
    itemIds: string[],
    m?: EntityManager,
  ): Promise<{ id: string; title: string; item_ids: string[] }[]> {
    return query(
      this.runner(m),
      `SELECT id, title, item_ids FROM impediments
        WHERE team_id = $1 AND status = 'open' AND item_ids && $2::uuid[]
        ORDER BY created_at, id`,
      [teamId, itemIds],
    );
  }

  async teamOfImpediment(id: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.dataSource,
      `SELECT team_id FROM impediments WHERE id = $1`,
      [id],
    );
    return row?.team_id;
  }

  async updateImpediment(
    m: EntityManager,
    teamId: string,
    id: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<ImpedimentRow | undefined> {
    const keys = Object.keys(set);
    const assignments = keys.map((k, i) => `${k} = $${i + 4}`).join(', ');
    const [row] = await query<ImpedimentRow>(
      m,
      `UPDATE impediments SET ${assignments}, version = version + 1
        WHERE team_id = $1 AND id = $2 AND version = $3 RETURNING ${IMPEDIMENT_COLUMNS}`,
      [teamId, id, version, ...keys.map((k) => set[k])],
    );
    return row;
  }
}
