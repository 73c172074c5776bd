import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionService } from '../database/transaction.service';
import { DEFAULT_LANG, type Lang } from '../i18n/locale';
import type { NotificationKind } from './notification-kinds';
import { NotificationMailer } from './notification-mailer';
import { linkOf, toNotificationDto } from './notification.mapper';
import { NotificationSources, type RecipientRow, type TeamInfoRow } from './notification-sources';
import { NotificationRow, NotificationsRepository } from './notifications.repository';
import { NotificationsGateway } from './notifications.gateway';
import { channelFor } from './preferences';

export interface NotifyInput {
  teamId: string;
  kind: NotificationKind;
  recipients: (string | null | undefined)[];
  actorId: string | null;
  eventId: string | null;
  /** With the recipient and kind, what makes a notification unique (an event id by default). */
  sourceKey: string;
  subjectType: 'backlog_item' | 'impediment' | 'team' | 'ceremony';
  subjectId: string;
  title: string;
  data?: Record<string, unknown>;
  createdAt: Date;
}

export const langOf = (user: RecipientRow, team?: TeamInfoRow): Lang =>
  user.locale ?? team?.locale ?? DEFAULT_LANG;

/**
 * Turns one thing that happened into notifications: for each recipient (never the actor, only
 * members of the team now) by their preference; one row per (source, recipient, kind), the
 * email of an `email` preference enqueued in the same transaction, and each new notification
 * pushed to its person's room after commit.
 */
@Injectable()
export class NotificationDelivery {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly sources: NotificationSources,
    private readonly mailer: NotificationMailer,
    private readonly gateway: NotificationsGateway,
    private readonly tx: TransactionService,
  ) {}

  async notify(
    n: NotifyInput,
    options: { membersOnly: boolean } = { membersOnly: true },
  ): Promise<NotificationRow[]> {
    const wanted = [...new Set(n.recipients)].filter(
      (id): id is string => typeof id === 'string' && id !== n.actorId,
    );
    if (wanted.length === 0) return [];
    const team = await this.sources.team(n.teamId);
    if (!team) return [];
    const members = options.membersOnly ? await this.sources.members(n.teamId, wanted) : wanted;
    if (members.length === 0) return [];
    const people = await this.sources.users(n.actorId ? [...members, n.actorId] : members);
    const actorName = people.find((p) => p.id === n.actorId)?.display_name ?? null;
    return this.tx.run(async (m) => {
      const created: { row: NotificationRow; user: RecipientRow }[] = [];
      for (const user of people.filter((p) => members.includes(p.id))) {
        const row = await this.one(m, n, user, team, actorName);
        if (row) created.push({ row, user });
      }
      this.tx.afterCommit(m, () => this.push(created, team));
      return created.map((c) => c.row);
    });
  }

  private async one(
    m: EntityManager,
    n: NotifyInput,
    user: RecipientRow,
    team: TeamInfoRow,
    actorName: string | null,
  ): Promise<NotificationRow | undefined> {
    const chosen = channelFor(await this.repo.preferences(user.id, m), n.teamId, n.kind);
    if (chosen === 'off') return undefined;
    // A reminder in tomorrow's digest would be too late: the digest lists the day's ceremonies.
    const channel = n.kind === 'ceremony_starting' && chosen === 'digest' ? 'in_app' : chosen;
    const row = await this.repo.insert(m, {
      userId: user.id,
      teamId: n.teamId,
      kind: n.kind,
      sourceKey: n.sourceKey,
      eventId: n.eventId,
      actorId: n.actorId,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      title: n.title,
      data: { ...n.data, teamName: team.name, actorName },
      channel,
      createdAt: n.createdAt,
    });
    if (!row || channel !== 'email') return row;
    const lang = langOf(user, team);
    const text = toNotificationDto(row, lang).text;
    await this.mailer.enqueue(m, {
      key: `notification:${row.id}`,
      to: user.email,
      userId: user.id,
      workspaceId: team.workspace_id,
      locale: lang,
      kind: n.kind,
      subject: text,
      blocks: [text],
      link: linkOf(row),
      team: team.name,
      unsubscribe: { userId: user.id, kind: n.kind, teamId: n.teamId },
    });
    return row;
  }

  private async push(
    created: { row: NotificationRow; user: RecipientRow }[],
    team: TeamInfoRow,
  ): Promise<void> {
    for (const { row, user } of created) {
      const unread = await this.repo.unreadCount(user.id);
      this.gateway.created(user.id, toNotificationDto(row, langOf(user, team)), unread);
    }
  }
}
