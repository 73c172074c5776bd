import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../../database/sql';

export interface LabelRow {
  id: string;
  team_id: string;
  name: string;
  color: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, team_id, name, color, version, created_at, updated_at';

@Injectable()
export class LabelsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(teamId: string): Promise<LabelRow[]> {
    return query<LabelRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM labels WHERE team_id = $1 ORDER BY lower(name), id`,
      [teamId],
    );
  }

  async find(m: EntityManager, teamId: string, labelId: string): Promise<LabelRow | undefined> {
    const rows = await query<LabelRow>(
      m,
      `SELECT ${COLUMNS} FROM labels WHERE team_id = $1 AND id = $2`,
      [teamId, labelId],
    );
    return rows[0];
  }

  async nameTaken(
    m: EntityManager,
    teamId: string,
    name: string,
    except?: string,
  ): Promise<boolean> {
    const rows = await query(
      m,
      `SELECT 1 FROM labels WHERE team_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3`,
      [teamId, name, except ?? null],
    );
    return rows.length > 0;
  }

  /** The team's labels among `names`, matched case-insensitively. */
  byNames(m: EntityManager, teamId: string, names: string[]): Promise<LabelRow[]> {
    return query<LabelRow>(
      m,
      `SELECT ${COLUMNS} FROM labels WHERE team_id = $1 AND lower(name) = ANY($2::text[])`,
      [teamId, names.map((name) => name.toLowerCase())],
    );
  }

  async insert(m: EntityManager, teamId: string, name: string, color: string): Promise<LabelRow> {
    const rows = await query<LabelRow>(
      m,
      `INSERT INTO labels (team_id, name, color) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [teamId, name, color],
    );
    return rows[0];
  }

  async update(
    m: EntityManager,
    teamId: string,
    labelId: string,
    version: number,
    changes: { name?: string; color?: string },
  ): Promise<LabelRow | undefined> {
    const rows = await query<LabelRow>(
      m,
      `UPDATE labels SET name = COALESCE($4, name), color = COALESCE($5, color),
              version = version + 1, updated_at = now()
        WHERE team_id = $1 AND id = $2 AND version = $3 RETURNING ${COLUMNS}`,
      [teamId, labelId, version, changes.name ?? null, changes.color ?? null],
    );
    return rows[0];
  }

  /** Deletes the label and takes it off every item; returns those items' ids. */
  async delete(m: EntityManager, teamId: string, labelId: string): Promise<string[]> {
    const items = await query<{ id: string }>(
      m,
      `UPDATE backlog_items SET label_ids = array_remove(label_ids, $2::uuid)
        WHERE team_id = $1 AND label_ids @> ARRAY[$2::uuid] RETURNING id`,
      [teamId, labelId],
    );
    await query(m, `DELETE FROM labels WHERE team_id = $1 AND id = $2`, [teamId, labelId]);
    return items.map((item) => item.id).sort();
  }
}
