import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { Absence } from './working-calendar';

export interface CalendarRow {
  team_id: string;
  patron_day: string | null;
  patron_name: string | null;
  closures: { date: string; name: string }[];
  absences: Absence[];
  version: number;
}

export interface CalendarTeamRow {
  id: string;
  locale: 'it' | 'en';
  timezone: string;
  /** The cadence's weekdays (team_cadences, owned by the ceremony module), null until set. */
  weekdays: number[] | null;
}

const COLUMNS = 'team_id, patron_day, patron_name, closures, absences, version';

/** The team's calendar row, and what the calendar reads of the team: timezone, locale, weekdays. */
@Injectable()
export class WorkdaysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private runner(m?: EntityManager): EntityManager | DataSource {
    return m ?? this.dataSource;
  }

  async team(teamId: string, m?: EntityManager): Promise<CalendarTeamRow | undefined> {
    // The weekdays stay the cadence's (one place to set them); the calendar only reads them.
    const [row] = await query<CalendarTeamRow>(
      this.runner(m),
      `SELECT t.id, t.locale, t.timezone, c.working_days AS weekdays
         FROM teams t LEFT JOIN team_cadences c ON c.team_id = t.id
        WHERE t.id = $1`,
      [teamId],
    );
    return row;
  }

  async calendar(teamId: string, m?: EntityManager): Promise<CalendarRow | undefined> {
    const [row] = await query<CalendarRow>(
      this.runner(m),
      `SELECT ${COLUMNS} FROM team_calendars WHERE team_id = $1`,
      [teamId],
    );
    return row;
  }

  /**
   * Writes the calendar if it is still at `version` (0 = never written); undefined when another
   * write got there first (the caller answers 412).
   */
  async save(
    m: EntityManager,
    teamId: string,
    version: number,
    row: Omit<CalendarRow, 'team_id' | 'version'>,
  ): Promise<CalendarRow | undefined> {
    const params = [
      teamId,
      row.patron_day,
      row.patron_name,
      JSON.stringify(row.closures),
      JSON.stringify(row.absences),
    ];
    if (version === 0) {
      const [created] = await query<CalendarRow>(
        m,
        `INSERT INTO team_calendars (team_id, patron_day, patron_name, closures, absences)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (team_id) DO NOTHING RETURNING ${COLUMNS}`,
        params,
      );
      return created;
    }
    const [updated] = await query<CalendarRow>(
      m,
      `UPDATE team_calendars SET patron_day = $2, patron_name = $3, closures = $4, absences = $5,
              version = version + 1, updated_at = now()
        WHERE team_id = $1 AND version = $6 RETURNING ${COLUMNS}`,
      [...params, version],
    );
    return updated;
  }

  async members(m: EntityManager, teamId: string, ids: string[]): Promise<Set<string>> {
    const rows = await query<{ user_id: string }>(
      m,
      `SELECT user_id FROM team_members WHERE team_id = $1 AND user_id = ANY($2::uuid[])`,
      [teamId, ids],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
