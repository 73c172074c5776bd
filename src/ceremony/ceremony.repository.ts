import { Injectable } from '@nestjs/common';
import type { VocabularyOverrides } from '../i18n/vocabulary';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { TeamRole } from '../identity/access/permissions';
import type { CeremonyStatus, CeremonyType, DailyPrompt } from './ceremony.events';

export interface TeamRow {
  id: string;
  name: string;
  locale: 'it' | 'en';
  timezone: string;
  vocabulary: VocabularyOverrides | null;
}

export interface CadenceRow {
  team_id: string;
  sprint_length_days: number;
  daily_time: string;
  working_days: number[];
  timezone: string | null;
  daily_prompts: DailyPrompt[] | null;
  version: number;
}

export interface CeremonyRow {
  id: string;
  team_id: string;
  sprint_id: string | null;
  type: CeremonyType;
  title: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  recurrence: string | null;
  /** Occurrences of the rule that do not happen (EXDATE): a daily on a holiday. */
  excluded_starts: Date[];
  status: CeremonyStatus;
  attendee_ids: string[];
  agenda: string;
  notes: string;
  outcomes: string;
  version: number;
}

export interface SessionRow {
  id: string;
  team_id: string;
  ceremony_id: string;
  facilitator_id: string;
  started_at: Date;
  ends_at: Date;
  ended_at: Date | null;
  attendance: string[];
}

export type NewCeremony = Omit<CeremonyRow, 'id' | 'status' | 'version'>;

const CEREMONY_COLUMNS = `id, team_id, sprint_id, type, title, starts_at, ends_at, timezone, recurrence,
  excluded_starts, status, attendee_ids, agenda, notes, outcomes, version`;
const CEREMONY_COLUMNS_OF_C = CEREMONY_COLUMNS.split(',')
  .map((c) => `c.${c.trim()}`)
  .join(', ');
const SESSION_COLUMNS = `id, team_id, ceremony_id, facilitator_id, started_at, ends_at, ended_at, attendance`;

/** Every query of the calendar, sessions and feeds; all scoped by team. */
@Injectable()
export class CeremonyRepository {
  constructor(private readonly dataSource: DataSource) {}

  private runner(m?: EntityManager): EntityManager | DataSource {
    return m ?? this.dataSource;
  }

  async team(teamId: string, m?: EntityManager): Promise<TeamRow | undefined> {
    const [row] = await query<TeamRow>(
      this.runner(m),
      `SELECT id, name, locale, timezone, vocabulary FROM teams WHERE id = $1`,
      [teamId],
    );
    return row;
  }

  async cadence(teamId: string, m?: EntityManager): Promise<CadenceRow | undefined> {
    const [row] = await query<CadenceRow>(
      this.runner(m),
      `SELECT team_id, sprint_length_days, daily_time, working_days, timezone, daily_prompts, version
         FROM team_cadences WHERE team_id = $1`,
      [teamId],
    );
    return row;
  }

  /**
   * Writes the cadence only at the version the caller read: the first one (0) inserts, later ones
   * update that version. Undefined when someone else wrote first (the caller answers 412).
   */
  async saveCadence(
    m: EntityManager,
    row: Omit<CadenceRow, 'version'>,
    version: number,
  ): Promise<CadenceRow | undefined> {
    const values = [
      row.team_id,
      row.sprint_length_days,
      row.daily_time,
      row.working_days,
      row.timezone,
      row.daily_prompts === null ? null : JSON.stringify(row.daily_prompts),
    ];
    const returning = `RETURNING team_id, sprint_length_days, daily_time, working_days, timezone, daily_prompts, version`;
    const [saved] =
      version === 0
        ? await query<CadenceRow>(
            m,
            `INSERT INTO team_cadences
               (team_id, sprint_length_days, daily_time, working_days, timezone, daily_prompts)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (team_id) DO NOTHING ${returning}`,
            values,
          )
        : await query<CadenceRow>(
            m,
            `UPDATE team_cadences SET sprint_length_days = $2, daily_time = $3, working_days = $4,
               timezone = $5, daily_prompts = $6, updated_at = now(), version = version + 1
             WHERE team_id = $1 AND version = $7 ${returning}`,
            [...values, version],
          );
    return saved;
  }

  async insertCeremony(m: EntityManager, row: NewCeremony): Promise<CeremonyRow> {
    const [saved] = await query<CeremonyRow>(
      m,
      `INSERT INTO ceremonies (team_id, sprint_id, type, title, starts_at, ends_at, timezone,
         recurrence, attendee_ids, agenda, notes, outcomes, excluded_starts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING ${CEREMONY_COLUMNS}`,
      [
        row.team_id,
        row.sprint_id,
        row.type,
        row.title,
        row.starts_at,
        row.ends_at,
        row.timezone,
        row.recurrence,
        row.attendee_ids,
        row.agenda,
        row.notes,
        row.outcomes,
        row.excluded_starts,
      ],
    );
    return saved;
  }

  async ceremony(teamId: string, id: string, m?: EntityManager): Promise<CeremonyRow | undefined> {
    const [row] = await query<CeremonyRow>(
      this.runner(m),
      `SELECT ${CEREMONY_COLUMNS} FROM ceremonies WHERE team_id = $1 AND id = $2`,
      [teamId, id],
    );
    return row;
  }

  /** Serializes session starts and ends of one ceremony. */
  async lockCeremony(
    m: EntityManager,
    teamId: string,
    id: string,
  ): Promise<CeremonyRow | undefined> {
    const [row] = await query<CeremonyRow>(
      m,
      `SELECT ${CEREMONY_COLUMNS} FROM ceremonies WHERE team_id = $1 AND id = $2 FOR UPDATE`,
      [teamId, id],
    );
    return row;
  }

  async teamOfCeremony(id: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.dataSource,
      `SELECT team_id FROM ceremonies WHERE id = $1`,
      [id],
    );
    return row?.team_id;
  }

  async ceremonies(
    teamId: string,
    filter: { sprintId?: string; from?: Date; to?: Date } = {},
  ): Promise<CeremonyRow[]> {
    // A recurring ceremony that began before `from` may still have occurrences in the range.
    return query<CeremonyRow>(
      this.dataSource,
      `SELECT ${CEREMONY_COLUMNS} FROM ceremonies
        WHERE team_id = $1
          AND ($2::uuid IS NULL OR sprint_id = $2)
          AND ($3::timestamptz IS NULL OR ends_at >= $3 OR recurrence IS NOT NULL)
          AND ($4::timestamptz IS NULL OR starts_at < $4)
        ORDER BY starts_at, id`,
      [teamId, filter.sprintId ?? null, filter.from ?? null, filter.to ?? null],
    );
  }

  /** A sprint's scheduled ceremonies, locked: the sprint's own transaction is about to move them. */
  async scheduledOfSprint(
    m: EntityManager,
    teamId: string,
    sprintId: string,
  ): Promise<CeremonyRow[]> {
    return query<CeremonyRow>(
      m,
      `SELECT ${CEREMONY_COLUMNS} FROM ceremonies
        WHERE team_id = $1 AND sprint_id = $2 AND status = 'scheduled'
        ORDER BY starts_at, id FOR UPDATE`,
      [teamId, sprintId],
    );
  }

  /**
   * Scheduled ceremonies still to come (or a series still running) that belong to a sprint,
   * with the sprint's name: those whose generated title may follow a rename. Locked.
   */
  async titledBySprint(
    m: EntityManager,
    teamId: string,
    now: Date,
    sprintId?: string,
  ): Promise<(CeremonyRow & { sprint_name: string })[]> {
    return query<CeremonyRow & { sprint_name: string }>(
      m,
      `SELECT ${CEREMONY_COLUMNS_OF_C}, s.name AS sprint_name
         FROM ceremonies c JOIN sprints s ON s.team_id = c.team_id AND s.id = c.sprint_id
        WHERE c.team_id = $1 AND c.status = 'scheduled'
          AND (c.starts_at > $2 OR c.recurrence IS NOT NULL)
          AND ($3::uuid IS NULL OR c.sprint_id = $3)
        ORDER BY c.starts_at, c.id FOR UPDATE OF c`,
      [teamId, now, sprintId ?? null],
    );
  }

  async updateCeremony(
    m: EntityManager,
    teamId: string,
    id: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<CeremonyRow | undefined> {
    const keys = Object.keys(set);
    const assignments = keys.map((k, i) => `${k} = $${i + 4}`).join(', ');
    const [row] = await query<CeremonyRow>(
      m,
      `UPDATE ceremonies SET ${assignments}, updated_at = now(), version = version + 1
        WHERE team_id = $1 AND id = $2 AND version = $3
        RETURNING ${CEREMONY_COLUMNS}`,
      [teamId, id, version, ...keys.map((k) => set[k])],
    );
    return row;
  }

  async sprintExists(m: EntityManager, teamId: string, sprintId: string): Promise<boolean> {
    const rows = await query(m, `SELECT 1 FROM sprints WHERE team_id = $1 AND id = $2`, [
      teamId,
      sprintId,
    ]);
    return rows.length > 0;
  }

  async members(teamId: string, m?: EntityManager): Promise<{ user_id: string; role: TeamRole }[]> {
    return query(
      this.runner(m),
      `SELECT user_id, role FROM team_members WHERE team_id = $1 ORDER BY created_at, user_id`,
      [teamId],
    );
  }

  async liveSession(
    m: EntityManager,
    teamId: string,
    ceremonyId: string,
  ): Promise<SessionRow | undefined> {
    const [row] = await query<SessionRow>(
      m,
      `SELECT ${SESSION_COLUMNS} FROM ceremony_sessions
        WHERE team_id = $1 AND ceremony_id = $2 AND ended_at IS NULL FOR UPDATE`,
      [teamId, ceremonyId],
    );
    return row;
  }

  async lastSession(teamId: string, ceremonyId: string): Promise<SessionRow | undefined> {
    const [row] = await query<SessionRow>(
      this.dataSource,
      `SELECT ${SESSION_COLUMNS} FROM ceremony_sessions
        WHERE team_id = $1 AND ceremony_id = $2 ORDER BY started_at DESC LIMIT 1`,
      [teamId, ceremonyId],
    );
    return row;
  }

  /** The live daily scrum session of the team, if one is running. */
  async liveDailySession(m: EntityManager, teamId: string): Promise<SessionRow | undefined> {
    const [row] = await query<SessionRow>(
      m,
      `SELECT ${SESSION_COLUMNS.split(', ')
        .map((c) => `s.${c}`)
        .join(', ')}
         FROM ceremony_sessions s JOIN ceremonies c ON c.team_id = s.team_id AND c.id = s.ceremony_id
        WHERE s.team_id = $1 AND c.type = 'daily_scrum' AND s.ended_at IS NULL
        ORDER BY s.started_at DESC LIMIT 1`,
      [teamId],
    );
    return row;
  }

  async insertSession(
    m: EntityManager,
    row: Omit<SessionRow, 'id' | 'ended_at'>,
  ): Promise<SessionRow> {
    const [saved] = await query<SessionRow>(
      m,
      `INSERT INTO ceremony_sessions (team_id, ceremony_id, facilitator_id, started_at, ends_at, attendance)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SESSION_COLUMNS}`,
      [
        row.team_id,
        row.ceremony_id,
        row.facilitator_id,
        row.started_at,
        row.ends_at,
        row.attendance,
      ],
    );
    return saved;
  }

  async endSession(
    m: EntityManager,
    teamId: string,
    id: string,
    endedAt: Date,
    attendance: string[],
  ): Promise<SessionRow> {
    const [row] = await query<SessionRow>(
      m,
      `UPDATE ceremony_sessions SET ended_at = $3, attendance = $4
        WHERE team_id = $1 AND id = $2 RETURNING ${SESSION_COLUMNS}`,
      [teamId, id, endedAt, attendance],
    );
    return row;
  }

  async saveFeed(m: EntityManager, teamId: string, userId: string, hash: string): Promise<void> {
    await query(
      m,
      `INSERT INTO calendar_feeds (team_id, user_id, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (team_id, user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [teamId, userId, hash],
    );
  }

  async deleteFeed(m: EntityManager, teamId: string, userId: string): Promise<boolean> {
    const rows = await query<{ user_id: string }>(
      m,
      `DELETE FROM calendar_feeds WHERE team_id = $1 AND user_id = $2 RETURNING user_id`,
      [teamId, userId],
    );
    return rows.length > 0;
  }

  /** The feed's owner, if the token is live and its owner still belongs to the team. */
  async feedOwner(teamId: string, hash: string): Promise<string | undefined> {
    const [row] = await query<{ user_id: string }>(
      this.dataSource,
      `SELECT f.user_id FROM calendar_feeds f
         JOIN team_members tm ON tm.team_id = f.team_id AND tm.user_id = f.user_id
        WHERE f.team_id = $1 AND f.token_hash = $2`,
      [teamId, hash],
    );
    return row?.user_id;
  }
}
