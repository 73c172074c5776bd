import { Injectable } from '@nestjs/common';
import { UnauthorizedError } from '../../common/errors/domain-error';
import { Actor } from '../actor';
import { TokensRepository } from '../tokens/tokens.repository';
import { API_TOKEN_PREFIX, sha256 } from './secrets';
import { SessionRegistry } from './session-registry.service';
import { SessionTokensService } from './session-tokens.service';

/** Turns a bearer credential (JWT or API token) into an Actor; shared by REST and sockets. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionTokensService,
    private readonly tokens: TokensRepository,
    private readonly registry: SessionRegistry,
  ) {}

  async authenticate(credential: string): Promise<Actor> {
    if (!credential.startsWith(API_TOKEN_PREFIX)) return this.sessions.verifyAccess(credential);
    const row = await this.tokens.findApiTokenByHash(sha256(credential));
    if (!row) throw new UnauthorizedError('invalid-token', 'The API token is invalid');
    if (row.revoked_at)
      throw new UnauthorizedError('token-revoked', 'The API token has been revoked');
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) {
      throw new UnauthorizedError('token-expired', 'The API token has expired');
    }
    await this.tokens.touchApiToken(row.id);
    return {
      userId: row.user_id,
      displayName: row.display_name,
      isInstanceAdmin: row.is_instance_admin,
      via: 'api_token',
      scopes: row.scopes,
      expiresAt: row.expires_at ? Math.floor(row.expires_at.getTime() / 1000) : null,
      tokenId: row.id,
    };
  }

  /** Still valid? Sockets re-check their credential periodically with this. */
  async stillValid(actor: Actor): Promise<boolean> {
    if (actor.expiresAt !== null && actor.expiresAt * 1000 <= Date.now()) return false;
    if (actor.sessionId) return this.registry.isOpen(actor.sessionId);
    if (actor.via !== 'api_token' || !actor.tokenId) return true;
    return this.tokens.isApiTokenActive(actor.tokenId);
  }
}

export function bearerOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    throw new UnauthorizedError('invalid-token', 'Authorization must be "Bearer <token>"');
  return match[1];
}
