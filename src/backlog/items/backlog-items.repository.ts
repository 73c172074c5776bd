import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../../database/sql';
import type { ItemStatus, ItemType, ReadyCheck } from '../backlog.events';
import { ITEM_COLUMNS, ListFilters, pageSql, SearchConfig, totalsSql } from './backlog-list.query';

export interface BacklogItemRow {
  id: string;
  team_id: string;
  type: ItemType;
  title: string;
  description: string;
  acceptance_criteria: string[];
  estimate: string | null;
  status: ItemStatus;
  label_ids: string[];
  assignee_id: string | null;
  parent_id: string | null;
  sprint_id: string | null;
  ready_checklist: ReadyCheck[];
  ready: boolean;
  rank: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  version: number;
  progress: { items: number; itemsDone: number; points: number; pointsDone: number } | null;
}

export interface TeamSettings {
  locale: 'it' | 'en';
  point_scale: string[];
}

export interface NewItem {
  type: ItemType;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  estimate: number | null;
  status: ItemStatus;
  labelIds: string[];
  assigneeId: string | null;
  parentId: string | null;
  readyChecklist: ReadyCheck[];
  rank: string;
}

/** Column of each changeable field, and its SQL type. */
export const UPDATABLE = {
  type: ['type', 'text'],
  title: ['title', 'text'],
  description: ['description', 'text'],
  acceptanceCriteria: ['acceptance_criteria', 'text[]'],
  estimate: ['estimate', 'numeric'],
  status: ['status', 'text'],
  labelIds: ['label_ids', 'uuid[]'],
  assigneeId: ['assignee_id', 'uuid'],
  parentId: ['parent_id', 'uuid'],
  readyChecklist: ['ready_checklist', 'jsonb'],
} as const;
export type UpdatableField = keyof typeof UPDATABLE;

/**
 * The board column of an item whose status is `category`: the first column of that category.
 * An item's `status` is always the category of its `status_id`; the writers keep them in step
 * (here for a status set by the backlog, the board's move and the workflow's column deletion
 * for a column chosen there). Every team has a column of each category (WorkflowService).
 */
export function firstColumnOf(teamId: string, category: string): string {
  return `(SELECT w.id FROM workflow_statuses w WHERE w.team_id = ${teamId} AND w.category = ${category}
            ORDER BY w.position, w.created_at LIMIT 1)`;
}

@Injectable()
export class BacklogItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The team row lock every backlog write takes first. It is the lock EventLog.append takes
   * (FOR NO KEY UPDATE, as its UPDATE of event_seq does), taken up front so that rank keys are
   * computed with no concurrent writer and so that every backlog transaction locks in the same
   * order (team, then items): no deadlocks between a PATCH and a move.
   */
  async lockTeam(m: EntityManager, teamId: string): Promise<TeamSettings> {
    const rows = await query<TeamSettings>(
      m,
      `SELECT locale, point_scale FROM teams WHERE id = $1 FOR NO KEY UPDATE`,
      [teamId],
    );
    return rows[0];
  }

  async teamLocale(teamId: string): Promise<'it' | 'en'> {
    const rows = await query<{ locale: 'it' | 'en' }>(
      this.dataSource,
      `SELECT locale FROM teams WHERE id = $1`,
      [teamId],
    );
    return rows[0]?.locale ?? 'it';
  }

  async teamOf(itemId: string): Promise<string | undefined> {
    const rows = await query<{ team_id: string }>(
      this.dataSource,
      `SELECT team_id FROM backlog_items WHERE id = $1`,
      [itemId],
    );
    return rows[0]?.team_id;
  }

  async find(
    teamId: string,
    itemId: string,
    m?: EntityManager,
  ): Promise<BacklogItemRow | undefined> {
    const rows = await query<BacklogItemRow>(
      m ?? this.dataSource,
      `SELECT ${ITEM_COLUMNS} FROM backlog_items i WHERE i.team_id = $1 AND i.id = $2`,
      [teamId, itemId],
    );
    return rows[0];
  }

  async page(
    teamId: string,
    filters: ListFilters,
    config: SearchConfig,
    after: string | undefined,
    limit: number,
  ): Promise<{ rows: BacklogItemRow[]; total: number; estimateSum: number }> {
    const page = pageSql(teamId, filters, config, after, limit);
    const totals = totalsSql(teamId, filters, config);
    const [rows, sums] = await Promise.all([
      query<BacklogItemRow>(this.dataSource, page.text, page.params),
      query<{ total: number; estimate_sum: string }>(this.dataSource, totals.text, totals.params),
    ]);
    return { rows, total: sums[0].total, estimateSum: Number(sums[0].estimate_sum) };
  }

  async lastRank(m: EntityManager, teamId: string): Promise<string | null> {
    const rows = await query<{ rank: string }>(
      m,
      `SELECT rank FROM backlog_items WHERE team_id = $1 ORDER BY rank DESC LIMIT 1`,
      [teamId],
    );
    return rows[0]?.rank ?? null;
  }

  async insertMany(
    m: EntityManager,
    teamId: string,
    createdBy: string,
    items: NewItem[],
  ): Promise<BacklogItemRow[]> {
    const column = <K extends keyof NewItem>(key: K) => items.map((item) => item[key]);
    const rows = await query<{ id: string }>(
      m,
      `INSERT INTO backlog_items (team_id, created_by, type, title, description,
           acceptance_criteria, estimate, status, status_id, label_ids, assignee_id, parent_id,
           ready_checklist, rank)
       SELECT $1, $2, t.type, t.title, t.description,
              ARRAY(SELECT jsonb_array_elements_text(t.criteria)), t.estimate, t.status,
              ${firstColumnOf('$1', 't.status')},
              ARRAY(SELECT jsonb_array_elements_text(t.labels))::uuid[], t.assignee, t.parent,
              t.checklist, t.rank
         FROM unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::numeric[], $8::text[],
                     $9::jsonb[], $10::uuid[], $11::uuid[], $12::jsonb[], $13::text[])
           AS t(type, title, description, criteria, estimate, status, labels, assignee, parent,
                checklist, rank)
       RETURNING id`,
      [
        teamId,
        createdBy,
        column('type'),
        column('title'),
        column('description'),
        items.map((item) => JSON.stringify(item.acceptanceCriteria)),
        column('estimate'),
        column('status'),
        items.map((item) => JSON.stringify(item.labelIds)),
        column('assigneeId'),
        column('parentId'),
        items.map((item) => JSON.stringify(item.readyChecklist)),
        column('rank'),
      ],
    );
    return query<BacklogItemRow>(
      m,
      `SELECT ${ITEM_COLUMNS} FROM backlog_items i WHERE i.id = ANY($1::uuid[]) ORDER BY i.rank`,
      [rows.map((row) => row.id)],
    );
  }

  /** Conditional on the version: undefined when it is stale. */
  async update(
    m: EntityManager,
    teamId: string,
    itemId: string,
    version: number,
    changes: Partial<Record<UpdatableField, unknown>>,
  ): Promise<BacklogItemRow | undefined> {
    const params: unknown[] = [teamId, itemId, version];
    const sets = Object.entries(changes).map(([field, value]) => {
      const [columnName, type] = UPDATABLE[field as UpdatableField];
      params.push(type === 'jsonb' ? JSON.stringify(value) : value);
      return `${columnName} = $${params.length}::${type}`;
    });
    // A new status puts the item in the first column of that category; the same status keeps its column.
    if (changes.status !== undefined) {
      params.push(changes.status);
      const status = `$${params.length}::text`;
      sets.push(
        `status_id = CASE WHEN status IS DISTINCT FROM ${status} THEN ${firstColumnOf('$1', status)} ELSE status_id END`,
      );
    }
    const rows = await query<{ id: string }>(
      m,
      `UPDATE backlog_items SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE team_id = $1 AND id = $2 AND version = $3 RETURNING id`,
      params,
    );
    return rows.length === 1 ? this.find(teamId, itemId, m) : undefined;
  }

  async archive(
    m: EntityManager,
    teamId: string,
    itemId: string,
    version: number,
  ): Promise<BacklogItemRow | undefined> {
    const rows = await query<{ id: string }>(
      m,
      `UPDATE backlog_items SET archived_at = now(), version = version + 1, updated_at = now()
        WHERE team_id = $1 AND id = $2 AND version = $3 AND archived_at IS NULL RETURNING id`,
      [teamId, itemId, version],
    );
    return rows.length === 1 ? this.find(teamId, itemId, m) : undefined;
  }

  async isMember(m: EntityManager, teamId: string, userId: string): Promise<boolean> {
    const rows = await query(m, `SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2`, [
      teamId,
      userId,
    ]);
    return rows.length === 1;
  }

  async hasChildren(m: EntityManager, teamId: string, itemId: string): Promise<boolean> {
    const rows = await query(
      m,
      `SELECT 1 FROM backlog_items WHERE team_id = $1 AND parent_id = $2 LIMIT 1`,
      [teamId, itemId],
    );
    return rows.length === 1;
  }

  /** The ids among `labelIds` that are labels of the team. */
  async existingLabels(m: EntityManager, teamId: string, labelIds: string[]): Promise<Set<string>> {
    if (labelIds.length === 0) return new Set();
    const rows = await query<{ id: string }>(
      m,
      `SELECT id FROM labels WHERE team_id = $1 AND id = ANY($2::uuid[])`,
      [teamId, labelIds],
    );
    return new Set(rows.map((row) => row.id));
  }
}
