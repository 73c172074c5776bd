import { query } from '../../database/sql';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TokenScope } from '../actor';

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  token_prefix: string;
  scopes: TokenScope[];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

@Injectable()
export class TokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertRefresh(
    m: EntityManager,
    userId: string,
    familyId: string,
    hash: string,
    expiresAt: Date,
  ) {
    await query(
      m,
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [userId, familyId, hash, expiresAt],
    );
  }

  async findRefresh(m: EntityManager, hash: string): Promise<RefreshTokenRow | undefined> {
    const rows = await query<RefreshTokenRow>(
      m,
      `SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  /** False when the token was already used (a concurrent or replayed refresh). */
  async markRefreshUsed(m: EntityManager, id: string): Promise<boolean> {
    const rows = await query<unknown>(
      m,
      `UPDATE refresh_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  async revokeFamily(m: EntityManager | undefined, familyId: string): Promise<void> {
    await query(
      m ?? this.dataSource,
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  /** Every session of the user; returns the families it ended. */
  async revokeAllRefresh(m: EntityManager, userId: string): Promise<string[]> {
    const rows = await query<{ family_id: string }>(
      m,
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL
       RETURNING family_id`,
      [userId],
    );
    return [...new Set(rows.map((row) => row.family_id))];
  }

  /** A session is open while its family holds a refresh token that was not revoked. */
  async isFamilyOpen(familyId: string): Promise<boolean> {
    const rows = await query<unknown>(
      this.dataSource,
      `SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL LIMIT 1`,
      [familyId],
    );
    return rows.length === 1;
  }

  async insertApiToken(
    m: EntityManager,
    token: {
      userId: string;
      name: string;
      prefix: string;
      hash: string;
      scopes: TokenScope[];
      expiresAt: Date | null;
    },
  ): Promise<ApiTokenRow> {
    const rows = await query<ApiTokenRow>(
      m,
      `INSERT INTO api_tokens (user_id, name, token_prefix, token_hash, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, user_id, name, token_prefix, scopes, expires_at, last_used_at, revoked_at, created_at`,
      [token.userId, token.name, token.prefix, token.hash, token.scopes, token.expiresAt],
    );
    return rows[0];
  }

  async findApiTokenByHash(
    hash: string,
  ): Promise<(ApiTokenRow & { display_name: string; is_instance_admin: boolean }) | undefined> {
    const rows = await query<ApiTokenRow & { display_name: string; is_instance_admin: boolean }>(
      this.dataSource,
      `SELECT t.id, t.user_id, t.name, t.token_prefix, t.scopes, t.expires_at, t.last_used_at, t.revoked_at,
              t.created_at, u.display_name, u.is_instance_admin
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  /** Written at most once a minute per token, not on every request. */
  async touchApiToken(id: string): Promise<void> {
    await query(
      this.dataSource,
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  async isApiTokenActive(id: string): Promise<boolean> {
    const rows = await query<unknown>(
      this.dataSource,
      `SELECT 1 FROM api_tokens WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [id],
    );
    return rows.length === 1;
  }

  async listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return query<ApiTokenRow>(
      this.dataSource,
      `SELECT id, user_id, name, token_prefix, scopes, expires_at, last_used_at, revoked_at, created_at
         FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC`,
      [userId],
    );
  }

  async revokeApiToken(m: EntityManager, userId: string, id: string): Promise<boolean> {
    const rows = await query<unknown>(
      m,
      `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
      [id, userId],
    );
    return rows.length === 1;
  }
}
