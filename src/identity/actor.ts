import { ForbiddenError } from '../common/errors/domain-error';

export type TokenScope = 'read' | 'write';

/** Who is making a request, however they authenticated. */
export interface Actor {
  userId: string;
  displayName: string;
  isInstanceAdmin: boolean;
  via: 'session' | 'api_token';
  scopes: readonly TokenScope[];
  /** Expiry of the credential (seconds since epoch); sockets drop the actor after it. */
  expiresAt: number | null;
  /** The API token used, when `via` is `api_token`. */
  tokenId?: string;
  /** The sign-in session (refresh-token family), when `via` is `session`. */
  sessionId?: string;
}

/**
 * Credentials that make credentials need a person at the keyboard: an API token (possibly
 * leaked from a script) may not mint more tokens or change the password that revokes sessions.
 */
export function requireSession(actor: Actor): void {
  if (actor.via !== 'session') {
    throw new ForbiddenError(
      'session-required',
      'This needs a signed-in session: an API token cannot create API tokens or change the password',
    );
  }
}
