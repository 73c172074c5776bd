import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { LoggedEvent } from './reports/replay';

/** The slice of the event log reports replay. */
@Injectable()
export class ReportEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The events reports replay, in seq order, up to `untilSeq` when given. */
  async events(teamId: string, untilSeq?: number, m?: EntityManager): Promise<LoggedEvent[]> {
    const rows = await query<{
      seq: string;
      type: string;
      occurred_at: Date;
      actor_id: string | null;
      data: unknown;
    }>(
      m ?? this.dataSource,
      `SELECT seq, type, occurred_at, actor_id, data FROM events
        WHERE team_id = $1 AND ($2::bigint IS NULL OR seq <= $2)
          AND (type LIKE 'backlog_item.%' OR type LIKE 'sprint.%' OR type IN ('board.item_moved', 'workflow.status_deleted'))
        ORDER BY seq`,
      [teamId, untilSeq ?? null],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      type: r.type,
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      data: r.data,
    }));
  }

  /** Seq of a sprint's `sprint.started` / `sprint.completed` event. */
  async sprintEventSeq(
    teamId: string,
    sprintId: string,
    type: 'sprint.started' | 'sprint.completed',
    m?: EntityManager,
  ): Promise<number | null> {
    const [row] = await query<{ seq: string }>(
      m ?? this.dataSource,
      `SELECT seq FROM events WHERE team_id = $1 AND type = $2 AND data->'sprint'->>'id' = $3 ORDER BY seq DESC LIMIT 1`,
      [teamId, type, sprintId],
    );
    return row ? Number(row.seq) : null;
  }
}
