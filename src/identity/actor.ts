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
}
