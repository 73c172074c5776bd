import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../identity/access/access.policy';
import { Actor } from '../identity/actor';
import { EventEnvelope } from '../events/event-catalogue';
import { EventCursor } from '../events/event-cursor';
import { toEnvelope } from '../events/event-log';
import { EventsReader } from '../events/events.reader';

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
    private readonly events: EventsReader,
    private readonly cursor: EventCursor,
  ) {}

  async page(actor: Actor, teamId: string, after: number, limit: number): Promise<EventPage> {
    await this.access.requireTeamPermission(actor, teamId, 'team.read');
    const current = await this.cursor.check(teamId, after);
    const rows = await this.events.after(teamId, after, limit);
    const events = rows.map(toEnvelope);
    const last = events.at(-1)?.seq ?? after;
    return { events, nextCursor: last < current ? String(last) : null, currentSeq: current };
  }
}
