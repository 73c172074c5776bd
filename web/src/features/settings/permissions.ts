import type { MyTeam } from '../../api/account';
import type { Workspace } from '../../api/teams';

type TeamRole = MyTeam['myRole'];
type WorkspaceRole = MyTeam['workspaceRole'] | Workspace['myRole'] | undefined;

/**
 * The server's permission table for team.update and team.manage_members (scrum master, or an
 * admin of the workspace): the screen offers only what the server would accept.
 */
export function mayManageTeam(role: TeamRole, workspaceRole: WorkspaceRole): boolean {
  return role === 'scrum_master' || workspaceRole === 'admin' || workspaceRole === 'instance_admin';
}
