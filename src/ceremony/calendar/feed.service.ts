import { Injectable } from '@nestjs/common';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { NotFoundError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { newSecret, sha256 } from '../../identity/auth/secrets';
import type { Actor } from '../../identity/actor';
import { CeremonyAccess } from '../ceremony-access';
import { ceremonyTexts } from '../calendar-texts';
import { CeremonyRepository } from '../ceremony.repository';
import type { FeedDto } from '../dto/ceremony.dto';

export const FEED_TOKEN_PREFIX = 'ritmo_cal_';

/**
 * The iCalendar feed of a team's ceremonies. Calendar apps cannot send a bearer token, so each
 * member gets a secret feed URL (the token stored as its SHA-256, like API tokens); rotating
 * replaces it, revoking deletes it, and leaving the team ends it too.
 */
@Injectable()
export class FeedService {
  constructor(
    private readonly access: CeremonyAccess,
    private readonly repo: CeremonyRepository,
    private readonly tx: TransactionService,
  ) {}

  async rotate(actor: Actor, teamId: string, baseUrl: string): Promise<FeedDto> {
    await this.access.team(actor, teamId, 'ceremony.participate');
    const { secret, hash } = newSecret(FEED_TOKEN_PREFIX);
    await this.tx.run((m) => this.repo.saveFeed(m, teamId, actor.userId, hash));
    return {
      url: `${baseUrl}/api/v1/teams/${teamId}/calendar.ics?token=${encodeURIComponent(secret)}`,
      token: secret,
    };
  }

  async revoke(actor: Actor, teamId: string): Promise<void> {
    await this.access.team(actor, teamId, 'ceremony.participate');
    const deleted = await this.tx.run((m) => this.repo.deleteFeed(m, teamId, actor.userId));
    if (!deleted) throw new NotFoundError('Calendar feed');
  }

  /** Public: the token is the only credential; anything wrong is the same 404. */
  async ics(teamId: string, token: string | undefined): Promise<string> {
    const owner =
      typeof token === 'string' && token.startsWith(FEED_TOKEN_PREFIX) && token.length < 200
        ? await this.repo.feedOwner(teamId, sha256(token))
        : undefined;
    const team = owner ? await this.repo.team(teamId) : undefined;
    if (!team) throw new NotFoundError('Calendar feed');
    const calendar = ical({
      name: ceremonyTexts.feedName(team.locale, team.name),
      prodId: { company: 'ritmo', product: 'ceremonies', language: team.locale.toUpperCase() },
      method: ICalCalendarMethod.PUBLISH,
      // No calendar-wide zone: ical-generator would then write DTSTAMP as local time, and RFC 5545
      // wants it in UTC (Z). Each event's TZID still brings its VTIMEZONE.
      timezone: { name: null, generator: getVtimezoneComponent },
      ttl: 60 * 30,
    });
    for (const row of await this.repo.ceremonies(teamId)) {
      // A luxon DateTime in the ceremony's zone: DTSTART;TZID=… with the local wall-clock time.
      const local = (d: Date) => DateTime.fromJSDate(d, { zone: row.timezone });
      calendar.createEvent({
        id: `${row.id}@ritmo`,
        sequence: row.version,
        start: local(row.starts_at),
        end: local(row.ends_at),
        timezone: row.timezone,
        summary: row.title,
        description: row.agenda || null,
        status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        repeating: row.recurrence
          ? repeating(row.recurrence, row.excluded_starts, row.timezone)
          : null,
      });
    }
    return calendar.toString();
  }
}

/** The RRULE line, and an EXDATE line in the ceremony's zone for occurrences that do not happen. */
function repeating(rule: string, excluded: Date[], zone: string): string {
  if (excluded.length === 0) return `RRULE:${rule}`;
  const local = excluded.map((d) => DateTime.fromJSDate(d, { zone }).toFormat("yyyyMMdd'T'HHmmss"));
  return `RRULE:${rule}\r\nEXDATE;TZID=${zone}:${local.join(',')}`;
}
