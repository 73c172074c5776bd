import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';

/** What a link turns off: one kind (in one team, or every team), or the daily digest. */
export interface Unsubscribe {
  userId: string;
  kind: NotificationKind | 'digest';
  teamId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`ritmo-unsubscribe:${payload}`).digest();
}

/**
 * A link that works without logging in (RFC 8058 one-click): the token names the user, kind
 * and team and is signed with the server's secret, so it can neither be forged nor pointed at
 * another person. It does not expire: an old email's link must still work.
 */
export function signUnsubscribe(secret: string, u: Unsubscribe): string {
  const payload = Buffer.from(`${u.userId}.${u.kind}.${u.teamId ?? '-'}`).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyUnsubscribe(secret: string, token: string): Unsubscribe | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [userId, kind, team] = Buffer.from(payload, 'base64url').toString().split('.');
  if (!UUID.test(userId ?? '')) return undefined;
  if (kind !== 'digest' && !(NOTIFICATION_KINDS as readonly string[]).includes(kind ?? ''))
    return undefined;
  if (team !== '-' && !UUID.test(team ?? '')) return undefined;
  return {
    userId,
    kind: kind as NotificationKind | 'digest',
    teamId: team === '-' ? null : team,
  };
}
