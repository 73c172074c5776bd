import { createHash, randomBytes } from 'node:crypto';
import { ACTORS, Expected, MatrixRow, open, route, teamAction, workspaceAction } from './matrix';

const STRONG = 'Casalgrande-Protocollo-2026!';

/** Instance administrators only: no actor of the matrix is one. */
const instanceAdmin = {
  target: 'none' as const,
  expected: {
    ...(Object.fromEntries(ACTORS.map((a) => [a, 403])) as Expected),
    anonymous: 401,
  },
};

export const MAIL_ROWS: MatrixRow[] = [
  // A fresh address each time: the answer is the same whether an account has it or not.
  route('POST /api/v1/auth/password-reset', open(202), (c) => ({
    path: '/api/v1/auth/password-reset',
    body: { email: c.freshEmail() },
  })),
  // The token is the credential (planted as the emailed one would be: only its hash is stored).
  route('POST /api/v1/auth/password-reset/confirm', open(200), async (c) => {
    const user = await c.f.user();
    const token = `ritmo_pwr_${randomBytes(32).toString('base64url')}`;
    await c.t.db.query(
      `INSERT INTO password_resets (email_hash, ip, user_id, token_hash, expires_at)
       VALUES ($1, '127.0.0.1', $2, $3, now() + interval '1 hour')`,
      [
        createHash('sha256').update(user.email).digest('hex'),
        user.id,
        createHash('sha256').update(token).digest('hex'),
      ],
    );
    return { path: '/api/v1/auth/password-reset/confirm', body: { token, password: STRONG } };
  }),
  route(
    'POST /api/v1/teams/{teamId}/invitations/{invitationId}/resend',
    teamAction('team.manage_members', 200),
    async (c) => ({
      path: `/api/v1/teams/${c.team.id}/invitations/${(await c.freshInvitation()).id}/resend`,
    }),
  ),
  route(
    'GET /api/v1/workspaces/{workspaceId}/mail-failures',
    workspaceAction('workspace.manage', 200),
    (c) => ({ path: `/api/v1/workspaces/${c.team.workspaceId}/mail-failures` }),
  ),
  route('GET /api/v1/mail-failures', instanceAdmin, () => ({ path: '/api/v1/mail-failures' })),
];
