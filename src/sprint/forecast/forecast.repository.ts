import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { query } from '../../database/sql';

export interface EpicWork {
  title: string;
  open: number;
}

/** What a forecast counts of the backlog: the open work of an epic. */
@Injectable()
export class ForecastRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** An epic's title and how many of its children are not done; undefined if no such epic. */
  async epicWork(teamId: string, epicId: string): Promise<EpicWork | undefined> {
    const [row] = await query<{ title: string; open: string }>(
      this.dataSource,
      `SELECT e.title,
              (SELECT count(*) FROM backlog_items c
                WHERE c.team_id = e.team_id AND c.parent_id = e.id
                  AND c.archived_at IS NULL AND c.status <> 'done') AS open
         FROM backlog_items e
        WHERE e.team_id = $1 AND e.id = $2 AND e.type = 'epic' AND e.archived_at IS NULL`,
      [teamId, epicId],
    );
    return row && { title: row.title, open: Number(row.open) };
  }
}
