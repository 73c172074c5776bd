/**
 * The permission table: one row per action, saying which team roles may do it. Workspace
 * admins (and instance admins) may additionally do the actions marked `admin: true` in any
 * team of their workspace. Every service calls AccessPolicy first with one of these actions;
 * REST routes, socket messages and jobs share it. README.md documents this table.
 */
export const TEAM_ROLES = ['product_owner', 'scrum_master', 'developer', 'stakeholder'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const WORKSPACE_ROLES = ['admin', 'member'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

interface PermissionRow {
  roles: readonly TeamRole[];
  /** Workspace admins may do it in every team of their workspace. */
  admin: boolean;
  /** Changes state: refused to read-only API tokens. */
  write: boolean;
  description: string;
}

const ALL: readonly TeamRole[] = TEAM_ROLES;
const CONTRIBUTORS: readonly TeamRole[] = ['product_owner', 'scrum_master', 'developer'];

export const PERMISSIONS = {
  'team.read': {
    roles: ALL,
    admin: true,
    write: false,
    description: 'See the team, its members and its events',
  },
  'team.update': {
    roles: ['scrum_master'],
    admin: true,
    write: true,
    description: 'Rename the team, change process, locale, timezone, point scale, vocabulary',
  },
  'team.manage_members': {
    roles: ['scrum_master'],
    admin: true,
    write: true,
    description: 'Invite people, change roles, remove members',
  },
  'backlog.create': {
    roles: CONTRIBUTORS,
    admin: false,
    write: true,
    description: 'Create backlog items',
  },
  'backlog.update': {
    roles: CONTRIBUTORS,
    admin: false,
    write: true,
    description: 'Edit and archive backlog items, manage labels',
  },
  'backlog.rank': {
    roles: ['product_owner', 'scrum_master'],
    admin: false,
    write: true,
    description: 'Order the product backlog',
  },
  'backlog.accept': {
    roles: ['product_owner'],
    admin: false,
    write: true,
    description: 'Accept finished items',
  },
  'backlog.comment': {
    roles: ALL,
    admin: false,
    write: true,
    description: 'Comment on items (stakeholders too)',
  },
  'board.move': {
    roles: CONTRIBUTORS,
    admin: false,
    write: true,
    description: 'Move items across the board',
  },
  'sprint.manage': {
    roles: ['scrum_master', 'product_owner'],
    admin: false,
    write: true,
    description: 'Plan, start and complete sprints; edit the workflow',
  },
  'ceremony.manage': {
    roles: ['scrum_master'],
    admin: false,
    write: true,
    description: 'Schedule and facilitate ceremonies',
  },
  'ceremony.participate': {
    roles: ALL,
    admin: false,
    write: true,
    description: 'Attend ceremonies, post daily scrum answers',
  },
  'poker.vote': {
    roles: CONTRIBUTORS,
    admin: false,
    write: true,
    description: 'Vote in planning poker',
  },
  'retro.facilitate': {
    roles: ['scrum_master'],
    admin: false,
    write: true,
    description: 'Run retrospectives: phases, timers',
  },
  'retro.participate': {
    roles: CONTRIBUTORS,
    admin: false,
    write: true,
    description: 'Write retro cards, vote, take action items',
  },
  'webhooks.manage': {
    roles: ['scrum_master'],
    admin: true,
    write: true,
    description: 'Manage webhook subscriptions',
  },
} as const satisfies Record<string, PermissionRow>;

export type TeamAction = keyof typeof PERMISSIONS;

export function roleMayDo(role: TeamRole, action: TeamAction): boolean {
  return (PERMISSIONS[action].roles as readonly TeamRole[]).includes(role);
}
