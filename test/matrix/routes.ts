/**
 * The route × role matrix, as data. test/access-matrix.e2e-spec.ts reads every operation of
 * the OpenAPI document and fails when one has no row here (or a row has no operation).
 *
 * Adding a row for a new route:
 *
 *   route(
 *     'POST /api/v1/teams/{teamId}/backlog-items',     // exactly as in /api/docs-json
 *     teamAction('backlog.create', 201),               // expected statuses from PERMISSIONS
 *     (c) => ({ path: `/api/v1/teams/${c.team.id}/backlog-items`, body: { title: 'x' } }),
 *   ),
 *
 * The builder runs once per actor, so a destructive call creates its own victim (see the
 * DELETE rows below). A feature with many routes may keep its rows in test/matrix/<feature>.ts
 * and spread them into ROUTES. Use teamAction / workspaceAction / own / open for the expected
 * statuses rather than writing them out: they follow the permission table.
 */
import { randomBytes } from 'node:crypto';
import { PasswordService } from '../../src/identity/auth/password.service';
import { InvitationsService } from '../../src/identity/invitations/invitations.service';
import { ApiTokensService } from '../../src/identity/tokens/api-tokens.service';
import { TestUser } from '../support/factories';
import { BACKLOG_ROWS } from './backlog';
import { IMPORT_ROWS } from './imports';
import { COMMENT_ROWS } from './comments';
import { NOTIFICATION_ROWS } from './notifications';
import { MAIL_ROWS } from './mail';
import { CEREMONY_ROWS } from './ceremony';
import { SPRINT_ROWS } from './sprint';
import { RETRO_ROWS } from './retro';
import { POKER_ROWS, REVIEW_ROWS } from './poker';
import { REALTIME_AND_WEBHOOK_ROWS } from './realtime-webhooks';
import {
  ActorName,
  MatrixContext,
  MatrixRow,
  open,
  own,
  route,
  teamAction,
  workspaceAction,
} from './matrix';

export { open, own, route, teamAction, workspaceAction } from './matrix';
export type { MatrixRow } from './matrix';

const STRONG = 'Casalgrande-Protocollo-2026!';

/** The actor's user, or a throwaway one for anonymous (who is refused before it matters). */
async function userFor(c: MatrixContext, actor: ActorName): Promise<TestUser> {
  return c.userOf(actor) ?? (await c.f.user());
}

const teamPath = (c: MatrixContext) => `/api/v1/teams/${c.team.id}`;
const workspacePath = (c: MatrixContext) => `/api/v1/workspaces/${c.team.workspaceId}`;

// Public routes act on nobody's behalf: a credential, if sent, changes nothing.
const AUTH: MatrixRow[] = [
  route('POST /api/v1/auth/register', open(201), (c) => ({
    path: '/api/v1/auth/register',
    body: { email: c.freshEmail(), displayName: 'Nuovo Utente', password: STRONG },
  })),
  route('POST /api/v1/auth/login', open(200), async (c) => {
    const user = await c.f.user();
    return { path: '/api/v1/auth/login', body: { email: user.email, password: user.password } };
  }),
  route('POST /api/v1/auth/refresh', open(200), async (c) => ({
    path: '/api/v1/auth/refresh',
    body: { refreshToken: (await c.f.user()).refreshToken },
  })),
  route('POST /api/v1/auth/logout', open(204), async (c) => ({
    path: '/api/v1/auth/logout',
    body: { refreshToken: (await c.f.user()).refreshToken },
  })),
  route('GET /api/v1/auth/options', open(200), () => ({ path: '/api/v1/auth/options' })),
  // The installation has users: there is no first run to find, whoever asks (no write either).
  route('POST /api/v1/setup/check', open(404), () => ({
    path: '/api/v1/setup/check',
    body: { token: 'x'.repeat(43) },
  })),
  route('POST /api/v1/setup', open(404), (c) => ({
    path: '/api/v1/setup',
    body: { token: 'x'.repeat(43), email: c.freshEmail(), displayName: 'Primo', password: STRONG },
  })),
  // The token is the credential: a look by anyone who holds it, changing nothing.
  route('POST /api/v1/invitations/preview', open(200), async (c) => ({
    path: '/api/v1/invitations/preview',
    body: { token: (await c.freshInvitation()).token },
  })),
  // Public, but accepting while logged in acts as that user: a read-only token may not.
  route('POST /api/v1/invitations/accept', open(200, { read_token: 403 }), async (c, actor) => {
    if (actor === 'anonymous') {
      const invitation = await c.freshInvitation();
      return {
        path: '/api/v1/invitations/accept',
        body: { token: invitation.token, displayName: 'Nuova Collega', password: STRONG },
      };
    }
    const user = await userFor(c, actor);
    const other = await c.f.team();
    const invitation = await c.t.ritmo.app
      .get(InvitationsService)
      .invite(other.admin.actor, other.id, { email: user.email, role: 'stakeholder' });
    return { path: '/api/v1/invitations/accept', body: { token: invitation.token } };
  }),
];

const ME: MatrixRow[] = [
  route('GET /api/v1/me', own(200, { write: false }), () => ({ path: '/api/v1/me' })),
  route('GET /api/v1/me/teams', own(200, { write: false }), () => ({ path: '/api/v1/me/teams' })),
  route('PATCH /api/v1/me', own(200, { write: true }), () => ({
    path: '/api/v1/me',
    body: { locale: 'en' },
  })),
  // The current password is reset first, so every call knows it whatever ran before.
  route('POST /api/v1/me/password', own(200, { write: true }), async (c, actor) => {
    const user = await userFor(c, actor);
    const hash = await c.t.ritmo.app.get(PasswordService).hash(STRONG);
    await c.t.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
    return {
      path: '/api/v1/me/password',
      body: {
        currentPassword: STRONG,
        newPassword: `Nuova-${randomBytes(4).toString('hex')}-Parola`,
      },
    };
  }),
  route('GET /api/v1/me/tokens', own(200, { write: false }), () => ({
    path: '/api/v1/me/tokens',
  })),
  route('POST /api/v1/me/tokens', own(201, { write: true }), () => ({
    path: '/api/v1/me/tokens',
    body: { name: 'Cruscotto', scopes: ['read'] },
  })),
  route('DELETE /api/v1/me/tokens/{tokenId}', own(204, { write: true }), async (c, actor) => {
    const user = await userFor(c, actor);
    const token = await c.t.ritmo.app
      .get(ApiTokensService)
      .create(user.actor, { name: 'Da revocare', scopes: ['read'] });
    return { path: `/api/v1/me/tokens/${token.id}` };
  }),
];

const WORKSPACES: MatrixRow[] = [
  route('POST /api/v1/workspaces', own(201, { write: true }), () => ({
    path: '/api/v1/workspaces',
    body: { name: 'Comune di Baiso' },
  })),
  route('GET /api/v1/workspaces', own(200, { write: false }), () => ({
    path: '/api/v1/workspaces',
  })),
  route('GET /api/v1/workspaces/{workspaceId}', workspaceAction('workspace.read', 200), (c) => ({
    path: workspacePath(c),
  })),
  route(
    'GET /api/v1/workspaces/{workspaceId}/members',
    workspaceAction('workspace.read', 200),
    (c) => ({ path: `${workspacePath(c)}/members` }),
  ),
  route(
    'PATCH /api/v1/workspaces/{workspaceId}/members/{userId}',
    workspaceAction('workspace.manage', 200),
    async (c) => ({
      path: `${workspacePath(c)}/members/${(await c.freshMember()).id}`,
      body: { role: 'admin' },
    }),
  ),
  route(
    'POST /api/v1/workspaces/{workspaceId}/teams',
    workspaceAction('workspace.manage', 201),
    (c) => ({ path: `${workspacePath(c)}/teams`, body: { name: 'Protocollo' } }),
  ),
  route(
    'GET /api/v1/workspaces/{workspaceId}/teams',
    workspaceAction('workspace.read', 200),
    (c) => ({ path: `${workspacePath(c)}/teams` }),
  ),
];

const TEAMS: MatrixRow[] = [
  route('GET /api/v1/teams/{teamId}', teamAction('team.read', 200), (c) => ({ path: teamPath(c) })),
  route('PATCH /api/v1/teams/{teamId}', teamAction('team.update', 200), async (c) => {
    const [{ version }] = await c.t.db.query<{ version: number }[]>(
      'SELECT version FROM teams WHERE id = $1',
      [c.team.id],
    );
    return { path: teamPath(c), body: { locale: 'en' }, headers: { 'If-Match': `"${version}"` } };
  }),
  route('GET /api/v1/teams/{teamId}/members', teamAction('team.read', 200), (c) => ({
    path: `${teamPath(c)}/members`,
  })),
  route(
    'PATCH /api/v1/teams/{teamId}/members/{userId}',
    teamAction('team.manage_members', 200),
    async (c) => ({
      path: `${teamPath(c)}/members/${(await c.freshMember()).id}`,
      body: { role: 'product_owner' },
    }),
  ),
  route(
    'DELETE /api/v1/teams/{teamId}/members/{userId}',
    teamAction('team.manage_members', 204),
    async (c) => ({ path: `${teamPath(c)}/members/${(await c.freshMember('stakeholder')).id}` }),
  ),
  route('POST /api/v1/teams/{teamId}/invitations', teamAction('team.manage_members', 201), (c) => ({
    path: `${teamPath(c)}/invitations`,
    body: { email: c.freshEmail(), role: 'developer' },
  })),
  route('GET /api/v1/teams/{teamId}/invitations', teamAction('team.manage_members', 200), (c) => ({
    path: `${teamPath(c)}/invitations`,
  })),
  route(
    'DELETE /api/v1/teams/{teamId}/invitations/{invitationId}',
    teamAction('team.manage_members', 204),
    async (c) => ({ path: `${teamPath(c)}/invitations/${(await c.freshInvitation()).id}` }),
  ),
];

/** Every row of the matrix; later features append theirs. */
export const ROUTES: MatrixRow[] = [
  ...AUTH,
  ...ME,
  ...WORKSPACES,
  ...TEAMS,
  ...REALTIME_AND_WEBHOOK_ROWS,
  ...BACKLOG_ROWS,
  ...IMPORT_ROWS,
  ...SPRINT_ROWS,
  ...RETRO_ROWS,
  ...POKER_ROWS,
  ...REVIEW_ROWS,
  ...CEREMONY_ROWS,
  ...COMMENT_ROWS,
  ...NOTIFICATION_ROWS,
  ...MAIL_ROWS,
];
