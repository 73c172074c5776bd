import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { Category } from './sprint.events';

export interface ItemRow {
  id: string;
  title: string;
  type: string;
  estimate: string | null;
  status: Category;
  status_id: string | null;
  sprint_id: string | null;
  assignee_id: string | null;
  label_ids: string[];
  parent_id: string | null;
  rank: string;
  version: number;
  /** In its first column since then, unless a board move says otherwise. */
  created_at: Date;
}

export interface EpicRow {
  id: string;
  title: string;
  rank: string;
  archived: boolean;
  version: number;
}

export const ITEM_COLUMNS = `id, title, type, estimate, status, status_id, sprint_id, assignee_id, label_ids, parent_id, rank, version, created_at`;

/** Backlog items as the sprint module sees them: sprint membership, board column, rank. */
@Injectable()
export class BoardItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

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

  /** The team's epics (backlog order), and the archived ones among `referenced`. */
  async epics(teamId: string, referenced: string[]): Promise<EpicRow[]> {
    return query<EpicRow>(
      this.dataSource,
      `SELECT id, title, rank, archived_at IS NOT NULL AS archived, version FROM backlog_items
        WHERE team_id = $1 AND type = 'epic' AND (archived_at IS NULL OR id = ANY($2::uuid[]))
        ORDER BY rank`,
      [teamId, referenced],
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

  /** Column and status move together: the item's status is its column's category. */
  async moveItem(
    m: EntityManager,
    teamId: string,
    id: string,
    to: { id: string; category: Category },
    rank: string,
  ): Promise<ItemRow> {
    const [row] = await query<ItemRow>(
      m,
      `UPDATE backlog_items SET status_id = $3, status = $5, rank = $4, version = version + 1,
              updated_at = now()
        WHERE team_id = $1 AND id = $2 RETURNING ${ITEM_COLUMNS}`,
      [teamId, id, to.id, rank, to.category],
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
}
