import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { Phase, RetroColumn } from './retro.events';
import type { Locale } from './retro-texts';

export interface TeamRow {
  id: string;
  locale: Locale;
  timezone: string;
}

export interface RetroRow {
  id: string;
  team_id: string;
  sprint_id: string | null;
  ceremony_id: string | null;
  title: string;
  template: string;
  columns: RetroColumn[];
  facilitator_id: string | null;
  phase: Phase;
  anonymous: boolean;
  private_writing: boolean;
  vote_budget: number;
  votes_per_group: number;
  phase_started_at: Date;
  phase_ends_at: Date | null;
  previous_id: string | null;
  created_at: Date;
  closed_at: Date | null;
  version: number;
}

export interface CardRow {
  id: string;
  retro_id: string;
  column_key: string;
  text: string;
  author_id: string | null;
  author_key: string | null;
  group_id: string | null;
  revealed: boolean;
  created_at: Date;
  version: number;
}

export interface GroupRow {
  id: string;
  retro_id: string;
  title: string;
  created_at: Date;
  version: number;
}

export interface VoteRow {
  group_id: string;
  user_id: string;
  count: number;
}

const RETRO = `id, team_id, sprint_id, ceremony_id, title, template, columns, facilitator_id, phase,
  anonymous, private_writing, vote_budget, votes_per_group, phase_started_at, phase_ends_at,
  previous_id, created_at, closed_at, version`;
const CARD = `id, retro_id, column_key, text, author_id, author_key, group_id, revealed, created_at, version`;
export type Runner = EntityManager | DataSource;

/** SET clause from a column → value map whose keys come from code, never from input. */
export function assignments(set: Record<string, unknown>, first: number): [string, unknown[]] {
  const keys = Object.keys(set);
  return [keys.map((k, i) => `${k} = $${first + i}`).join(', '), keys.map((k) => set[k])];
}

/** Every query of the retrospective feature; each is scoped by team or by retrospective. */
@Injectable()
export class RetroRepository {
  constructor(private readonly db: DataSource) {}

  async team(teamId: string, m: Runner = this.db): Promise<TeamRow> {
    const [row] = await query<TeamRow>(m, `SELECT id, locale, timezone FROM teams WHERE id = $1`, [
      teamId,
    ]);
    return row;
  }

  async teamOfRetro(retroId: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.db,
      `SELECT team_id FROM retrospectives WHERE id = $1`,
      [retroId],
    );
    return row?.team_id;
  }

  /** `participants`: only roles that take part (not stakeholders). */
  async isMember(
    m: Runner,
    teamId: string,
    userId: string,
    participants = false,
  ): Promise<boolean> {
    const rows = await query(
      m,
      `SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2
         AND ($3::boolean IS FALSE OR role <> 'stakeholder')`,
      [teamId, userId, participants],
    );
    return rows.length > 0;
  }

  async sprintExists(m: Runner, teamId: string, sprintId: string): Promise<boolean> {
    const rows = await query(m, `SELECT 1 FROM sprints WHERE team_id = $1 AND id = $2`, [
      teamId,
      sprintId,
    ]);
    return rows.length > 0;
  }

  async displayNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await query<{ id: string; display_name: string }>(
      this.db,
      `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  // Retrospectives

  /** With `lock`, the row is locked for the transaction: one change at a time per retrospective. */
  async retro(
    teamId: string,
    id: string,
    m: Runner = this.db,
    lock = false,
  ): Promise<RetroRow | undefined> {
    const [row] = await query<RetroRow>(
      m,
      `SELECT ${RETRO} FROM retrospectives WHERE team_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [teamId, id],
    );
    return row;
  }

  retros(teamId: string): Promise<RetroRow[]> {
    return query<RetroRow>(
      this.db,
      `SELECT ${RETRO} FROM retrospectives WHERE team_id = $1 ORDER BY created_at DESC, id`,
      [teamId],
    );
  }

  async latest(m: Runner, teamId: string): Promise<RetroRow | undefined> {
    const [row] = await query<RetroRow>(
      m,
      `SELECT ${RETRO} FROM retrospectives WHERE team_id = $1 ORDER BY created_at DESC, id LIMIT 1`,
      [teamId],
    );
    return row;
  }

  async insertRetro(
    m: EntityManager,
    values: {
      teamId: string;
      sprintId: string | null;
      ceremonyId: string | null;
      title: string;
      template: string;
      columns: RetroColumn[];
      facilitatorId: string;
      anonymous: boolean;
      privateWriting: boolean;
      voteBudget: number;
      votesPerGroup: number;
      previousId: string | null;
      createdBy: string;
      now: Date;
    },
  ): Promise<RetroRow> {
    const [row] = await query<RetroRow>(
      m,
      `INSERT INTO retrospectives (team_id, sprint_id, ceremony_id, title, template, columns,
         facilitator_id, anonymous, private_writing, vote_budget, votes_per_group, previous_id,
         created_by, created_at, phase_started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       RETURNING ${RETRO}`,
      [
        values.teamId,
        values.sprintId,
        values.ceremonyId,
        values.title,
        values.template,
        JSON.stringify(values.columns),
        values.facilitatorId,
        values.anonymous,
        values.privateWriting,
        values.voteBudget,
        values.votesPerGroup,
        values.previousId,
        values.createdBy,
        values.now,
      ],
    );
    return row;
  }

  /** Bumps the version; the caller holds the row lock and has checked the version. */
  async updateRetro(m: EntityManager, id: string, set: Record<string, unknown>): Promise<RetroRow> {
    const [clause, values] = assignments(set, 2);
    const [row] = await query<RetroRow>(
      m,
      `UPDATE retrospectives SET ${clause}${clause ? ', ' : ''}version = version + 1
       WHERE id = $1 RETURNING ${RETRO}`,
      [id, ...values],
    );
    return row;
  }

  // Cards

  cards(retroId: string, m: Runner = this.db): Promise<CardRow[]> {
    return query<CardRow>(
      m,
      `SELECT ${CARD} FROM retro_cards WHERE retro_id = $1 ORDER BY created_at, id`,
      [retroId],
    );
  }

  async card(m: Runner, retroId: string, cardId: string): Promise<CardRow | undefined> {
    const [row] = await query<CardRow>(
      m,
      `SELECT ${CARD} FROM retro_cards WHERE retro_id = $1 AND id = $2`,
      [retroId, cardId],
    );
    return row;
  }

  async countCards(m: EntityManager, retroId: string): Promise<number> {
    const [row] = await query<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM retro_cards WHERE retro_id = $1`,
      [retroId],
    );
    return row.n;
  }

  async insertCard(
    m: EntityManager,
    teamId: string,
    retroId: string,
    values: {
      column: string;
      text: string;
      authorId: string | null;
      authorKey: string | null;
      revealed: boolean;
    },
  ): Promise<CardRow> {
    const [row] = await query<CardRow>(
      m,
      `INSERT INTO retro_cards (team_id, retro_id, column_key, text, author_id, author_key, revealed)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CARD}`,
      [
        teamId,
        retroId,
        values.column,
        values.text,
        values.authorId,
        values.authorKey,
        values.revealed,
      ],
    );
    return row;
  }

  async updateCard(
    m: EntityManager,
    retroId: string,
    cardId: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<CardRow | undefined> {
    const [clause, values] = assignments(set, 4);
    const [row] = await query<CardRow>(
      m,
      `UPDATE retro_cards SET ${clause}, version = version + 1
       WHERE retro_id = $1 AND id = $2 AND version = $3 RETURNING ${CARD}`,
      [retroId, cardId, version, ...values],
    );
    return row;
  }

  async deleteCard(m: EntityManager, retroId: string, cardId: string): Promise<void> {
    await query(m, `DELETE FROM retro_cards WHERE retro_id = $1 AND id = $2`, [retroId, cardId]);
  }

  async setCardsGroup(
    m: EntityManager,
    retroId: string,
    cardIds: string[],
    groupId: string | null,
  ): Promise<void> {
    await query(
      m,
      `UPDATE retro_cards SET group_id = $3, version = version + 1
       WHERE retro_id = $1 AND id = ANY($2::uuid[])`,
      [retroId, cardIds, groupId],
    );
  }

  /** Private writing ends: every card still hidden becomes visible to all. */
  revealCards(m: EntityManager, retroId: string): Promise<CardRow[]> {
    return query<CardRow>(
      m,
      `UPDATE retro_cards SET revealed = true WHERE retro_id = $1 AND NOT revealed
       RETURNING ${CARD}`,
      [retroId],
    );
  }

  // Groups

  groups(retroId: string, m: Runner = this.db): Promise<GroupRow[]> {
    return query<GroupRow>(
      m,
      `SELECT id, retro_id, title, created_at, version FROM retro_groups
       WHERE retro_id = $1 ORDER BY created_at, id`,
      [retroId],
    );
  }

  async group(m: Runner, retroId: string, groupId: string): Promise<GroupRow | undefined> {
    const [row] = await query<GroupRow>(
      m,
      `SELECT id, retro_id, title, created_at, version FROM retro_groups
       WHERE retro_id = $1 AND id = $2`,
      [retroId, groupId],
    );
    return row;
  }

  async insertGroup(
    m: EntityManager,
    teamId: string,
    retroId: string,
    title: string,
  ): Promise<GroupRow> {
    const [row] = await query<GroupRow>(
      m,
      `INSERT INTO retro_groups (team_id, retro_id, title) VALUES ($1, $2, $3)
       RETURNING id, retro_id, title, created_at, version`,
      [teamId, retroId, title],
    );
    return row;
  }

  async updateGroup(
    m: EntityManager,
    retroId: string,
    groupId: string,
    version: number,
    title: string,
  ): Promise<GroupRow | undefined> {
    const [row] = await query<GroupRow>(
      m,
      `UPDATE retro_groups SET title = $4, version = version + 1
       WHERE retro_id = $1 AND id = $2 AND version = $3
       RETURNING id, retro_id, title, created_at, version`,
      [retroId, groupId, version, title],
    );
    return row;
  }

  /** Ungroups: its cards, notes and action items stay, in no group; its votes go. */
  async deleteGroup(m: EntityManager, retroId: string, groupId: string): Promise<void> {
    await query(
      m,
      `WITH cards AS (
         UPDATE retro_cards SET group_id = NULL WHERE retro_id = $1 AND group_id = $2
       ), notes AS (
         UPDATE retro_notes SET group_id = NULL WHERE retro_id = $1 AND group_id = $2
       ), actions AS (
         UPDATE retro_action_items SET group_id = NULL WHERE retro_id = $1 AND group_id = $2
       )
       DELETE FROM retro_groups WHERE retro_id = $1 AND id = $2`,
      [retroId, groupId],
    );
  }

  /** Groups that lost their last card disappear; returns their ids. */
  async deleteEmptyGroups(m: EntityManager, retroId: string): Promise<string[]> {
    const rows = await query<{ id: string }>(
      m,
      `WITH empty AS (
         SELECT g.id FROM retro_groups g WHERE g.retro_id = $1 AND NOT EXISTS (
           SELECT 1 FROM retro_cards c WHERE c.retro_id = g.retro_id AND c.group_id = g.id)
       ), notes AS (
         UPDATE retro_notes SET group_id = NULL
         WHERE retro_id = $1 AND group_id IN (SELECT id FROM empty)
       ), actions AS (
         UPDATE retro_action_items SET group_id = NULL
         WHERE retro_id = $1 AND group_id IN (SELECT id FROM empty)
       )
       DELETE FROM retro_groups WHERE retro_id = $1 AND id IN (SELECT id FROM empty)
       RETURNING id`,
      [retroId],
    );
    return rows.map((r) => r.id);
  }

  // Votes

  votes(retroId: string, m: Runner = this.db): Promise<VoteRow[]> {
    return query<VoteRow>(
      m,
      `SELECT v.group_id, v.user_id, v.count FROM retro_votes v WHERE v.retro_id = $1`,
      [retroId],
    );
  }

  /** Adds `delta` to the member's votes on the group; a count reaching 0 removes the row. */
  async addVote(
    m: EntityManager,
    retroId: string,
    groupId: string,
    userId: string,
    delta: 1 | -1,
  ): Promise<void> {
    if (delta === 1) {
      await query(
        m,
        `INSERT INTO retro_votes (retro_id, group_id, user_id, count) VALUES ($1, $2, $3, 1)
         ON CONFLICT (group_id, user_id) DO UPDATE SET count = retro_votes.count + 1`,
        [retroId, groupId, userId],
      );
      return;
    }
    await query(
      m,
      `WITH gone AS (
         DELETE FROM retro_votes
         WHERE retro_id = $1 AND group_id = $2 AND user_id = $3 AND count = 1 RETURNING 1
       )
       UPDATE retro_votes SET count = count - 1
       WHERE retro_id = $1 AND group_id = $2 AND user_id = $3 AND count > 1`,
      [retroId, groupId, userId],
    );
  }
}
