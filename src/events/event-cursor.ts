import { Injectable } from '@nestjs/common';
import { GoneError } from '../common/errors/domain-error';
import { RuntimeConfig } from '../config/runtime-config';
import { EventsReader } from './events.reader';

/**
 * Whether a team's log can be resumed after a seq: the rule every reader of the log shares
 * (REST catch-up, socket subscribe, webhook replay and redelivery).
 */
@Injectable()
export class EventCursor {
  constructor(
    private readonly events: EventsReader,
    private readonly config: RuntimeConfig,
  ) {}

  /** Throws 410 when `after` is too old to replay or beyond the log; returns the current seq. */
  async check(teamId: string, after: number): Promise<number> {
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
