import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';

/** What a link turns off: one kind (in one team, or every team), or the daily digest. */
export interface Unsubscribe {
  userId: string;
  kind: NotificationKind | 'digest';
  teamId: string | null;
}

const KINDS = ['digest', ...NOTIFICATION_KINDS] as const;
const NO_TEAM = Buffer.alloc(16);
/** 128 bits of HMAC-SHA256: far beyond guessing, and the link stays short. */
const MAC_BYTES = 16;
const TOKEN = /^[A-Za-z0-9_-]{66}$/;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer) =>
  b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret)
    .update('ritmo-unsubscribe:')
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES);
}

/**
 * A link that works without logging in (RFC 8058 one-click): the token names the user, kind
 * and team and is signed with the server's secret, so it can neither be forged nor pointed at
 * another person. 66 characters (user, kind, team as bytes, then the MAC), short enough for
 * a path segment. It does not expire: an old email's link must still work.
 */
export function signUnsubscribe(secret: string, u: Unsubscribe): string {
  const payload = Buffer.concat([
    uuidBytes(u.userId),
    Buffer.from([KINDS.indexOf(u.kind)]),
    u.teamId ? uuidBytes(u.teamId) : NO_TEAM,
  ]);
  return Buffer.concat([payload, mac(secret, payload)]).toString('base64url');
}

export function verifyUnsubscribe(secret: string, token: string): Unsubscribe | undefined {
  if (!TOKEN.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  // The last character carries 2 spare bits: only the canonical spelling is the token.
  if (bytes.length !== 49 || bytes.toString('base64url') !== token) return undefined;
  const payload = bytes.subarray(0, 33);
  if (!timingSafeEqual(bytes.subarray(33), mac(secret, payload))) return undefined;
  const kind = KINDS[payload[16]];
  if (kind === undefined) return undefined;
  const team = payload.subarray(17, 33);
  return {
    userId: uuidText(payload.subarray(0, 16)),
    kind,
    teamId: team.equals(NO_TEAM) ? null : uuidText(team),
  };
}
