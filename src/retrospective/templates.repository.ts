import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { RetroColumn } from './retro.events';
import type { Runner } from './retro.repository';

export interface TemplateRow {
  id: string;
  team_id: string;
  name: string;
  columns: RetroColumn[];
}

/** The templates a team saved. */
@Injectable()
export class TemplatesRepository {
  constructor(private readonly db: DataSource) {}

  templates(teamId: string): Promise<TemplateRow[]> {
    return query<TemplateRow>(
      this.db,
      `SELECT id, team_id, name, columns FROM retro_templates WHERE team_id = $1 ORDER BY name, id`,
      [teamId],
    );
  }

  async template(m: Runner, teamId: string, id: string): Promise<TemplateRow | undefined> {
    const [row] = await query<TemplateRow>(
      m,
      `SELECT id, team_id, name, columns FROM retro_templates WHERE team_id = $1 AND id = $2`,
      [teamId, id],
    );
    return row;
  }

  /** Undefined when the team already has a template of that name. */
  async insertTemplate(
    m: EntityManager,
    teamId: string,
    values: { name: string; columns: RetroColumn[]; createdBy: string },
  ): Promise<TemplateRow | undefined> {
    const [row] = await query<TemplateRow>(
      m,
      `INSERT INTO retro_templates (team_id, name, columns, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, lower(name)) DO NOTHING
       RETURNING id, team_id, name, columns`,
      [teamId, values.name, JSON.stringify(values.columns), values.createdBy],
    );
    return row;
  }
}
