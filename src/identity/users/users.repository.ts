import { query } from '../../database/sql';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: 'it' | 'en' | null;
  is_instance_admin: boolean;
  created_at: Date;
  version: number;
}

const FIRST_USER_LOCK = 7_372_001;

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByEmail(email: string, m?: EntityManager): Promise<UserRow | undefined> {
    const rows = await query<UserRow>(
      m ?? this.dataSource,
      'SELECT * FROM users WHERE email = $1',
      [email],
    );
    return rows[0];
  }

  async findById(id: string, m?: EntityManager): Promise<UserRow | undefined> {
    const rows = await query<UserRow>(m ?? this.dataSource, 'SELECT * FROM users WHERE id = $1', [
      id,
    ]);
    return rows[0];
  }

  /** Undefined when the email is taken. */
  async insert(
    m: EntityManager,
    user: { email: string; displayName: string; passwordHash: string; isInstanceAdmin?: boolean },
  ): Promise<UserRow | undefined> {
    const rows = await query<UserRow>(
      m,
      `INSERT INTO users (email, display_name, password_hash, is_instance_admin)
       VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING *`,
      [user.email, user.displayName, user.passwordHash, user.isInstanceAdmin ?? false],
    );
    return rows[0];
  }

  async setPassword(m: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await query(
      m,
      `UPDATE users SET password_hash = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
      [userId, passwordHash],
    );
  }

  async update(
    m: EntityManager,
    userId: string,
    changes: { displayName?: string; locale?: 'it' | 'en' },
  ): Promise<UserRow | undefined> {
    const rows = await query<UserRow>(
      m,
      `UPDATE users SET display_name = COALESCE($2::text, display_name), locale = COALESCE($3::text, locale),
              updated_at = now(), version = version + 1
        WHERE id = $1 RETURNING *`,
      [userId, changes.displayName ?? null, changes.locale ?? null],
    );
    return rows[0];
  }

  async setInstanceAdmin(m: EntityManager, userId: string): Promise<void> {
    await query(m, `UPDATE users SET is_instance_admin = true, updated_at = now() WHERE id = $1`, [
      userId,
    ]);
  }

  /**
   * The number of users, under a transaction-scoped lock: two first-run setups at once
   * count one after the other, so only the first finds none.
   */
  async countForFirstUser(m: EntityManager): Promise<number> {
    await query(m, 'SELECT pg_advisory_xact_lock($1)', [FIRST_USER_LOCK]);
    const rows = await query<{ n: number }>(m, 'SELECT count(*)::int AS n FROM users');
    return rows[0].n;
  }

  async count(): Promise<number> {
    const rows = await query<{ n: string }>(this.dataSource, 'SELECT count(*) AS n FROM users');
    return Number(rows[0].n);
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
