import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from 'typeorm';
import { UnauthorizedError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { Actor } from '../actor';
import { TokensRepository } from '../tokens/tokens.repository';
import { UserRow } from '../users/users.repository';
import { newSecret, REFRESH_TOKEN_PREFIX, sha256 } from './secrets';
import { SessionRegistry } from './session-registry.service';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

interface AccessClaims {
  sub: string;
  name: string;
  adm: boolean;
  typ: 'access';
  /** The session (refresh-token family): ending it ends this token too. */
  sid: string;
  exp: number;
}

/** Short-lived JWT access tokens and rotating, hashed refresh tokens with reuse detection. */
@Injectable()
export class SessionTokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly tokens: TokensRepository,
    private readonly tx: TransactionService,
    private readonly registry: SessionRegistry,
  ) {}

  async issue(
    m: EntityManager,
    user: UserRow,
    familyId: string = randomUUID(),
  ): Promise<TokenPair> {
    const { secret, hash } = newSecret(REFRESH_TOKEN_PREFIX);
    await this.tokens.insertRefresh(
      m,
      user.id,
      familyId,
      hash,
      new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    );
    const accessToken = await this.jwt.signAsync(
      {
        sub: user.id,
        name: user.display_name,
        adm: user.is_instance_admin,
        typ: 'access',
        sid: familyId,
      },
      { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    );
    return {
      accessToken,
      refreshToken: secret,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  async verifyAccess(token: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw new UnauthorizedError(
        expired ? 'token-expired' : 'invalid-token',
        expired ? 'The access token has expired; refresh it' : 'The access token is invalid',
      );
    }
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string'
    ) {
      throw new UnauthorizedError('invalid-token', 'The access token is invalid');
    }
    if (!(await this.registry.isOpen(claims.sid))) {
      throw new UnauthorizedError(
        'signed-out',
        'This session has ended (signed out, or the password changed): sign in again',
      );
    }
    return {
      userId: claims.sub,
      displayName: claims.name,
      isInstanceAdmin: claims.adm === true,
      via: 'session',
      scopes: ['read', 'write'],
      expiresAt: claims.exp,
      sessionId: claims.sid,
    };
  }

  /**
   * Rotation: each refresh token works once. Presenting one that was already used means it
   * was copied; the whole family (every session descended from that login) is revoked.
   */
  async rotate(
    refreshToken: string,
    load: (m: EntityManager, userId: string) => Promise<UserRow | undefined>,
  ) {
    const invalid = new UnauthorizedError(
      'invalid-refresh-token',
      'The refresh token is invalid or expired',
    );
    const outcome = await this.tx.run(async (m) => {
      const row = await this.tokens.findRefresh(m, sha256(refreshToken));
      if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now())
        return { error: invalid };
      if (row.used_at || !(await this.tokens.markRefreshUsed(m, row.id)))
        return { reused: row.family_id };
      const user = await load(m, row.user_id);
      if (!user) return { error: invalid };
      return { pair: await this.issue(m, user, row.family_id) };
    });
    if ('reused' in outcome && outcome.reused) {
      await this.tokens.revokeFamily(undefined, outcome.reused);
      this.registry.revoked([outcome.reused]);
      throw new UnauthorizedError(
        'refresh-token-reused',
        'This refresh token was already used; every session of this login has been signed out',
      );
    }
    if ('pair' in outcome && outcome.pair) return outcome.pair;
    throw outcome.error ?? invalid;
  }

  async revoke(refreshToken: string): Promise<void> {
    await this.tx.run(async (m) => {
      const row = await this.tokens.findRefresh(m, sha256(refreshToken));
      if (!row) return;
      await this.tokens.revokeFamily(m, row.family_id);
      this.tx.afterCommit(m, () => this.registry.revoked([row.family_id]));
    });
  }

  /**
   * Password set or reset: every session of the user ends, access tokens and sockets included,
   * except `keep` (the session that changed the password, which the caller renews in place).
   */
  async endAll(m: EntityManager, userId: string, keep?: string): Promise<void> {
    const ended = await this.tokens.revokeAllRefresh(m, userId);
    this.tx.afterCommit(m, () => this.registry.revoked(ended.filter((id) => id !== keep)));
  }
}
