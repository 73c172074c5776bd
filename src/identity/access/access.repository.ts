import { query } from '../../database/sql';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TeamRole, WorkspaceRole } from './permissions';

export interface TeamAccessRow {
  team_id: string;
  workspace_id: string;
  team_role: TeamRole | null;
  workspace_role: WorkspaceRole | null;
}

@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async teamAccess(
    userId: string,
    teamId: string,
    m?: EntityManager,
  ): Promise<TeamAccessRow | undefined> {
    const rows = await query<TeamAccessRow>(
      m ?? this.dataSource,
      `SELECT t.id AS team_id, t.workspace_id, tm.role AS team_role, wm.role AS workspace_role
         FROM teams t
         LEFT JOIN team_members tm ON tm.team_id = t.id AND tm.user_id = $1
         LEFT JOIN workspace_members wm ON wm.workspace_id = t.workspace_id AND wm.user_id = $1
        WHERE t.id = $2`,
      [userId, teamId],
    );
    return rows[0];
  }

  async workspaceRole(
    userId: string,
    workspaceId: string,
  ): Promise<{ exists: boolean; role: WorkspaceRole | null }> {
    const rows = await query<{ role: WorkspaceRole | null }>(
      this.dataSource,
      `SELECT wm.role FROM workspaces w
         LEFT JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.user_id = $1
        WHERE w.id = $2`,
      [userId, workspaceId],
    );
    return rows.length === 0 ? { exists: false, role: null } : { exists: true, role: rows[0].role };
  }
}
