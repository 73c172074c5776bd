import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { Clock } from '../common/clock';
import { RuntimeConfig } from '../config/runtime-config';
import { TransactionService } from '../database/transaction.service';
import { requireScope } from '../identity/access/access.policy';
import type { Actor } from '../identity/actor';
import type { Lang } from '../i18n/locale';
import type {
  ListNotificationsQuery,
  MarkedReadDto,
  NotificationDto,
  NotificationPageDto,
  PreferencesDto,
  UnsubscribedDto,
  UpdatePreferencesDto,
} from './dto/notification.dto';
import {
  DEFAULT_CHANNELS,
  DEFAULT_DIGEST_DAYS,
  DEFAULT_DIGEST_TIME,
  DEFAULT_TIMEZONE,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from './notification-kinds';
import { toNotificationDto } from './notification.mapper';
import { NotificationSources } from './notification-sources';
import { NotificationCursor, NotificationsRepository } from './notifications.repository';
import { NotificationsGateway } from './notifications.gateway';
import { channelFor } from './preferences';
import { verifyUnsubscribe } from './unsubscribe-links';

const CURSOR = /^(\d{1,20}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function encodeCursor(c: NotificationCursor): string {
  return Buffer.from(`${c.createdMicros}:${c.id}`).toString('base64url');
}

function decodeCursor(text: string): NotificationCursor | undefined {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString());
  return match ? { createdMicros: match[1], id: match[2] } : undefined;
}

/**
 * A person's own notifications and preferences: nobody else's are ever reachable (every query
 * is by the caller's id), so there is no team policy to ask; writes need a write scope.
 * These rows are the person's, not the team's: they append no team event, and reach the
 * person's other tabs through their own socket room.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly sources: NotificationSources,
    private readonly gateway: NotificationsGateway,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly config: RuntimeConfig,
  ) {}

  async list(actor: Actor, q: ListNotificationsQuery, lang: Lang): Promise<NotificationPageDto> {
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (q.cursor !== undefined && after === undefined) {
      throw new ValidationFailedError([
        { field: 'cursor', message: 'is not a cursor returned by this list (nextCursor)' },
      ]);
    }
    const limit = q.limit ?? 30;
    const rows = await this.repo.page(
      actor.userId,
      { unread: q.unread ?? false },
      after,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toNotificationDto(r, lang)),
      nextCursor:
        rows.length > limit
          ? encodeCursor({ createdMicros: last.created_micros, id: last.id })
          : null,
    };
  }

  async unread(actor: Actor): Promise<number> {
    return this.repo.unreadCount(actor.userId);
  }

  async markRead(actor: Actor, id: string, lang: Lang): Promise<NotificationDto> {
    requireScope(actor, true);
    const { row, unread } = await this.tx.run(async (m) => {
      const row = await this.repo.markRead(m, actor.userId, id, this.clock.now());
      if (!row) throw new NotFoundError('Notification', id);
      return { row, unread: await this.repo.unreadCount(actor.userId, m) };
    });
    this.gateway.read(actor.userId, [row.id], unread);
    return toNotificationDto(row, lang);
  }

  async markAllRead(actor: Actor): Promise<MarkedReadDto> {
    requireScope(actor, true);
    const ids = await this.tx.run((m) => this.repo.markAllRead(m, actor.userId, this.clock.now()));
    this.gateway.read(actor.userId, ids, 0);
    return { ids, unread: 0 };
  }

  async preferences(actor: Actor): Promise<PreferencesDto> {
    const [rows, teams, settings] = await Promise.all([
      this.repo.preferences(actor.userId),
      this.sources.teamsOf(actor.userId),
      this.repo.settings(actor.userId),
    ]);
    const everyTeam = NOTIFICATION_KINDS.map((kind) => ({
      kind,
      channel:
        rows.find((r) => r.team_id === null && r.kind === kind)?.channel ?? DEFAULT_CHANNELS[kind],
      defaultChannel: DEFAULT_CHANNELS[kind],
    }));
    return {
      everyTeam,
      teams: teams.map((team) => ({
        teamId: team.id,
        teamName: team.name,
        overrides: Object.fromEntries(
          rows.filter((r) => r.team_id === team.id).map((r) => [r.kind, r.channel]),
        ),
      })),
      digest: {
        digestTime: settings?.digest_time ?? DEFAULT_DIGEST_TIME,
        timezone: settings?.timezone ?? teams[0]?.timezone ?? DEFAULT_TIMEZONE,
        digestDays: settings?.digest_days ?? DEFAULT_DIGEST_DAYS,
      },
    };
  }

  async updatePreferences(actor: Actor, dto: UpdatePreferencesDto): Promise<PreferencesDto> {
    requireScope(actor, true);
    const mine = new Set((await this.sources.teamsOf(actor.userId)).map((t) => t.id));
    const changes = dto.preferences ?? [];
    const errors = changes.flatMap((p, i) =>
      p.teamId && !mine.has(p.teamId.toLowerCase())
        ? [{ field: `preferences.${i}.teamId`, message: 'is not a team of yours' }]
        : [],
    );
    if (errors.length > 0) throw new ValidationFailedError(errors);
    const current = await this.preferences(actor);
    await this.tx.run(async (m) => {
      for (const p of changes) {
        const teamId = p.teamId?.toLowerCase() ?? null;
        if (p.channel === 'default' && teamId)
          await this.repo.clearPreference(m, actor.userId, teamId, p.kind);
        else
          await this.repo.setPreference(
            m,
            actor.userId,
            teamId,
            p.kind,
            p.channel === 'default' ? DEFAULT_CHANNELS[p.kind] : p.channel,
          );
      }
      if (dto.digest)
        await this.repo.saveSettings(m, actor.userId, {
          digestTime: dto.digest.digestTime ?? current.digest.digestTime,
          timezone: dto.digest.timezone ?? current.digest.timezone,
          digestDays: [...(dto.digest.digestDays ?? current.digest.digestDays)].sort(),
        });
    });
    return this.preferences(actor);
  }

  /** Public: the signed token is the credential. Turning off twice is no error. */
  async unsubscribe(token: string): Promise<UnsubscribedDto> {
    const u = verifyUnsubscribe(this.config.jwtSecret, token);
    if (!u) throw new NotFoundError('Unsubscribe link');
    const team = u.teamId ? await this.sources.team(u.teamId) : undefined;
    if (!(await this.sources.users([u.userId])).length || (u.teamId && !team))
      throw new NotFoundError('Unsubscribe link');
    await this.tx.run(async (m) => {
      if (u.kind === 'digest') {
        const settings = await this.repo.settings(u.userId, m);
        await this.repo.saveSettings(m, u.userId, {
          digestTime: settings?.digest_time ?? DEFAULT_DIGEST_TIME,
          timezone: settings?.timezone ?? team?.timezone ?? DEFAULT_TIMEZONE,
          digestDays: [],
        });
      } else await this.repo.setPreference(m, u.userId, u.teamId, u.kind, 'off');
    });
    return { kind: u.kind, teamId: u.teamId, teamName: team?.name ?? null, channel: 'off' };
  }

  /** For the scheduler and the digest: the channel a person chose for a kind in a team. */
  async channel(
    userId: string,
    teamId: string,
    kind: NotificationKind,
  ): Promise<NotificationChannel> {
    return channelFor(await this.repo.preferences(userId), teamId, kind);
  }
}
