import { randomBytes } from 'node:crypto';
import { WorkspaceAction } from '../../src/identity/access/access.policy';
import { PERMISSIONS, TeamAction, TeamRole } from '../../src/identity/access/permissions';
import { InvitationsService } from '../../src/identity/invitations/invitations.service';
import { Factory, TestTeam, TestUser } from '../support/factories';
import { TestApp } from '../support/test-app';

/** Who calls. `read_token` is a read-scoped API token of the developer. */
export const ACTORS = [
  'anonymous',
  'outsider',
  'stakeholder',
  'developer',
  'scrum_master',
  'product_owner',
  'workspace_admin',
  'read_token',
] as const;
export type ActorName = (typeof ACTORS)[number];
export type Expected = Record<ActorName, number>;

/**
 * What a row touches. For `team` and `workspace` rows the outsider must get a 404 that leaks
 * nothing of the target; `none` rows act on the caller's own data or need no credentials.
 */
export type Target = 'team' | 'workspace' | 'none';

export interface BuiltRequest {
  path: string;
  body?: object;
  headers?: Record<string, string>;
  /** A multipart/form-data upload instead of a JSON body: the fields, then the file. */
  multipart?: { fields: Record<string, string>; file: { name: string; content: Buffer } };
}

/** Shared fixtures: the target team (in its own workspace) and one user per actor. */
export interface MatrixContext {
  t: TestApp;
  f: Factory;
  team: TestTeam;
  /** The user behind an actor; undefined for anonymous. read_token → the developer. */
  userOf(actor: ActorName): TestUser | undefined;
  /** A new member of the target team, e.g. the victim of a DELETE. */
  freshMember(role?: TeamRole): Promise<TestUser>;
  /** A new pending invitation to the target team. */
  freshInvitation(): Promise<{ id: string; token: string; email: string }>;
  freshEmail(): string;
}

/** Builds the request for one actor; creates whatever fresh fixtures the call consumes. */
export type Builder = (c: MatrixContext, actor: ActorName) => BuiltRequest | Promise<BuiltRequest>;

export interface Access {
  target: Target;
  expected: Expected;
}

export interface MatrixRow extends Access {
  /** `METHOD /path` exactly as in the OpenAPI document, e.g. `GET /api/v1/teams/{teamId}`. */
  operation: string;
  build: Builder;
}

export function route(operation: string, access: Access, build: Builder): MatrixRow {
  return { operation, ...access, build };
}

const ROLE_ACTORS: readonly TeamRole[] = [
  'stakeholder',
  'developer',
  'scrum_master',
  'product_owner',
];

/** Expected statuses of a team route, read from the permission table. */
export function teamAction(action: TeamAction, ok: number): Access {
  const row = PERMISSIONS[action];
  const roles = row.roles as readonly TeamRole[];
  const expected = {
    anonymous: 401,
    outsider: 404,
    workspace_admin: row.admin ? ok : 403,
    read_token: row.write || !roles.includes('developer') ? 403 : ok,
  } as Expected;
  for (const role of ROLE_ACTORS) expected[role] = roles.includes(role) ? ok : 403;
  return { target: 'team', expected };
}

/** Every team member is a workspace member; only admins manage the workspace. */
export function workspaceAction(action: WorkspaceAction, ok: number): Access {
  const manage = action === 'workspace.manage';
  const expected = {
    anonymous: 401,
    outsider: 404,
    workspace_admin: ok,
    read_token: manage ? 403 : ok,
  } as Expected;
  for (const role of ROLE_ACTORS) expected[role] = manage ? 403 : ok;
  return { target: 'workspace', expected };
}

/** The caller's own data: any authenticated caller; read tokens only when nothing changes. */
export function own(ok: number, options: { write: boolean }): Access {
  const expected = Object.fromEntries(ACTORS.map((a) => [a, ok])) as Expected;
  expected.anonymous = 401;
  if (options.write) expected.read_token = 403;
  return { target: 'none', expected };
}

/** Public routes (login, register…): credentials play no part. */
export function open(ok: number, overrides: Partial<Expected> = {}): Access {
  const expected = Object.fromEntries(ACTORS.map((a) => [a, ok])) as Expected;
  return { target: 'none', expected: { ...expected, ...overrides } };
}

export function matrixContext(
  t: TestApp,
  f: Factory,
  team: TestTeam,
  users: Partial<Record<ActorName, TestUser>>,
): MatrixContext {
  const invitations = () => t.ritmo.app.get(InvitationsService);
  const freshEmail = () => `matrice.${randomBytes(5).toString('hex')}@comune.example`;
  return {
    t,
    f,
    team,
    userOf: (actor) => (actor === 'read_token' ? users.developer : users[actor]),
    freshMember: (role = 'developer') => f.member(team, role),
    freshEmail,
    freshInvitation: async () => {
      const email = freshEmail();
      const created = await invitations().invite(team.admin.actor, team.id, {
        email,
        role: 'developer',
      });
      return { id: created.id, token: created.token, email };
    },
  };
}
