import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { TransactionService } from '../database/transaction.service';
import { EventsReader } from '../events/events.reader';
import { addDays, localDate, startOfDay } from '../common/dates';
import { INTL_LOCALE, type Lang } from '../i18n/locale';
import type { Terms } from '../i18n/vocabulary';
import { Vocabulary } from '../i18n/vocabulary.service';
import { digestLine } from './digest-lines';
import { langOf } from './notification-delivery';
import { DEFAULT_DIGEST_TIME, DEFAULT_TIMEZONE } from './notification-kinds';
import { NotificationMailer } from './notification-mailer';
import { toNotificationDto } from './notification.mapper';
import { NotificationSources, type RecipientRow, type TeamInfoRow } from './notification-sources';
import { MAIL_TEXTS } from './notification-texts';
import { WorkdaysService } from '../workdays/workdays.service';
import { NotificationsRepository } from './notifications.repository';
import { occurrencesBetween } from './occurrences';

export interface Digest {
  forYou: string[];
  changes: string[];
  due: string[];
  ceremonies: string[];
}

/**
 * The daily digest: at the person's time in their zone, on their days. It tells what changed
 * in their teams since the previous digest (yesterday's, or the last working day's on a
 * Monday), each change once: what was already theirs in "for you" is not repeated among the
 * changes, and the window starts where the previous digest stopped. It is claimed per
 * (person, local day) in the transaction that enqueues it, so it goes out at most once.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('DigestService');

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly sources: NotificationSources,
    private readonly mailer: NotificationMailer,
    private readonly tx: TransactionService,
    private readonly workdays: WorkdaysService,
    private readonly events: EventsReader,
    private readonly vocabulary: Vocabulary,
  ) {}

  /** Sends every digest due at `now`; the number enqueued. */
  async sendDue(now: Date): Promise<number> {
    let sent = 0;
    for (const candidate of await this.sources.digestCandidates()) {
      const settings = await this.repo.settings(candidate.user_id);
      const tz = settings?.timezone ?? candidate.team_timezone ?? DEFAULT_TIMEZONE;
      const time = settings?.digest_time ?? DEFAULT_DIGEST_TIME;
      const local = DateTime.fromJSDate(now, { zone: tz });
      if (local.toFormat('HH:mm') < time) continue;
      const day = localDate(now, tz);
      // Sent already today: the usual case for the rest of the day, answered by one lookup.
      if (await this.repo.claimed(`digest:${candidate.user_id}:${day}`)) continue;
      // Chosen days are taken as they are; without a choice, the working days of the person's
      // first team (weekdays, holidays, the patron day and closures of src/workdays).
      const due = settings
        ? settings.digest_days.includes(local.weekday)
        : (await this.workdays.forTeam(candidate.team_id)).isWorkingDay(day);
      if (!due) continue;
      try {
        if (await this.send(candidate.user_id, day, tz, now)) sent += 1;
      } catch (error) {
        this.logger.error(`Digest of user ${candidate.user_id} failed: ${String(error)}`);
      }
    }
    return sent;
  }

  /** The digest of one person for one local day; false when it was sent already or is empty. */
  async send(userId: string, day: string, tz: string, now: Date): Promise<boolean> {
    const [user] = await this.sources.users([userId]);
    if (!user) return false;
    const teams = await this.sources.teamsOf(userId);
    const windowEnd = startOfDay(day, tz);
    const windowStart = (await this.repo.lastDigestEnd(userId)) ?? startOfDay(addDays(day, -1), tz);
    const lang = langOf(user, teams[0]);
    return this.tx.run(async (m) => {
      if (!(await this.repo.claim(m, `digest:${userId}:${day}`, userId, windowEnd))) return false;
      const mine = await this.repo.undigested(m, userId, windowEnd);
      await this.repo.markDigested(
        m,
        mine.map((n) => n.id),
        now,
      );
      const digest = await this.build(user, teams, lang, day, tz, windowStart, windowEnd, mine);
      const empty = Object.values(digest).every((lines: string[]) => lines.length === 0);
      if (empty) return false;
      const t = MAIL_TEXTS[lang];
      const date = new Intl.DateTimeFormat(INTL_LOCALE[lang], {
        timeZone: tz,
        dateStyle: 'full',
      }).format(windowEnd);
      const nothing = [t.nothing];
      await this.mailer.enqueue(m, {
        key: `digest:${userId}:${day}`,
        to: user.email,
        userId,
        workspaceId: teams[0]?.workspace_id ?? null,
        locale: lang,
        kind: 'digest',
        subject: t.digestSubject(date),
        blocks: [
          t.digestIntro,
          ...(digest.forYou.length ? [{ heading: t.forYou, lines: digest.forYou }] : []),
          { heading: t.changes, lines: digest.changes.length ? digest.changes : nothing },
          ...(digest.due.length ? [{ heading: t.due, lines: digest.due }] : []),
          { heading: t.ceremonies, lines: digest.ceremonies.length ? digest.ceremonies : nothing },
        ],
        link: '/',
        team: '',
        unsubscribe: { userId, kind: 'digest', teamId: null },
      });
      return true;
    });
  }

  async build(
    user: RecipientRow,
    teams: TeamInfoRow[],
    lang: Lang,
    day: string,
    tz: string,
    from: Date,
    to: Date,
    mine: Parameters<typeof toNotificationDto>[0][],
  ): Promise<Digest> {
    const teamIds = teams.map((t) => t.id);
    const named = (teamId: string, line: string) =>
      teams.length > 1 ? `${teams.find((t) => t.id === teamId)?.name ?? ''}: ${line}` : line;
    const told = new Set(mine.map((n) => n.event_id).filter(Boolean));
    const events = (await this.events.ofTeamsBetween(teamIds, from, to)).filter(
      (e) => e.actor_id !== user.id && !told.has(e.id),
    );
    const actors = new Map(
      (
        await this.sources.users([...new Set(events.map((e) => e.actor_id ?? ''))].filter(Boolean))
      ).map((u) => [u.id, u.display_name]),
    );
    const itemIds = new Set<string>();
    for (const e of events) {
      const d = e.data as unknown as Record<string, unknown>;
      const c = d.comment as { targetType?: string; targetId?: string } | undefined;
      if (typeof d.itemId === 'string') itemIds.add(`${e.team_id}/${d.itemId}`);
      if (c?.targetType === 'backlog_item' && c.targetId) itemIds.add(`${e.team_id}/${c.targetId}`);
    }
    const titles = new Map<string, string>();
    for (const key of itemIds) {
      const [teamId, id] = key.split('/');
      const item = await this.sources.item(teamId, id);
      if (item) titles.set(key, item.title);
    }
    const vocabularies = new Map<string, Terms>();
    for (const id of teamIds) vocabularies.set(id, await this.vocabulary.terms(id, lang));
    const termsOf = (teamId: string) => vocabularies.get(teamId) ?? this.vocabulary.defaults(lang);
    const someone = lang === 'it' ? 'qualcuno' : 'someone';
    const context = {
      actor: (id: string | null) => (id ? (actors.get(id) ?? someone) : someone),
      itemTitle: (teamId: string, id: string) => titles.get(`${teamId}/${id}`),
      terms: termsOf,
    };
    const changes = events.flatMap((e) => {
      const line = digestLine(e, lang, context);
      return line ? [named(e.team_id, line)] : [];
    });
    const date = (d: string) =>
      new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${d}T00:00:00Z`),
      );
    const t = MAIL_TEXTS[lang];
    const due = (await this.sources.due(user.id, teamIds, day)).map((d) =>
      named(
        d.team_id,
        d.kind === 'sprint_end'
          ? t.dueSprint(termsOf(d.team_id).sprint, d.title, date(d.due))
          : t.dueAction(d.title, date(d.due)),
      ),
    );
    const dayStart = startOfDay(day, tz);
    const dayEnd = startOfDay(addDays(day, 1), tz);
    const time = new Intl.DateTimeFormat(INTL_LOCALE[lang], {
      timeZone: tz,
      hour: '2-digit',
      minute: '2-digit',
    });
    const ceremonies = occurrencesBetween(
      await this.sources.ceremonies(dayStart, dayEnd, teamIds),
      dayStart,
      dayEnd,
    ).map((o) => named(o.ceremony.team_id, `${time.format(o.startsAt)} ${o.ceremony.title}`));
    return {
      forYou: mine.map((n) => named(n.team_id, toNotificationDto(n, lang).text)),
      changes,
      due,
      ceremonies,
    };
  }
}
