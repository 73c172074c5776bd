import type { VocabularyTerm } from '../i18n/vocabulary';
import type { TeamRole } from './access/permissions';

/** The data of the events the identity module emits (listed in src/events/event-catalogue.ts). */
export interface TeamSnapshot {
  id: string;
  workspaceId: string;
  name: string;
  process: 'scrum' | 'kanban';
  locale: 'it' | 'en';
  timezone: string;
  pointScale: number[];
  version: number;
  /** The Scrum terms the team renamed (src/i18n/vocabulary.ts). */
  vocabulary: Partial<Record<VocabularyTerm, string>>;
}

/**
 * What other modules create with a team, in its transaction (TeamHooks), and add to its
 * `team.created` event: each merges its part into this interface (the sprint module: `workflow`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge target
export interface TeamCreatedParts {}

export interface IdentityEvents {
  'team.created': { team: TeamSnapshot } & Partial<TeamCreatedParts>;
  'team.updated': { team: TeamSnapshot; changes: string[] };
  'team.member_added': { userId: string; displayName: string; role: TeamRole };
  'team.member_role_changed': { userId: string; from: TeamRole; to: TeamRole };
  'team.member_removed': { userId: string; role: TeamRole };
  'team.invitation_created': { invitationId: string; role: TeamRole; expiresAt: string };
  'team.invitation_revoked': { invitationId: string };
  /** Sent again with a new token (the old link stops working) and a new expiry. */
  'team.invitation_resent': { invitationId: string; expiresAt: string };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends IdentityEvents {}
}
