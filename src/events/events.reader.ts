import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { EventCatalogue, EventType } from './event-catalogue';
import { EventRow } from './event-log';

type Runner = DataSource | EntityManager;

/** One event read back from the log: seq a number, the time a Date. */
export interface ReadEvent<T extends EventType = EventType> {
  seq: number;
  type: T;
  occurredAt: Date;
  actorId: string | null;
  data: EventCatalogue[T];
}

/**
 * An event as `compact()` reads it: the data of item events cut down to what a replay of item
 * state reads (see COMPACT_EVENTS_SQL), so it is not the catalogue's shape.
 */
export interface CompactEvent {
  seq: number;
  type: EventType;
  occurredAt: Date;
  actorId: string | null;
  data: unknown;
}

export interface CompactEventRow {
  seq: string;
  type: EventType;
  at_ms: number;
  actor_id: string | null;
  data: unknown;
}

interface ReadRow {
  seq: string;
  type: EventType;
  occurred_at: Date;
  actor_id: string | null;
  data: EventCatalogue[EventType];
}

const ROW = 'seq, id, team_id, type, occurred_at, actor_id, data';

/**
 * Only the types asked for, and of item events only the item's id, estimate, status and sprint
 * (an item's event carries its whole description, up to 20,000 characters; a move its ranks and
 * WIP figures). The time comes as epoch milliseconds: parsing thousands of timestamp strings per
 * request was a visible share of a burndown's CPU profile (as was JSON.parse of the data).
 * Exported for the benchmark's bare baseline (bench/servers/sprint-server.ts).
 * $1 team, $2 last seq or null, $3 types, $4 first seq or null.
 */
export const COMPACT_EVENTS_SQL = `SELECT seq, type, floor(extract(epoch FROM occurred_at) * 1000)::float8 AS at_ms,
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

export const toCompactEvent = (r: CompactEventRow): CompactEvent => ({
  seq: Number(r.seq),
  type: r.type,
  occurredAt: new Date(r.at_ms),
  actorId: r.actor_id,
  data: r.data,
});

/**
 * The literal type list lets the planner use the partial index events_sprint_lifecycle.
 * Exported for the benchmark's bare baseline. $1 team, $2 type, $3 sprint.
 */
export const SPRINT_EVENT_SEQ_SQL = `SELECT seq FROM events
   WHERE team_id = $1 AND type IN ('sprint.started', 'sprint.completed') AND type = $2
     AND data->'sprint'->>'id' = $3
   ORDER BY seq DESC LIMIT 1`;

const toReadEvent = (r: ReadRow): ReadEvent => ({
  seq: Number(r.seq),
  type: r.type,
  occurredAt: r.occurred_at,
  actorId: r.actor_id,
  data: r.data,
});

/**
 * Every read of the `events` table, for every module: the log is the kernel's, so no module
 * writes SQL over it (an event's shape changes here and in the catalogue, nowhere else).
 * Each read takes the caller's transaction when it must see what that transaction wrote.
 */
@Injectable()
export class EventsReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The team's events after a seq, oldest first (catch-up, webhook delivery). */
  async after(
    teamId: string,
    afterSeq: number,
    limit: number,
    m: Runner = this.dataSource,
  ): Promise<EventRow[]> {
    return query<EventRow>(
      m,
      `SELECT ${ROW} FROM events WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [teamId, afterSeq, limit],
    );
  }

  /** Events strictly between two seqs (to fill a gap in live delivery). */
  async between(teamId: string, afterSeq: number, beforeSeq: number): Promise<EventRow[]> {
    return query<EventRow>(
      this.dataSource,
      `SELECT ${ROW} FROM events WHERE team_id = $1 AND seq > $2 AND seq < $3 ORDER BY seq`,
      [teamId, afterSeq, beforeSeq],
    );
  }

  /**
   * An item's story in seq order: the item's own events (created/updated/archived name it,
   * a ranking lists it among its moves) and comments on it.
   */
  async forItem(teamId: string, itemId: string): Promise<ReadEvent[]> {
    const rows = await query<ReadRow>(
      this.dataSource,
      `SELECT seq, type, occurred_at, actor_id, data FROM events
        WHERE team_id = $1
          AND ((type LIKE 'backlog_item.%'
                AND (data->>'itemId' = $2 OR data->'item'->>'id' = $2
                     OR data->'moves' @> jsonb_build_array(jsonb_build_object('itemId', $2::text))))
            OR (type LIKE 'comment.%'
                AND coalesce(data->'comment', data) @> jsonb_build_object(
                      'targetType', 'backlog_item', 'targetId', $2::text)))
        ORDER BY seq`,
      [teamId, itemId],
    );
    return rows.map(toReadEvent);
  }

  /**
   * The team's events of these types in seq order, compacted (COMPACT_EVENTS_SQL), within
   * `[fromSeq, untilSeq]` (either end open when not given): what reports replay.
   */
  async compact(
    teamId: string,
    types: readonly EventType[],
    span: { fromSeq?: number | null; untilSeq?: number | null } = {},
    m: Runner = this.dataSource,
  ): Promise<CompactEvent[]> {
    const rows = await query<CompactEventRow>(m, COMPACT_EVENTS_SQL, [
      teamId,
      span.untilSeq ?? null,
      types,
      span.fromSeq ?? null,
    ]);
    return rows.map(toCompactEvent);
  }

  /** Seq of a sprint's latest `sprint.started` / `sprint.completed` event, if any. */
  async sprintEventSeq(
    teamId: string,
    sprintId: string,
    type: 'sprint.started' | 'sprint.completed',
    m: Runner = this.dataSource,
  ): Promise<number | null> {
    const [row] = await query<{ seq: string }>(m, SPRINT_EVENT_SEQ_SQL, [teamId, type, sprintId]);
    return row ? Number(row.seq) : null;
  }

  /**
   * When each of these items last entered another column on the board (its last
   * `board.item_moved` between two columns); items never moved are absent. The board's aging
   * reads it from the log, which already records every move, rather than a copy on the item.
   */
  async lastColumnChanges(
    teamId: string,
    itemIds: string[],
    m: Runner = this.dataSource,
  ): Promise<Map<string, Date>> {
    if (itemIds.length === 0) return new Map();
    const rows = await query<{ item_id: string; at: Date }>(
      m,
      `SELECT DISTINCT ON (data->>'itemId') data->>'itemId' AS item_id, occurred_at AS at
         FROM events
        WHERE team_id = $1 AND type = 'board.item_moved'
          AND data->'from'->>'statusId' IS DISTINCT FROM data->'to'->>'statusId'
          AND data->>'itemId' = ANY($2::text[])
        ORDER BY data->>'itemId', seq DESC`,
      [teamId, itemIds],
    );
    return new Map(rows.map((r) => [r.item_id, r.at]));
  }

  /** When the team's log begins (its `team.created`). */
  async firstOccurredAt(teamId: string): Promise<Date | undefined> {
    const [row] = await query<{ occurred_at: Date }>(
      this.dataSource,
      `SELECT occurred_at FROM events WHERE team_id = $1 ORDER BY seq LIMIT 1`,
      [teamId],
    );
    return row?.occurred_at;
  }

  /** Every event of these teams that occurred in [from, to), by team then seq. */
  async ofTeamsBetween(teamIds: string[], from: Date, to: Date): Promise<EventRow[]> {
    if (teamIds.length === 0) return [];
    return query<EventRow>(
      this.dataSource,
      `SELECT ${ROW} FROM events
        WHERE team_id = ANY($1::uuid[]) AND occurred_at >= $2 AND occurred_at < $3
        ORDER BY team_id, seq`,
      [teamIds, from, to],
    );
  }

  /** Events of these types that occurred in [from, to), oldest first, across every team. */
  async ofTypesBetween(
    types: readonly EventType[],
    from: Date,
    to: Date,
    limit: number,
  ): Promise<EventRow[]> {
    return query<EventRow>(
      this.dataSource,
      `SELECT ${ROW} FROM events
        WHERE type = ANY($1::text[]) AND occurred_at >= $2 AND occurred_at < $3
        ORDER BY occurred_at, team_id, seq LIMIT $4`,
      [types, from, to, limit],
    );
  }

  /** Each team's current seq (its event counter), for the realtime heartbeat; absent teams are left out. */
  async currentSeqs(teamIds: string[]): Promise<Map<string, number>> {
    if (teamIds.length === 0) return new Map();
    const rows = await query<{ id: string; event_seq: string }>(
      this.dataSource,
      `SELECT id, event_seq FROM teams WHERE id = ANY($1::uuid[])`,
      [teamIds],
    );
    return new Map(rows.map((r) => [r.id, Number(r.event_seq)]));
  }

  /**
   * The team's current seq, and the oldest seq a client may resume after: one less than the
   * first event inside the retention window (or the current seq when none is inside it).
   */
  async cursorBounds(
    teamId: string,
    retentionDays: number,
  ): Promise<{ current: number; oldestResumable: number }> {
    const rows = await query<{ current: string; first_recent: string | null }>(
      this.dataSource,
      `SELECT t.event_seq AS current,
              (SELECT min(seq) FROM events e
                WHERE e.team_id = t.id AND e.occurred_at >= now() - make_interval(days => $2)) AS first_recent
         FROM teams t WHERE t.id = $1`,
      [teamId, retentionDays],
    );
    const current = Number(rows[0]?.current ?? 0);
    const firstRecent = rows[0]?.first_recent;
    return {
      current,
      oldestResumable:
        firstRecent === null || firstRecent === undefined ? current : Number(firstRecent) - 1,
    };
  }
}
