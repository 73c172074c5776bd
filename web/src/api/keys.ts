/** Query keys. Everything of a team starts with ['team', id] so a 410 can refetch it all. */
export const teamKeys = {
  all: (teamId: string) => ['team', teamId] as const,
  detail: (teamId: string) => ['team', teamId, 'detail'] as const,
  members: (teamId: string) => ['team', teamId, 'members'] as const,
  invitations: (teamId: string) => ['team', teamId, 'invitations'] as const,
  events: (teamId: string) => ['team', teamId, 'events'] as const,
  backlog: (teamId: string, filters?: Record<string, unknown>) =>
    filters
      ? (['team', teamId, 'backlog', filters] as const)
      : (['team', teamId, 'backlog'] as const),
  labels: (teamId: string) => ['team', teamId, 'labels'] as const,
};

export const meKeys = {
  me: ['me'] as const,
  teams: ['me', 'teams'] as const,
  tokens: ['me', 'tokens'] as const,
  workspaces: ['me', 'workspaces'] as const,
  notifications: ['me', 'notifications'] as const,
  unread: ['me', 'notifications', 'unread'] as const,
  notificationList: ['me', 'notifications', 'list'] as const,
  notificationPreferences: ['me', 'notification-preferences'] as const,
};
