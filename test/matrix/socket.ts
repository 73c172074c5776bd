import { CEREMONY_SOCKET_ROWS } from './ceremony-socket';
import { ACTORS, ActorName, Expected, MatrixContext } from './matrix';
import { PERMISSIONS, TeamAction, TeamRole } from '../../src/identity/access/permissions';
import { freshSessionId } from './poker';

/** `ok` means the acknowledgement was `{ok: true}`; a number is the error's status. */
export type SocketOutcome = 'ok' | number;
export type SocketExpected = Record<ActorName, SocketOutcome>;

/** One socket message of a gateway, as every actor must see it answered. */
export interface SocketRow {
  /** `<namespace> <message>`, e.g. `/realtime subscribe`. */
  message: string;
  expected: SocketExpected;
  /** The payload one actor sends; may create fresh fixtures. */
  build(c: MatrixContext, actor: ActorName): unknown;
}

const ROLES: readonly TeamRole[] = ['stakeholder', 'developer', 'scrum_master', 'product_owner'];

/**
 * Expected outcomes of a message acting on the target team, read from the permission table,
 * exactly as `teamAction` does for REST: a socket is one more door to the same policy.
 * Anonymous callers never get a socket (the handshake answers 401).
 */
export function socketTeamAction(action: TeamAction): SocketExpected {
  const row = PERMISSIONS[action];
  const roles = row.roles as readonly TeamRole[];
  const expected = {
    anonymous: 401,
    outsider: 404,
    workspace_admin: row.admin ? 'ok' : 403,
    read_token: row.write || !roles.includes('developer') ? 403 : 'ok',
  } as SocketExpected;
  for (const role of ROLES) expected[role] = roles.includes(role) ? 'ok' : 403;
  return expected;
}

/** Messages about the caller's own socket: any authenticated caller. */
export function socketOwn(): SocketExpected {
  const expected = Object.fromEntries(ACTORS.map((a) => [a, 'ok'])) as SocketExpected;
  expected.anonymous = 401;
  return expected;
}

/** Planning poker over the socket: the facilitator (the matrix's scrum master) opens each session. */
const pokerRow = (
  message: string,
  action: TeamAction,
  state: 'voting' | 'revealed' | 'accepted',
  extra: Record<string, string> = {},
): SocketRow => ({
  message: `/realtime ${message}`,
  expected: socketTeamAction(action),
  build: async (c) => ({ sessionId: await freshSessionId(c, state), ...extra }),
});

const POKER_SOCKET_ROWS: SocketRow[] = [
  pokerRow('poker.join', 'ceremony.participate', 'voting', { as: 'spectator' }),
  pokerRow('poker.vote', 'poker.vote', 'voting', { card: '5' }),
  pokerRow('poker.reveal', 'ceremony.manage', 'voting'),
  pokerRow('poker.revote', 'ceremony.manage', 'revealed'),
  pokerRow('poker.accept', 'ceremony.manage', 'revealed', { card: '5' }),
  pokerRow('poker.next', 'ceremony.manage', 'accepted'),
  pokerRow('poker.skip', 'ceremony.manage', 'voting'),
  pokerRow('poker.end', 'ceremony.manage', 'voting'),
];

/** Every socket message of every gateway; later features append theirs. */
export const SOCKET_ROWS: SocketRow[] = [
  {
    message: '/realtime subscribe',
    expected: socketTeamAction('team.read'),
    build: (c) => ({ teamId: c.team.id }),
  },
  {
    // Leaving a room you were never in is harmless and says nothing about the team.
    message: '/realtime unsubscribe',
    expected: socketOwn(),
    build: (c) => ({ teamId: c.team.id }),
  },
  ...POKER_SOCKET_ROWS,
  ...CEREMONY_SOCKET_ROWS,
];

export type { Expected };
