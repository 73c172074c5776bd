import { randomUUID } from 'node:crypto';
import { signUnsubscribe } from '../../src/notifications/unsubscribe-links';
import { TEST_JWT_SECRET } from '../support/test-app';
import type { TestUser } from '../support/factories';
import { ActorName, MatrixContext, MatrixRow, open, own, route } from './matrix';

async function userFor(c: MatrixContext, actor: ActorName): Promise<TestUser> {
  return c.userOf(actor) ?? (await c.f.user());
}

/** A notification of the caller's own (what the bell would show), written as a reaction would. */
async function ownNotification(c: MatrixContext, actor: ActorName): Promise<string> {
  const user = await userFor(c, actor);
  const [row] = await c.t.db.query<{ id: string }[]>(
    `INSERT INTO notifications (user_id, team_id, kind, source_key, subject_type, subject_id,
       title, channel)
     VALUES ($1, $2, 'invited', $3, 'team', $2, 'Tributi', 'in_app') RETURNING id`,
    [user.id, c.team.id, randomUUID()],
  );
  return row.id;
}

/** A person's own notifications: every signed-in caller has some; nobody sees another's. */
export const NOTIFICATION_ROWS: MatrixRow[] = [
  route('GET /api/v1/me/notifications', own(200, { write: false }), () => ({
    path: '/api/v1/me/notifications',
  })),
  route('GET /api/v1/me/notifications/unread-count', own(200, { write: false }), () => ({
    path: '/api/v1/me/notifications/unread-count',
  })),
  route('POST /api/v1/me/notifications/read-all', own(200, { write: true }), () => ({
    path: '/api/v1/me/notifications/read-all',
  })),
  route(
    'POST /api/v1/me/notifications/{notificationId}/read',
    own(200, { write: true }),
    async (c, actor) => ({
      path: `/api/v1/me/notifications/${await ownNotification(c, actor)}/read`,
    }),
  ),
  route('GET /api/v1/me/notification-preferences', own(200, { write: false }), () => ({
    path: '/api/v1/me/notification-preferences',
  })),
  route('PATCH /api/v1/me/notification-preferences', own(200, { write: true }), () => ({
    path: '/api/v1/me/notification-preferences',
    body: { preferences: [{ teamId: null, kind: 'assigned', channel: 'in_app' }] },
  })),
  // Public: the signed token is the credential, whoever sends it.
  route('POST /api/v1/notifications/unsubscribe/{token}', open(200), async (c) => {
    const user = await c.f.user();
    const token = signUnsubscribe(TEST_JWT_SECRET, {
      userId: user.id,
      kind: 'assigned',
      teamId: null,
    });
    return { path: `/api/v1/notifications/unsubscribe/${token}` };
  }),
];
