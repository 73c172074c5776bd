import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import { assignments, Runner } from './retro.repository';

export interface NoteRow {
  id: string;
  group_id: string | null;
  text: string;
  author_id: string | null;
  created_at: Date;
}

export interface ActionItemRow {
  id: string;
  retro_id: string;
  group_id: string | null;
  text: string;
  owner_id: string | null;
  due_date: string | null;
  done: boolean;
  backlog_item_id: string | null;
  backlog_status: string | null;
  created_at: Date;
  version: number;
}

const ACTION = `a.id, a.retro_id, a.group_id, a.text, a.owner_id,
  to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.done, a.backlog_item_id,
  b.status AS backlog_status, a.created_at, a.version`;
const ACTION_FROM = `retro_action_items a
  LEFT JOIN backlog_items b ON b.team_id = a.team_id AND b.id = a.backlog_item_id`;

/** Discussion notes and action items of a retrospective (scoped by it). */
@Injectable()
export class RetroActionsRepository {
  constructor(private readonly db: DataSource) {}

  notes(retroId: string, m: Runner = this.db): Promise<NoteRow[]> {
    return query<NoteRow>(
      m,
      `SELECT id, group_id, text, author_id, created_at FROM retro_notes
       WHERE retro_id = $1 ORDER BY created_at, id`,
      [retroId],
    );
  }

  async insertNote(
    m: EntityManager,
    teamId: string,
    retroId: string,
    values: { groupId: string | null; text: string; authorId: string },
  ): Promise<NoteRow> {
    const [row] = await query<NoteRow>(
      m,
      `INSERT INTO retro_notes (team_id, retro_id, group_id, text, author_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, group_id, text, author_id, created_at`,
      [teamId, retroId, values.groupId, values.text, values.authorId],
    );
    return row;
  }

  actionItems(retroId: string, m: Runner = this.db): Promise<ActionItemRow[]> {
    return query<ActionItemRow>(
      m,
      `SELECT ${ACTION} FROM ${ACTION_FROM} WHERE a.retro_id = $1 ORDER BY a.created_at, a.id`,
      [retroId],
    );
  }

  async actionItem(
    m: Runner,
    retroId: string,
    id: string,
    lock = false,
  ): Promise<ActionItemRow | undefined> {
    const [row] = await query<ActionItemRow>(
      m,
      `SELECT ${ACTION} FROM ${ACTION_FROM} WHERE a.retro_id = $1 AND a.id = $2
       ${lock ? 'FOR UPDATE OF a' : ''}`,
      [retroId, id],
    );
    return row;
  }

  async insertActionItem(
    m: EntityManager,
    teamId: string,
    retroId: string,
    values: {
      groupId: string | null;
      text: string;
      ownerId: string | null;
      dueDate: string | null;
    },
  ): Promise<ActionItemRow> {
    const [{ id }] = await query<{ id: string }>(
      m,
      `INSERT INTO retro_action_items (team_id, retro_id, group_id, text, owner_id, due_date)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [teamId, retroId, values.groupId, values.text, values.ownerId, values.dueDate],
    );
    return (await this.actionItem(m, retroId, id))!;
  }

  async updateActionItem(
    m: EntityManager,
    retroId: string,
    id: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<ActionItemRow | undefined> {
    const [clause, values] = assignments(set, 4);
    const rows = await query<{ id: string }>(
      m,
      `UPDATE retro_action_items SET ${clause}, version = version + 1
       WHERE retro_id = $1 AND id = $2 AND version = $3 RETURNING id`,
      [retroId, id, version, ...values],
    );
    return rows.length === 1 ? this.actionItem(m, retroId, id) : undefined;
  }
}
