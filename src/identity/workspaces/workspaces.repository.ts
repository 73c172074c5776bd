import { query } from '../../database/sql';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WorkspaceRole } from '../access/permissions';

export interface WorkspaceRow {
  id: string;
  name: string;
  created_at: Date;
  my_role: WorkspaceRole | null;
}

export interface WorkspaceMemberRow {
  user_id: string;
  display_name: string;
  email: string;
  role: WorkspaceRole;
}

@Injectable()
export class WorkspacesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, name: string, createdBy: string): Promise<WorkspaceRow> {
    const rows = await query<WorkspaceRow>(
      m,
      `INSERT INTO workspaces (name, created_by) VALUES ($1, $2) RETURNING id, name, created_at, 'admin' AS my_role`,
      [name, createdBy],
    );
    await this.addMember(m, rows[0].id, createdBy, 'admin');
    return rows[0];
  }

  async addMember(
    m: EntityManager,
    workspaceId: string,
    userId: string,
    role: WorkspaceRole,
  ): Promise<void> {
    await query(
      m,
      `INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO NOTHING`,
      [workspaceId, userId, role],
    );
  }

  async listFor(userId: string, all: boolean): Promise<WorkspaceRow[]> {
    return query<WorkspaceRow>(
      this.dataSource,
      `SELECT w.id, w.name, w.created_at, wm.role AS my_role
         FROM workspaces w
         LEFT JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.user_id = $1
        WHERE $2 OR wm.user_id IS NOT NULL
        ORDER BY w.name, w.id`,
      [userId, all],
    );
  }

  async find(userId: string, workspaceId: string): Promise<WorkspaceRow | undefined> {
    const rows = await query<WorkspaceRow>(
      this.dataSource,
      `SELECT w.id, w.name, w.created_at, wm.role AS my_role
         FROM workspaces w
         LEFT JOIN workspace_members wm ON wm.workspace_id = w.id AND wm.user_id = $1
        WHERE w.id = $2`,
      [userId, workspaceId],
    );
    return rows[0];
  }

  async members(workspaceId: string): Promise<WorkspaceMemberRow[]> {
    return query<WorkspaceMemberRow>(
      this.dataSource,
      `SELECT wm.user_id, u.display_name, u.email, wm.role
         FROM workspace_members wm JOIN users u ON u.id = wm.user_id
        WHERE wm.workspace_id = $1 ORDER BY u.display_name, u.id`,
      [workspaceId],
    );
  }

  async setMemberRole(
    m: EntityManager,
    workspaceId: string,
    userId: string,
    role: WorkspaceRole,
  ): Promise<boolean> {
    const rows = await query<unknown>(
      m,
      `UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2 RETURNING user_id`,
      [workspaceId, userId, role],
    );
    return rows.length === 1;
  }

  async countAdmins(m: EntityManager, workspaceId: string): Promise<number> {
    const rows = await query<{ n: string }>(
      m,
      `SELECT count(*) AS n FROM workspace_members WHERE workspace_id = $1 AND role = 'admin'`,
      [workspaceId],
    );
    return Number(rows[0].n);
  }
}
