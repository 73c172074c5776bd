import { Injectable } from '@nestjs/common';
import { GoneError } from '../common/errors/domain-error';
import { RuntimeConfig } from '../config/runtime-config';
import { AccessPolicy } from '../identity/access/access.policy';
import { Actor } from '../identity/actor';
import { EventEnvelope } from './event-catalogue';
import { toEnvelope } from './event-log';
import { EventsRepository } from './events.repository';

export interface EventPage {
  events: EventEnvelope[];
  /** Pass as `after` to get the next page; null when you are up to date. */
  nextCursor: string | null;
  /** The team's current seq when the page was read. */
  currentSeq: number;
}

/** Catch-up from the event log, shared by REST and the socket `subscribe` message. */
@Injectable()
export class EventsService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly events: EventsRepository,
    private readonly config: RuntimeConfig,
  ) {}

  async page(actor: Actor, teamId: string, after: number, limit: number): Promise<EventPage> {
    await this.access.requireTeamPermission(actor, teamId, 'team.read');
    const current = await this.checkCursor(teamId, after);
    const rows = await this.events.after(teamId, after, limit);
    const events = rows.map(toEnvelope);
    const last = events.at(-1)?.seq ?? after;
    return { events, nextCursor: last < current ? String(last) : null, currentSeq: current };
  }

  /** Throws 410 when `after` is too old to replay or beyond the log; returns the current seq. */
  async checkCursor(teamId: string, after: number): Promise<number> {
    const { current, oldestResumable } = await this.events.cursorBounds(
      teamId,
      this.config.eventRetentionDays,
    );
    if (after > current) {
      throw new GoneError(
        'cursor-invalid',
        `Seq ${after} is beyond this team's log (at ${current}): reload the team`,
        {
          currentSeq: current,
        },
      );
    }
    if (after < oldestResumable) {
      throw new GoneError(
        'cursor-expired',
        `Events after seq ${after} are older than the ${this.config.eventRetentionDays}-day catch-up window: reload the team`,
        { currentSeq: current },
      );
    }
    return current;
  }
}
