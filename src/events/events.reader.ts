import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { query } from '../database/sql';
import { EventRow } from './event-log';

@Injectable()
export class EventsReader {
  constructor(private readonly dataSource: DataSource) {}

  async after(teamId: string, afterSeq: number, limit: number): Promise<EventRow[]> {
    return query<EventRow>(
      this.dataSource,
      `SELECT seq, id, team_id, type, occurred_at, actor_id, data FROM events
        WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [teamId, afterSeq, limit],
    );
  }

  /** Events strictly between two seqs (to fill a gap in live delivery). */
  async between(teamId: string, afterSeq: number, beforeSeq: number): Promise<EventRow[]> {
    return query<EventRow>(
      this.dataSource,
      `SELECT seq, id, team_id, type, occurred_at, actor_id, data FROM events
        WHERE team_id = $1 AND seq > $2 AND seq < $3 ORDER BY seq`,
      [teamId, afterSeq, beforeSeq],
    );
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
