import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../../database/sql';

export interface RankRow {
  id: string;
  rank: string;
}

@Injectable()
export class RankingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The items among `ids` that belong to the team and are not archived. */
  async items(m: EntityManager, teamId: string, ids: string[]): Promise<Map<string, string>> {
    const rows = await query<RankRow>(
      m,
      `SELECT id, rank FROM backlog_items
        WHERE team_id = $1 AND id = ANY($2::uuid[]) AND archived_at IS NULL`,
      [teamId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.rank]));
  }

  /**
   * The nearest key above (`next`) or below (`previous`) `rank` — or the first / last key
   * when `rank` is null — among the team's items other than `excluded`. Archived items keep
   * their keys, so they count: new keys must differ from every key of the team.
   */
  async neighbour(
    m: EntityManager,
    teamId: string,
    rank: string | null,
    direction: 'next' | 'previous',
    excluded: string[],
  ): Promise<string | null> {
    const next = direction === 'next';
    const rows = await query<{ rank: string }>(
      m,
      `SELECT rank FROM backlog_items
        WHERE team_id = $1 AND id <> ALL($2::uuid[])
          AND ($3::text IS NULL OR rank ${next ? '>' : '<'} $3::text COLLATE "C")
        ORDER BY rank ${next ? 'ASC' : 'DESC'} LIMIT 1`,
      [teamId, excluded, rank],
    );
    return rows[0]?.rank ?? null;
  }

  /** One statement: the unique constraint is checked at its end (DEFERRABLE), not per row. */
  async setRanks(m: EntityManager, teamId: string, ids: string[], ranks: string[]): Promise<void> {
    await query(
      m,
      `UPDATE backlog_items b SET rank = t.rank
         FROM unnest($2::uuid[], $3::text[]) AS t(id, rank)
        WHERE b.team_id = $1 AND b.id = t.id`,
      [teamId, ids, ranks],
    );
  }

  async allInOrder(m: EntityManager, teamId: string): Promise<RankRow[]> {
    return query<RankRow>(
      m,
      `SELECT id, rank FROM backlog_items WHERE team_id = $1 ORDER BY rank`,
      [teamId],
    );
  }

  async check(
    teamId: string,
  ): Promise<{ total: number; unique: number; ordered: boolean; max_key_length: number }> {
    const rows = await query<{
      total: number;
      unique: number;
      ordered: boolean;
      max_key_length: number;
    }>(
      this.dataSource,
      `SELECT count(*)::int AS total, count(DISTINCT rank)::int AS unique,
              COALESCE(bool_and(previous IS NULL OR previous < rank), true) AS ordered,
              COALESCE(max(length(rank)), 0)::int AS max_key_length
         FROM (SELECT rank, lag(rank) OVER (ORDER BY rank, id) AS previous
                 FROM backlog_items WHERE team_id = $1) ranked`,
      [teamId],
    );
    return rows[0];
  }
}
