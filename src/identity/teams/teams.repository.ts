import { query } from '../../database/sql';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { VocabularyOverrides, VocabularyTerm } from '../../i18n/vocabulary';
import { TeamRole } from '../access/permissions';

export interface TeamRow {
  id: string;
  workspace_id: string;
  name: string;
  process: 'scrum' | 'kanban';
  locale: 'it' | 'en';
  timezone: string;
  point_scale: string[];
  vocabulary: VocabularyOverrides;
  event_seq: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  my_role?: TeamRole | null;
}

export interface MyTeamRow extends TeamRow {
  workspace_name: string;
  workspace_role: 'admin' | 'member' | null;
}

export interface TeamMemberRow {
  user_id: string;
  display_name: string;
  email: string;
  role: TeamRole;
  created_at: Date;
}

export interface TeamChanges {
  name?: string;
  process?: 'scrum' | 'kanban';
  locale?: 'it' | 'en';
  timezone?: string;
  pointScale?: number[];
  /** Merged into the stored terms; a null term goes back to the default. */
  vocabulary?: Partial<Record<VocabularyTerm, string | null>>;
}

const COLUMNS = `t.id, t.workspace_id, t.name, t.process, t.locale, t.timezone, t.point_scale, t.vocabulary,
                 t.event_seq,
                 t.version, t.created_at, t.updated_at`;

@Injectable()
export class TeamsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    m: EntityManager,
    team: Required<Omit<TeamChanges, 'vocabulary'>> &
      Pick<TeamChanges, 'vocabulary'> & {
        workspaceId: string;
      },
  ): Promise<TeamRow> {
    const rows = await query<TeamRow>(
      m,
      `INSERT INTO teams AS t (workspace_id, name, process, locale, timezone, point_scale, vocabulary)
       VALUES ($1, $2, $3, $4, $5, $6, jsonb_strip_nulls($7::jsonb)) RETURNING ${COLUMNS}`,
      [
        team.workspaceId,
        team.name,
        team.process,
        team.locale,
        team.timezone,
        team.pointScale,
        JSON.stringify(team.vocabulary ?? {}),
      ],
    );
    return rows[0];
  }

  async find(userId: string, teamId: string, m?: EntityManager): Promise<TeamRow | undefined> {
    const rows = await query<TeamRow>(
      m ?? this.dataSource,
      `SELECT ${COLUMNS}, tm.role AS my_role FROM teams t
         LEFT JOIN team_members tm ON tm.team_id = t.id AND tm.user_id = $1
        WHERE t.id = $2`,
      [userId, teamId],
    );
    return rows[0];
  }

  /** Teams of a workspace the user may see: theirs, or all of them for an admin. */
  async listInWorkspace(userId: string, workspaceId: string, all: boolean): Promise<TeamRow[]> {
    return query<TeamRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, tm.role AS my_role FROM teams t
         LEFT JOIN team_members tm ON tm.team_id = t.id AND tm.user_id = $1
        WHERE t.workspace_id = $2 AND ($3 OR tm.user_id IS NOT NULL)
        ORDER BY t.name, t.id`,
      [userId, workspaceId, all],
    );
  }

  /**
   * Every team the user is a member of, and every team of a workspace they administer, with
   * the workspace's name and the user's role there.
   */
  async listForUser(userId: string): Promise<MyTeamRow[]> {
    return query<MyTeamRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, tm.role AS my_role, w.name AS workspace_name, wm.role AS workspace_role
         FROM teams t
         JOIN workspaces w ON w.id = t.workspace_id
         LEFT JOIN team_members tm ON tm.team_id = t.id AND tm.user_id = $1
         LEFT JOIN workspace_members wm ON wm.workspace_id = t.workspace_id AND wm.user_id = $1
        WHERE tm.user_id IS NOT NULL OR wm.role = 'admin'
        ORDER BY w.name, w.id, t.name, t.id`,
      [userId],
    );
  }

  /** Conditional on the version: undefined when it is stale. */
  async update(
    m: EntityManager,
    teamId: string,
    version: number,
    changes: TeamChanges,
  ): Promise<TeamRow | undefined> {
    const rows = await query<TeamRow>(
      m,
      `UPDATE teams AS t SET
          name = COALESCE($3::text, name), process = COALESCE($4::text, process),
          locale = COALESCE($5::text, locale), timezone = COALESCE($6::text, timezone),
          point_scale = COALESCE($7::numeric[], point_scale),
          vocabulary = jsonb_strip_nulls(vocabulary || COALESCE($8::jsonb, '{}'::jsonb)),
          version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      [
        teamId,
        version,
        changes.name ?? null,
        changes.process ?? null,
        changes.locale ?? null,
        changes.timezone ?? null,
        changes.pointScale ?? null,
        changes.vocabulary ? JSON.stringify(changes.vocabulary) : null,
      ],
    );
    return rows[0];
  }

  async members(teamId: string, m?: EntityManager): Promise<TeamMemberRow[]> {
    return query<TeamMemberRow>(
      m ?? this.dataSource,
      `SELECT tm.user_id, u.display_name, u.email, tm.role, tm.created_at
         FROM team_members tm JOIN users u ON u.id = tm.user_id
        WHERE tm.team_id = $1 ORDER BY u.display_name, u.id`,
      [teamId],
    );
  }

  async member(
    m: EntityManager,
    teamId: string,
    userId: string,
  ): Promise<TeamMemberRow | undefined> {
    const rows = await query<TeamMemberRow>(
      m,
      `SELECT tm.user_id, u.display_name, u.email, tm.role, tm.created_at
         FROM team_members tm JOIN users u ON u.id = tm.user_id
        WHERE tm.team_id = $1 AND tm.user_id = $2 FOR UPDATE OF tm`,
      [teamId, userId],
    );
    return rows[0];
  }

  /** False when already a member. */
  async addMember(
    m: EntityManager,
    teamId: string,
    userId: string,
    role: TeamRole,
  ): Promise<boolean> {
    const rows = await query<unknown>(
      m,
      `INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (team_id, user_id) DO NOTHING RETURNING user_id`,
      [teamId, userId, role],
    );
    return rows.length === 1;
  }

  async setMemberRole(
    m: EntityManager,
    teamId: string,
    userId: string,
    role: TeamRole,
  ): Promise<void> {
    await query(m, `UPDATE team_members SET role = $3 WHERE team_id = $1 AND user_id = $2`, [
      teamId,
      userId,
      role,
    ]);
  }

  async removeMember(m: EntityManager, teamId: string, userId: string): Promise<void> {
    await query(m, `DELETE FROM team_members WHERE team_id = $1 AND user_id = $2`, [
      teamId,
      userId,
    ]);
  }
}
