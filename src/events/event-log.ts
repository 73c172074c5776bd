import { query } from '../database/sql';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { TransactionService } from '../database/transaction.service';
import { EventBus } from './event-bus';
import { EventCatalogue, EventEnvelope, EventType } from './event-catalogue';

export interface AppendEvent<T extends EventType> {
  teamId: string;
  type: T;
  actorId: string | null;
  data: EventCatalogue[T];
}

export interface EventRow {
  seq: string;
  id: string;
  team_id: string;
  type: EventType;
  occurred_at: Date;
  actor_id: string | null;
  data: EventCatalogue[EventType];
}

export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    seq: Number(row.seq),
    id: row.id,
    teamId: row.team_id,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    data: row.data,
  };
}

/**
 * The team's event log. `append` runs inside the caller's transaction: bumping the team's
 * counter takes the team row lock, so seqs are gapless and in commit order per team. The event
 * is published only after COMMIT. `occurred_at` comes from the injectable Clock (not the
 * database's now()) so that reports, which bucket events by day, can be tested day by day.
 */
@Injectable()
export class EventLog {
  constructor(
    private readonly tx: TransactionService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  async append<T extends EventType>(
    m: EntityManager,
    event: AppendEvent<T>,
  ): Promise<EventEnvelope<T>> {
    const rows = await query<EventRow>(
      m,
      `WITH next AS (
         UPDATE teams SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq
       )
       INSERT INTO events (team_id, seq, type, actor_id, data, occurred_at)
       SELECT $1, next.event_seq, $2, $3, $4, $5 FROM next
       RETURNING seq, id, team_id, type, occurred_at, actor_id, data`,
      [event.teamId, event.type, event.actorId, JSON.stringify(event.data), this.clock.now()],
    );
    if (rows.length !== 1) throw new Error(`EventLog.append: team ${event.teamId} does not exist`);
    const envelope = toEnvelope(rows[0]) as EventEnvelope<T>;
    this.tx.afterCommit(m, () => this.bus.publish(envelope));
    return envelope;
  }
}
