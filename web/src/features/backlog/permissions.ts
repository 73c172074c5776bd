import type { Team } from '../../api/teams';

/**
 * What the person's role may do on the backlog, as the server's access matrix says
 * (backlog.create/update: product owner, scrum master, developer; backlog.rank and
 * sprint.manage: product owner, scrum master). A workspace admin outside the team (myRole
 * null) and a stakeholder read. The screen offers only what the server would accept.
 */
export function backlogPermissions(role: Team['myRole']) {
  const edit = role === 'product_owner' || role === 'scrum_master' || role === 'developer';
  const rank = role === 'product_owner' || role === 'scrum_master';
  return { edit, rank, sprint: rank };
}

export type BacklogPermissions = ReturnType<typeof backlogPermissions>;
