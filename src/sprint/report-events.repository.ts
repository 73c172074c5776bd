import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import { LoggedEvent, REPLAYED_TYPES } from './reports/replay';

/**
 * Only the types a replay reads, and of their data only what it reads: a backlog item's event
 * carries its whole description (up to 20,000 characters), a move its ranks and WIP figures.
 * The time comes as epoch milliseconds: parsing thousands of timestamp strings per request was
 * a visible share of a burndown's CPU profile (as was JSON.parse of the data).
 * Exported for the benchmark's bare baseline (bench/servers/sprint-server.ts).
 */
export const REPORT_EVENTS_SQL = `SELECT seq, type, floor(extract(epoch FROM occurred_at) * 1000)::float8 AS at_ms,
         actor_id,
         CASE WHEN type IN ('backlog_item.created', 'backlog_item.updated')
              THEN jsonb_build_object('item', jsonb_build_object(
                     'id', data->'item'->'id', 'estimate', data->'item'->'estimate',
                     'status', data->'item'->'status', 'sprintId', data->'item'->'sprintId'))
              WHEN type = 'board.item_moved'
              THEN jsonb_build_object('itemId', data->'itemId', 'to', data->'to')
              ELSE data END AS data
    FROM events
   WHERE team_id = $1 AND ($2::bigint IS NULL OR seq <= $2) AND type = ANY($3::text[])
     AND ($4::bigint IS NULL OR seq >= $4)
   ORDER BY seq`;

export interface ReportEventRow {
  seq: string;
  type: string;
  at_ms: number;
  actor_id: string | null;
  data: unknown;
}

export const toLoggedEvent = (r: ReportEventRow): LoggedEvent => ({
  seq: Number(r.seq),
  type: r.type,
  occurredAt: new Date(r.at_ms),
  actorId: r.actor_id,
  data: r.data,
});

/** The literal type list lets the planner use the partial index events_sprint_lifecycle. */
export const SPRINT_EVENT_SEQ_SQL = `SELECT seq FROM events
   WHERE team_id = $1 AND type IN ('sprint.started', 'sprint.completed') AND type = $2
     AND data->'sprint'->>'id' = $3
   ORDER BY seq DESC LIMIT 1`;

/** The slice of the event log reports replay. */
@Injectable()
export class ReportEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The events reports replay, in seq order, up to `untilSeq` when given, from `fromSeq` (a
   * sprint's start: the replay learns its items from the snapshot) when given.
   */
  async events(
    teamId: string,
    untilSeq?: number,
    m?: EntityManager,
    fromSeq?: number | null,
  ): Promise<LoggedEvent[]> {
    const rows = await query<ReportEventRow>(m ?? this.dataSource, REPORT_EVENTS_SQL, [
      teamId,
      untilSeq ?? null,
      REPLAYED_TYPES,
      fromSeq ?? null,
    ]);
    return rows.map(toLoggedEvent);
  }

  /** Seq of a sprint's `sprint.started` / `sprint.completed` event. */
  async sprintEventSeq(
    teamId: string,
    sprintId: string,
    type: 'sprint.started' | 'sprint.completed',
    m?: EntityManager,
  ): Promise<number | null> {
    const [row] = await query<{ seq: string }>(m ?? this.dataSource, SPRINT_EVENT_SEQ_SQL, [
      teamId,
      type,
      sprintId,
    ]);
    return row ? Number(row.seq) : null;
  }
}
