import { Injectable } from '@nestjs/common';
import { BacklogAccess } from '../backlog/backlog-access';
import { BacklogItemsService } from '../backlog/items/backlog-items.service';
import { LabelsService } from '../backlog/labels/labels.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { toEnvelope } from '../events/event-log';
import { EventsReader } from '../events/events.reader';
import type { Actor } from '../identity/actor';
import { TeamsService } from '../identity/teams/teams.service';
import { SprintsService } from '../sprint/sprints.service';
import { EXPORT_FORMAT, EXPORT_VERSION } from './team-export.format';

const PAGE = 200;
const EVENT_PAGE = 1000;

/**
 * A whole team as one JSON document, written as it is read: the small parts first, then the
 * items page by page in backlog order, then every event of the log page by page. Memory stays
 * bounded by a page whatever the team's size. Everything is read through the owning modules'
 * services, with the caller's rights; authorization happens before the first byte.
 */
@Injectable()
export class TeamExportService {
  constructor(
    private readonly access: BacklogAccess,
    private readonly teams: TeamsService,
    private readonly items: BacklogItemsService,
    private readonly labels: LabelsService,
    private readonly sprints: SprintsService,
    private readonly events: EventsReader,
    private readonly clock: Clock,
  ) {}

  async export(actor: Actor, teamId: string): Promise<AsyncGenerator<string>> {
    await this.access.team(actor, teamId, 'team.read');
    const [team, members, labels, sprints] = await Promise.all([
      this.teams.get(actor, teamId),
      this.teams.members(actor, teamId),
      this.labels.list(actor, teamId),
      this.sprints.list(actor, teamId).catch((error: unknown) => {
        // A Kanban team has no sprints.
        if (error instanceof DomainError && error.kind !== 'not_found') return [];
        throw error;
      }),
    ]);
    const head = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: this.clock.now().toISOString(),
      team,
      members,
      labels,
      sprints,
    };
    return this.write(actor, teamId, head);
  }

  private async *write(actor: Actor, teamId: string, head: object): AsyncGenerator<string> {
    const json = JSON.stringify(head);
    yield `${json.slice(0, -1)},"items":[`;
    let cursor: string | undefined;
    let first = true;
    do {
      const page = await this.items.list(actor, teamId, {
        limit: PAGE,
        cursor,
        includeArchived: true,
      });
      for (const item of page.items) {
        yield (first ? '' : ',') + JSON.stringify(item);
        first = false;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    yield '],"events":[';
    let after = 0;
    first = true;
    for (;;) {
      const rows = await this.events.after(teamId, after, EVENT_PAGE);
      for (const row of rows) {
        yield (first ? '' : ',') + JSON.stringify(toEnvelope(row));
        first = false;
      }
      if (rows.length < EVENT_PAGE) break;
      after = Number(rows[rows.length - 1].seq);
    }
    yield ']}\n';
  }
}
