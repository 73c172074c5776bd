import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { ImportRowError, ImportSnapshot, ImportState } from './imports.events';
import type { PlannedItem, PlannedRow } from './spreadsheet/plan';

export interface ImportRow {
  id: string;
  team_id: string;
  created_by: string;
  source: 'spreadsheet' | 'ritmo' | 'jira' | 'trello';
  file_name: string;
  state: ImportState;
  total: number;
  done: number;
  created: number;
  skipped: number;
  errors: ImportRowError[];
  claim_id: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface PendingRow {
  position: number;
  source_key: string;
  item: PlannedItem;
}

const COLUMNS = `id, team_id, created_by, source, file_name, state, total, done, created, skipped,
  errors, claim_id, created_at, finished_at`;

export function toImportSnapshot(row: ImportRow): ImportSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    source: row.source,
    fileName: row.file_name,
    state: row.state,
    total: row.total,
    done: row.done,
    created: row.created,
    skipped: row.skipped,
    errors: row.errors,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** Rows per INSERT of the planned content. */
const INSERT_CHUNK = 1000;

@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Source keys of `keys` already imported into the team. */
  async importedKeys(teamId: string, keys: string[], m?: EntityManager): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await query<{ source_key: string }>(
      m ?? this.dataSource,
      `SELECT source_key FROM import_sources WHERE team_id = $1 AND source_key = ANY($2::text[])`,
      [teamId, keys],
    );
    return new Set(rows.map((row) => row.source_key));
  }

  /** Every source key of the team that starts with `prefix` (a spreadsheet's rows). */
  async sourceKeys(teamId: string, prefix: string): Promise<Set<string>> {
    const rows = await query<{ source_key: string }>(
      this.dataSource,
      `SELECT source_key FROM import_sources WHERE team_id = $1 AND starts_with(source_key, $2)`,
      [teamId, prefix],
    );
    return new Set(rows.map((row) => row.source_key));
  }

  /** The items that source keys became. */
  async itemsOf(m: EntityManager, teamId: string, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await query<{ source_key: string; item_id: string }>(
      m,
      `SELECT source_key, item_id FROM import_sources WHERE team_id = $1 AND source_key = ANY($2::text[])`,
      [teamId, keys],
    );
    return new Map(rows.map((row) => [row.source_key, row.item_id]));
  }

  /** Undefined when the team already has an import queued or running (the partial index). */
  async insert(
    m: EntityManager,
    job: {
      teamId: string;
      createdBy: string;
      source: 'spreadsheet' | 'ritmo' | 'jira' | 'trello';
      fileName: string;
      rows: PlannedRow[];
    },
  ): Promise<ImportRow | undefined> {
    const [row] = await query<ImportRow>(
      m,
      `INSERT INTO imports (team_id, created_by, source, file_name, state, total)
       VALUES ($1, $2, $5, $3, 'queued', $4)
       ON CONFLICT (team_id) WHERE state IN ('queued', 'running') DO NOTHING
       RETURNING ${COLUMNS}`,
      [job.teamId, job.createdBy, job.fileName, job.rows.length, job.source],
    );
    if (!row) return undefined;
    for (let start = 0; start < job.rows.length; start += INSERT_CHUNK) {
      const chunk = job.rows.slice(start, start + INSERT_CHUNK);
      await query(
        m,
        `INSERT INTO import_rows (import_id, position, source_key, item)
         SELECT $1, t.position, t.source_key, t.item
           FROM unnest($2::int[], $3::text[], $4::jsonb[]) AS t(position, source_key, item)`,
        [
          row.id,
          chunk.map((_, index) => start + index),
          chunk.map((planned) => planned.sourceKey),
          chunk.map((planned) => JSON.stringify(planned.item)),
        ],
      );
    }
    return row;
  }

  async find(teamId: string, importId: string): Promise<ImportRow | undefined> {
    const rows = await query<ImportRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM imports WHERE team_id = $1 AND id = $2`,
      [teamId, importId],
    );
    return rows[0];
  }

  /**
   * Takes one unfinished job whose lease is free (never taken, or its server stopped) for
   * `leaseMs`. SKIP LOCKED: two instances never take the same job.
   */
  async claim(claimId: string, leaseMs: number): Promise<ImportRow | undefined> {
    const rows = await query<ImportRow>(
      this.dataSource,
      `UPDATE imports SET state = 'running', claim_id = $1,
              lease_until = now() + $2 * interval '1 millisecond', updated_at = now()
        WHERE id = (SELECT id FROM imports
                     WHERE state IN ('queued', 'running')
                       AND (lease_until IS NULL OR lease_until < now())
                     ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [claimId, leaseMs],
    );
    return rows[0];
  }

  async pending(m: EntityManager, importId: string, limit: number): Promise<PendingRow[]> {
    return query<PendingRow>(
      m,
      `SELECT position, source_key, item FROM import_rows
        WHERE import_id = $1 AND NOT done ORDER BY position LIMIT $2 FOR UPDATE`,
      [importId, limit],
    );
  }

  async recordSource(
    m: EntityManager,
    teamId: string,
    sourceKey: string,
    itemId: string,
    importId: string,
  ): Promise<void> {
    await query(
      m,
      `INSERT INTO import_sources (team_id, source_key, item_id, import_id) VALUES ($1, $2, $3, $4)`,
      [teamId, sourceKey, itemId, importId],
    );
  }

  async markDone(m: EntityManager, importId: string, positions: number[]): Promise<void> {
    await query(
      m,
      `UPDATE import_rows SET done = true WHERE import_id = $1 AND position = ANY($2::int[])`,
      [importId, positions],
    );
  }

  /** Counts the batch in, renews the lease; undefined when this claim lost the job. */
  async progress(
    m: EntityManager,
    importId: string,
    claimId: string,
    batch: { done: number; created: number; skipped: number; errors: ImportRowError[] },
    leaseMs: number,
    finished: boolean,
  ): Promise<ImportRow | undefined> {
    const [row] = await query<ImportRow>(
      m,
      `UPDATE imports SET done = done + $3, created = created + $4, skipped = skipped + $5,
              errors = errors || $6::jsonb, updated_at = now(),
              lease_until = now() + $7 * interval '1 millisecond',
              state = CASE WHEN $8 THEN 'completed' ELSE state END,
              finished_at = CASE WHEN $8 THEN now() ELSE finished_at END
        WHERE id = $1 AND claim_id = $2
        RETURNING ${COLUMNS}`,
      [
        importId,
        claimId,
        batch.done,
        batch.created,
        batch.skipped,
        JSON.stringify(batch.errors),
        leaseMs,
        finished,
      ],
    );
    return row;
  }

  /** A job that cannot go on (not a row's fault): failed, with why, and the team free again. */
  async fail(
    m: EntityManager,
    importId: string,
    claimId: string,
    message: string,
  ): Promise<ImportRow | undefined> {
    const [row] = await query<ImportRow>(
      m,
      `UPDATE imports SET state = 'failed', finished_at = now(), updated_at = now(),
              errors = errors || jsonb_build_array(jsonb_build_object('sourceKey', '', 'message', $3::text))
        WHERE id = $1 AND claim_id = $2 RETURNING ${COLUMNS}`,
      [importId, claimId, message],
    );
    return row;
  }

  async release(importId: string, claimId: string): Promise<void> {
    await query(
      this.dataSource,
      `UPDATE imports SET lease_until = NULL WHERE id = $1 AND claim_id = $2`,
      [importId, claimId],
    );
  }
}
