import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { NotificationChannel, NotificationKind } from './notification-kinds';

export interface NotificationRow {
  id: string;
  user_id: string;
  team_id: string;
  kind: NotificationKind;
  source_key: string;
  event_id: string | null;
  actor_id: string | null;
  subject_type: string;
  subject_id: string;
  title: string;
  data: Record<string, unknown>;
  channel: Exclude<NotificationChannel, 'off'>;
  created_at: Date;
  read_at: Date | null;
  digested_at: Date | null;
  /** Microseconds since the epoch, as text: the cursor keeps PostgreSQL's full precision. */
  created_micros: string;
}

export interface NewNotification {
  userId: string;
  teamId: string;
  kind: NotificationKind;
  sourceKey: string;
  eventId: string | null;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  title: string;
  data: Record<string, unknown>;
  channel: Exclude<NotificationChannel, 'off'>;
  createdAt: Date;
}

export interface NotificationCursor {
  createdMicros: string;
  id: string;
}

export interface PreferenceRow {
  team_id: string | null;
  kind: NotificationKind;
  channel: NotificationChannel;
}

export interface SettingsRow {
  user_id: string;
  digest_time: string;
  timezone: string;
  digest_days: number[];
  version: number;
}

const COLUMNS = `id, user_id, team_id, kind, source_key, event_id, actor_id, subject_type, subject_id,
  title, data, channel, created_at, read_at, digested_at,
  (extract(epoch from created_at) * 1000000)::bigint::text AS created_micros`;

/** Every query of the notification tables (owned by this module). */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Undefined when this (source, recipient, kind) was notified already: a replay adds nothing. */
  async insert(m: EntityManager, n: NewNotification): Promise<NotificationRow | undefined> {
    const [row] = await query<NotificationRow>(
      m,
      `INSERT INTO notifications (user_id, team_id, kind, source_key, event_id, actor_id,
         subject_type, subject_id, title, data, channel, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        n.userId,
        n.teamId,
        n.kind,
        n.sourceKey,
        n.eventId,
        n.actorId,
        n.subjectType,
        n.subjectId,
        n.title,
        JSON.stringify(n.data),
        n.channel,
        n.createdAt,
      ],
    );
    return row;
  }

  /** Newest first. */
  async page(
    userId: string,
    filter: { unread: boolean },
    after: NotificationCursor | undefined,
    limit: number,
  ): Promise<NotificationRow[]> {
    return query<NotificationRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM notifications
        WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
          AND ($3::bigint IS NULL
               OR ((extract(epoch from created_at) * 1000000)::bigint, id) < ($3::bigint, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [userId, filter.unread, after?.createdMicros ?? null, after?.id ?? null, limit],
    );
  }

  async unreadCount(userId: string, m?: EntityManager): Promise<number> {
    const [row] = await query<{ n: string }>(
      m ?? this.dataSource,
      `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(row.n);
  }

  async find(userId: string, id: string): Promise<NotificationRow | undefined> {
    const [row] = await query<NotificationRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND id = $2`,
      [userId, id],
    );
    return row;
  }

  /** Marks one read (a second time changes nothing: read_at stays the first time). */
  async markRead(
    m: EntityManager,
    userId: string,
    id: string,
    at: Date,
  ): Promise<NotificationRow | undefined> {
    const [row] = await query<NotificationRow>(
      m,
      `UPDATE notifications SET read_at = COALESCE(read_at, $3)
        WHERE user_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [userId, id, at],
    );
    return row;
  }

  async markAllRead(m: EntityManager, userId: string, at: Date): Promise<string[]> {
    const rows = await query<{ id: string }>(
      m,
      `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
      [userId, at],
    );
    return rows.map((r) => r.id);
  }

  async preferences(userId: string, m?: EntityManager): Promise<PreferenceRow[]> {
    return query<PreferenceRow>(
      m ?? this.dataSource,
      `SELECT team_id, kind, channel FROM notification_preferences WHERE user_id = $1
        ORDER BY team_id NULLS FIRST, kind`,
      [userId],
    );
  }

  async setPreference(
    m: EntityManager,
    userId: string,
    teamId: string | null,
    kind: NotificationKind,
    channel: NotificationChannel,
  ): Promise<void> {
    await query(
      m,
      `INSERT INTO notification_preferences (user_id, team_id, kind, channel)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT notification_preferences_key
       DO UPDATE SET channel = EXCLUDED.channel, updated_at = now()`,
      [userId, teamId, kind, channel],
    );
  }

  /** Drops a team's own choice for a kind, so the choice for every team applies again. */
  async clearPreference(
    m: EntityManager,
    userId: string,
    teamId: string,
    kind: NotificationKind,
  ): Promise<void> {
    await query(
      m,
      `DELETE FROM notification_preferences WHERE user_id = $1 AND team_id = $2 AND kind = $3`,
      [userId, teamId, kind],
    );
  }

  async settings(userId: string, m?: EntityManager): Promise<SettingsRow | undefined> {
    const [row] = await query<SettingsRow>(
      m ?? this.dataSource,
      `SELECT user_id, digest_time, timezone, digest_days, version
         FROM notification_settings WHERE user_id = $1`,
      [userId],
    );
    return row;
  }

  async saveSettings(
    m: EntityManager,
    userId: string,
    s: { digestTime: string; timezone: string; digestDays: number[] },
  ): Promise<SettingsRow> {
    const [row] = await query<SettingsRow>(
      m,
      `INSERT INTO notification_settings (user_id, digest_time, timezone, digest_days)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET digest_time = EXCLUDED.digest_time,
         timezone = EXCLUDED.timezone, digest_days = EXCLUDED.digest_days,
         updated_at = now(), version = notification_settings.version + 1
       RETURNING user_id, digest_time, timezone, digest_days, version`,
      [userId, s.digestTime, s.timezone, s.digestDays],
    );
    return row;
  }

  /**
   * Claims a run (one reminder of one occurrence, one digest of one day) for this instance:
   * whoever inserts the key first sends it, in the transaction that enqueues what it sends.
   */
  async claim(
    m: EntityManager,
    key: string,
    userId: string | null,
    windowEnd: Date | null,
  ): Promise<boolean> {
    const rows = await query<{ key: string }>(
      m,
      `INSERT INTO notification_runs (key, user_id, window_end) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, userId, windowEnd],
    );
    return rows.length === 1;
  }

  async claimed(key: string): Promise<boolean> {
    const rows = await query(this.dataSource, `SELECT 1 FROM notification_runs WHERE key = $1`, [
      key,
    ]);
    return rows.length > 0;
  }

  /**
   * The sweep's watermark, locked for this transaction: one instance sweeps at a time, the
   * others skip (SKIP LOCKED) rather than wait. Undefined when another instance holds it.
   */
  async lockSweep(m: EntityManager, start: Date): Promise<Date | undefined> {
    await query(
      m,
      `INSERT INTO notification_runs (key, window_end) VALUES ('sweep', $1)
       ON CONFLICT (key) DO NOTHING`,
      [start],
    );
    const [row] = await query<{ window_end: Date }>(
      m,
      `SELECT window_end FROM notification_runs WHERE key = 'sweep' FOR UPDATE SKIP LOCKED`,
    );
    return row?.window_end;
  }

  async moveSweep(m: EntityManager, to: Date): Promise<void> {
    await query(m, `UPDATE notification_runs SET window_end = $1 WHERE key = 'sweep'`, [to]);
  }

  /** Where the user's last digest stopped: the next one starts there, so nothing is told twice. */
  async lastDigestEnd(userId: string, m?: EntityManager): Promise<Date | undefined> {
    const [row] = await query<{ window_end: Date }>(
      m ?? this.dataSource,
      `SELECT window_end FROM notification_runs
        WHERE user_id = $1 AND window_end IS NOT NULL ORDER BY window_end DESC LIMIT 1`,
      [userId],
    );
    return row?.window_end;
  }

  /** The digest-channel notifications not yet in a digest, oldest first. */
  async undigested(m: EntityManager, userId: string, before: Date): Promise<NotificationRow[]> {
    return query<NotificationRow>(
      m,
      `SELECT ${COLUMNS} FROM notifications
        WHERE user_id = $1 AND channel = 'digest' AND digested_at IS NULL AND created_at < $2
        ORDER BY created_at, id FOR UPDATE`,
      [userId, before],
    );
  }

  async markDigested(m: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await query(m, `UPDATE notifications SET digested_at = $2 WHERE id = ANY($1::uuid[])`, [
      ids,
      at,
    ]);
  }
}
