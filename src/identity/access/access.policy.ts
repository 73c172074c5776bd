import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../../common/errors/domain-error';
import { isUuid } from '../../database/uuid';
import { Actor } from '../actor';
import { AccessRepository } from './access.repository';
import { PERMISSIONS, roleMayDo, TeamAction, TeamRole, WorkspaceRole } from './permissions';

export interface TeamAccess {
  teamId: string;
  workspaceId: string;
  role: TeamRole | null;
  workspaceAdmin: boolean;
}

export type WorkspaceAction = 'workspace.read' | 'workspace.manage';

/**
 * The one access policy. Someone who is neither in the team nor an admin of its workspace gets
 * a 404, exactly as for a team that does not exist: ids of other tenants never leak.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly repository: AccessRepository) {}

  async requireTeamPermission(
    actor: Actor,
    teamId: string,
    action: TeamAction,
    m?: EntityManager,
  ): Promise<TeamAccess> {
    const row = isUuid(teamId)
      ? await this.repository.teamAccess(actor.userId, teamId, m)
      : undefined;
    const workspaceAdmin = row?.workspace_role === 'admin' || actor.isInstanceAdmin;
    if (!row || (row.team_role === null && !workspaceAdmin))
      throw new NotFoundError('Team', teamId);
    requireScope(actor, PERMISSIONS[action].write);
    const access = { teamId, workspaceId: row.workspace_id, role: row.team_role, workspaceAdmin };
    if (row.team_role !== null && roleMayDo(row.team_role, action)) return access;
    if (workspaceAdmin && PERMISSIONS[action].admin) return access;
    throw new ForbiddenError(
      'permission-denied',
      row.team_role === null
        ? `Only members of this team may do ${action}`
        : `The ${row.team_role} role may not do ${action} in this team`,
    );
  }

  async requireWorkspacePermission(
    actor: Actor,
    workspaceId: string,
    action: WorkspaceAction,
  ): Promise<{ role: WorkspaceRole | 'instance_admin' }> {
    const found = isUuid(workspaceId)
      ? await this.repository.workspaceRole(actor.userId, workspaceId)
      : { exists: false, role: null };
    const role = actor.isInstanceAdmin ? 'instance_admin' : found.role;
    if (!found.exists || role === null) throw new NotFoundError('Workspace', workspaceId);
    requireScope(actor, action === 'workspace.manage');
    if (action === 'workspace.manage' && role === 'member') {
      throw new ForbiddenError('permission-denied', 'Only workspace admins may do this');
    }
    return { role };
  }
}

/** Read-only API tokens never change state, whatever the role. */
export function requireScope(actor: Actor, write: boolean): void {
  if (write && !actor.scopes.includes('write')) {
    throw new ForbiddenError('insufficient-scope', 'This API token is read-only');
  }
}
