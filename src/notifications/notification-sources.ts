import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';

export interface RecipientRow {
  id: string;
  email: string;
  display_name: string;
  locale: 'it' | 'en' | null;
}

export interface TeamInfoRow {
  id: string;
  name: string;
  locale: 'it' | 'en';
  timezone: string;
  workspace_id: string;
}

export interface ItemInfoRow {
  id: string;
  title: string;
  created_by: string;
  assignee_id: string | null;
}

export interface CeremonyInfoRow {
  id: string;
  team_id: string;
  title: string;
  type: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  recurrence: string | null;
  excluded_starts: Date[];
  attendee_ids: string[];
}

export interface DueRow {
  kind: 'action_item' | 'sprint_end';
  team_id: string;
  id: string;
  title: string;
  due: string;
}

/**
 * What notifications read of other modules' data, read-only and in one place: who a person is
 * and where to write to them, a team's name and zone, an item's title and people, the
 * ceremonies of a window, the event log of a day. Notifications are reactions of the whole
 * application to its log, so they read across modules; they write only their own tables.
 */
@Injectable()
export class NotificationSources {
  constructor(private readonly dataSource: DataSource) {}

  async users(ids: string[], m?: EntityManager): Promise<RecipientRow[]> {
    if (ids.length === 0) return [];
    return query<RecipientRow>(
      m ?? this.dataSource,
      `SELECT id, email, display_name, locale FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async team(teamId: string, m?: EntityManager): Promise<TeamInfoRow | undefined> {
    const [row] = await query<TeamInfoRow>(
      m ?? this.dataSource,
      `SELECT id, name, locale, timezone, workspace_id FROM teams WHERE id = $1`,
      [teamId],
    );
    return row;
  }

  /** Of these users, those who are members of the team now. */
  async members(teamId: string, userIds?: string[], m?: EntityManager): Promise<string[]> {
    const rows = await query<{ user_id: string }>(
      m ?? this.dataSource,
      `SELECT user_id FROM team_members
        WHERE team_id = $1 AND ($2::uuid[] IS NULL OR user_id = ANY($2::uuid[]))`,
      [teamId, userIds ?? null],
    );
    return rows.map((r) => r.user_id);
  }

  async item(teamId: string, itemId: string, m?: EntityManager): Promise<ItemInfoRow | undefined> {
    const [row] = await query<ItemInfoRow>(
      m ?? this.dataSource,
      `SELECT id, title, created_by, assignee_id FROM backlog_items WHERE team_id = $1 AND id = $2`,
      [teamId, itemId],
    );
    return row;
  }

  async impedimentTitle(teamId: string, id: string): Promise<string | undefined> {
    const [row] = await query<{ title: string }>(
      this.dataSource,
      `SELECT title FROM impediments WHERE team_id = $1 AND id = $2`,
      [teamId, id],
    );
    return row?.title;
  }

  /** The account an invitation is addressed to, if one exists. */
  async invitee(
    invitationId: string,
    m?: EntityManager,
  ): Promise<{ user_id: string | null; email: string } | undefined> {
    const [row] = await query<{ user_id: string | null; email: string }>(
      m ?? this.dataSource,
      `SELECT i.email, u.id AS user_id FROM invitations i LEFT JOIN users u ON u.email = i.email
        WHERE i.id = $1`,
      [invitationId],
    );
    return row;
  }

  async teamsOf(userId: string): Promise<TeamInfoRow[]> {
    return query<TeamInfoRow>(
      this.dataSource,
      `SELECT t.id, t.name, t.locale, t.timezone, t.workspace_id
         FROM team_members tm JOIN teams t ON t.id = tm.team_id
        WHERE tm.user_id = $1 ORDER BY t.name, t.id`,
      [userId],
    );
  }

  /** Everyone who belongs to a team (a digest is only for them), with their first team's zone. */
  async digestCandidates(): Promise<{ user_id: string; team_id: string; team_timezone: string }[]> {
    return query<{ user_id: string; team_id: string; team_timezone: string }>(
      this.dataSource,
      `SELECT DISTINCT ON (tm.user_id) tm.user_id, t.id AS team_id, t.timezone AS team_timezone
         FROM team_members tm JOIN teams t ON t.id = tm.team_id
        ORDER BY tm.user_id, tm.created_at`,
    );
  }

  /**
   * Scheduled ceremonies that may have an occurrence starting in [from, to): single ones
   * starting then, and every series that began before `to` (expanded by the caller).
   */
  async ceremonies(from: Date, to: Date, teamIds?: string[]): Promise<CeremonyInfoRow[]> {
    return query<CeremonyInfoRow>(
      this.dataSource,
      `SELECT id, team_id, title, type, starts_at, ends_at, timezone, recurrence,
              excluded_starts, attendee_ids
         FROM ceremonies
        WHERE status = 'scheduled' AND starts_at < $2
          AND (starts_at >= $1 OR recurrence IS NOT NULL)
          AND ($3::uuid[] IS NULL OR team_id = ANY($3::uuid[]))
        ORDER BY starts_at, id`,
      [from, to, teamIds ?? null],
    );
  }

  /** Open action items of the user due by `day`, and active sprints of the teams ending by then. */
  async due(userId: string, teamIds: string[], day: string): Promise<DueRow[]> {
    if (teamIds.length === 0) return [];
    return query<DueRow>(
      this.dataSource,
      `SELECT 'action_item' AS kind, a.team_id, a.id, a.text AS title, a.due_date::text AS due
         FROM retro_action_items a
        WHERE a.team_id = ANY($2::uuid[]) AND a.owner_id = $1 AND NOT a.done
          AND a.due_date <= $3::date
       UNION ALL
       SELECT 'sprint_end', s.team_id, s.id, s.name, s.end_date::text
         FROM sprints s
        WHERE s.team_id = ANY($2::uuid[]) AND s.state = 'active' AND s.end_date <= $3::date
        ORDER BY due, title`,
      [userId, teamIds, day],
    );
  }
}
