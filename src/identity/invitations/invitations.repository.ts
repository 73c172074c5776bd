import { query } from '../../database/sql';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TeamRole } from '../access/permissions';

export interface InvitationRow {
  id: string;
  team_id: string;
  workspace_id: string;
  email: string;
  role: TeamRole;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

/** What the invitation email says: who invites, to which team, in the recipient's language. */
export interface InvitationMailRow {
  team_name: string;
  process: 'scrum' | 'kanban';
  timezone: string;
  team_locale: 'it' | 'en';
  workspace_name: string;
  inviter_name: string | null;
  /** The invitee's own language when the address already has an account. */
  recipient_user_id: string | null;
  recipient_locale: 'it' | 'en' | null;
}

export interface InvitationPreviewRow extends InvitationRow {
  team_name: string;
  workspace_name: string;
  inviter_name: string | null;
  account_exists: boolean;
}

const COLUMNS = `i.id, i.team_id, t.workspace_id, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at, i.created_at`;

@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    m: EntityManager,
    invitation: {
      teamId: string;
      email: string;
      role: TeamRole;
      hash: string;
      invitedBy: string;
      expiresAt: Date;
    },
  ): Promise<InvitationRow> {
    const rows = await query<InvitationRow>(
      m,
      `WITH i AS (
         INSERT INTO invitations (team_id, email, role, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *
       ) SELECT ${COLUMNS} FROM i JOIN teams t ON t.id = i.team_id`,
      [
        invitation.teamId,
        invitation.email,
        invitation.role,
        invitation.hash,
        invitation.invitedBy,
        invitation.expiresAt,
      ],
    );
    return rows[0];
  }

  async pending(teamId: string): Promise<InvitationRow[]> {
    return query<InvitationRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM invitations i JOIN teams t ON t.id = i.team_id
        WHERE i.team_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
        ORDER BY i.created_at DESC`,
      [teamId],
    );
  }

  async findByHashForUpdate(m: EntityManager, hash: string): Promise<InvitationRow | undefined> {
    const rows = await query<InvitationRow>(
      m,
      `SELECT ${COLUMNS} FROM invitations i JOIN teams t ON t.id = i.team_id
        WHERE i.token_hash = $1 FOR UPDATE OF i`,
      [hash],
    );
    return rows[0];
  }

  /** The same row without a lock: a look before the transaction that uses it. */
  async findByHash(hash: string): Promise<InvitationRow | undefined> {
    const rows = await query<InvitationRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM invitations i JOIN teams t ON t.id = i.team_id
        WHERE i.token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  /** What the invitee may see before accepting: who invites, to which team of which body. */
  async preview(hash: string): Promise<InvitationPreviewRow | undefined> {
    const rows = await query<InvitationPreviewRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, t.name AS team_name, w.name AS workspace_name,
              inviter.display_name AS inviter_name,
              EXISTS (SELECT 1 FROM users u WHERE u.email = i.email) AS account_exists
         FROM invitations i
         JOIN teams t ON t.id = i.team_id
         JOIN workspaces w ON w.id = t.workspace_id
         LEFT JOIN users inviter ON inviter.id = i.invited_by
        WHERE i.token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  async mailContext(m: EntityManager, id: string): Promise<InvitationMailRow> {
    const [row] = await query<InvitationMailRow>(
      m,
      `SELECT t.name AS team_name, t.process, t.timezone, t.locale AS team_locale,
              w.name AS workspace_name, inviter.display_name AS inviter_name,
              u.id AS recipient_user_id, u.locale AS recipient_locale
         FROM invitations i
         JOIN teams t ON t.id = i.team_id
         JOIN workspaces w ON w.id = t.workspace_id
         LEFT JOIN users inviter ON inviter.id = i.invited_by
         LEFT JOIN users u ON u.email = i.email
        WHERE i.id = $1`,
      [id],
    );
    return row;
  }

  /**
   * A pending invitation gets a new token and a new validity: only hashes are stored, so the
   * old token cannot be sent again, and the old link stops working.
   */
  async rotate(
    m: EntityManager,
    teamId: string,
    id: string,
    hash: string,
    expiresAt: Date,
  ): Promise<InvitationRow | undefined> {
    const rows = await query<InvitationRow>(
      m,
      `WITH i AS (
         UPDATE invitations SET token_hash = $3, expires_at = $4
          WHERE id = $1 AND team_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
          RETURNING *
       ) SELECT ${COLUMNS} FROM i JOIN teams t ON t.id = i.team_id`,
      [id, teamId, hash, expiresAt],
    );
    return rows[0];
  }

  async markAccepted(m: EntityManager, id: string, userId: string): Promise<void> {
    await query(m, `UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1`, [
      id,
      userId,
    ]);
  }

  async revoke(m: EntityManager, teamId: string, id: string): Promise<boolean> {
    const rows = await query<unknown>(
      m,
      `UPDATE invitations SET revoked_at = now()
        WHERE id = $1 AND team_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [id, teamId],
    );
    return rows.length === 1;
  }
}
