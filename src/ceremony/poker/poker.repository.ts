import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../../database/sql';
import type { Deck } from './poker-decks';
import type { PokerOutcome, PokerRole } from './poker.events';

export interface SessionRow {
  id: string;
  team_id: string;
  ceremony_id: string | null;
  facilitator_id: string;
  title: string;
  deck: Deck;
  cards: string[];
  state: 'open' | 'ended';
  current_position: number | null;
  round: number;
  round_state: 'voting' | 'revealed';
  created_at: Date;
  ended_at: Date | null;
  version: number;
}

export interface SessionItemRow {
  item_id: string;
  position: number;
  outcome: PokerOutcome | null;
  accepted_card: string | null;
  estimate: string | null;
  title: string;
}

export interface VoteRow {
  item_id: string;
  round: number;
  user_id: string;
  card: string;
}

export interface ParticipantRow {
  user_id: string;
  role: PokerRole;
}

export interface TeamRow {
  point_scale: string[];
  locale: 'it' | 'en';
}

type Runner = EntityManager | DataSource;

const SESSION = `s.id, s.team_id, s.ceremony_id, s.facilitator_id, s.title, s.deck, s.cards, s.state,
  s.current_position, s.round, s.round_state, s.created_at, s.ended_at, s.version`;

/** Every query of planning poker; each names the team. */
@Injectable()
export class PokerRepository {
  constructor(private readonly db: DataSource) {}

  async teamOfSession(sessionId: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.db,
      `SELECT team_id FROM poker_sessions WHERE id = $1`,
      [sessionId],
    );
    return row?.team_id;
  }

  async team(teamId: string, m: Runner = this.db): Promise<TeamRow> {
    const [row] = await query<TeamRow>(m, `SELECT point_scale, locale FROM teams WHERE id = $1`, [
      teamId,
    ]);
    return row;
  }

  async session(teamId: string, id: string, m: Runner = this.db): Promise<SessionRow | undefined> {
    const [row] = await query<SessionRow>(
      m,
      `SELECT ${SESSION} FROM poker_sessions s WHERE s.team_id = $1 AND s.id = $2`,
      [teamId, id],
    );
    return row;
  }

  /** Serializes the commands of one session (votes, reveal, accept…) for the transaction. */
  async lockSession(m: EntityManager, teamId: string, id: string): Promise<SessionRow | undefined> {
    const [row] = await query<SessionRow>(
      m,
      `SELECT ${SESSION} FROM poker_sessions s WHERE s.team_id = $1 AND s.id = $2 FOR UPDATE`,
      [teamId, id],
    );
    return row;
  }

  /** The latest sessions, each with the id of its current item (one query for the list). */
  sessions(teamId: string): Promise<(SessionRow & { current_item_id: string | null })[]> {
    return query(
      this.db,
      `SELECT ${SESSION},
              (SELECT p.item_id FROM poker_session_items p
                WHERE p.session_id = s.id AND p.position = s.current_position) AS current_item_id
         FROM poker_sessions s WHERE s.team_id = $1
        ORDER BY s.created_at DESC, s.id LIMIT 100`,
      [teamId],
    );
  }

  async insertSession(
    m: EntityManager,
    s: {
      teamId: string;
      ceremonyId: string | null;
      facilitatorId: string;
      title: string;
      deck: Deck;
      cards: string[];
      currentPosition: number;
    },
  ): Promise<SessionRow> {
    const [row] = await query<SessionRow>(
      m,
      `INSERT INTO poker_sessions AS s
         (team_id, ceremony_id, facilitator_id, title, deck, cards, current_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SESSION}`,
      [s.teamId, s.ceremonyId, s.facilitatorId, s.title, s.deck, s.cards, s.currentPosition],
    );
    return row;
  }

  async insertItems(m: EntityManager, teamId: string, sessionId: string, itemIds: string[]) {
    await query(
      m,
      `INSERT INTO poker_session_items (session_id, team_id, item_id, position)
       SELECT $1, $2, item_id, ord::int FROM unnest($3::uuid[]) WITH ORDINALITY AS u(item_id, ord)`,
      [sessionId, teamId, itemIds],
    );
  }

  /** The ids among `ids` that are live (not archived) items of the team. */
  async liveItems(m: Runner, teamId: string, ids: string[]): Promise<Set<string>> {
    const rows = await query<{ id: string }>(
      m,
      `SELECT id FROM backlog_items WHERE team_id = $1 AND id = ANY($2::uuid[])
          AND archived_at IS NULL`,
      [teamId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  items(teamId: string, sessionId: string, m: Runner = this.db): Promise<SessionItemRow[]> {
    return query<SessionItemRow>(
      m,
      `SELECT p.item_id, p.position, p.outcome, p.accepted_card, p.estimate, b.title
         FROM poker_session_items p JOIN backlog_items b ON b.team_id = p.team_id AND b.id = p.item_id
        WHERE p.team_id = $1 AND p.session_id = $2 ORDER BY p.position`,
      [teamId, sessionId],
    );
  }

  async setItemOutcome(
    m: EntityManager,
    sessionId: string,
    position: number,
    set: { outcome: PokerOutcome; acceptedCard?: string; estimate?: number },
  ): Promise<void> {
    await query(
      m,
      `UPDATE poker_session_items
          SET outcome = $3, accepted_card = COALESCE($4, accepted_card),
              estimate = COALESCE($5, estimate)
        WHERE session_id = $1 AND position = $2`,
      [sessionId, position, set.outcome, set.acceptedCard ?? null, set.estimate ?? null],
    );
  }

  participants(sessionId: string, m: Runner = this.db): Promise<ParticipantRow[]> {
    return query<ParticipantRow>(
      m,
      `SELECT user_id, role FROM poker_participants WHERE session_id = $1 ORDER BY joined_at, user_id`,
      [sessionId],
    );
  }

  /** Returns the previous role, or null when the user had not joined. */
  async join(
    m: EntityManager,
    sessionId: string,
    userId: string,
    role: PokerRole,
  ): Promise<PokerRole | null> {
    const [before] = await query<{ role: PokerRole }>(
      m,
      `SELECT role FROM poker_participants WHERE session_id = $1 AND user_id = $2`,
      [sessionId, userId],
    );
    await query(
      m,
      `INSERT INTO poker_participants (session_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [sessionId, userId, role],
    );
    return before?.role ?? null;
  }

  votes(sessionId: string, m: Runner = this.db): Promise<VoteRow[]> {
    return query<VoteRow>(
      m,
      `SELECT item_id, round, user_id, card FROM poker_votes WHERE session_id = $1
        ORDER BY item_id, round, voted_at, user_id`,
      [sessionId],
    );
  }

  /** A second vote in the same round replaces the first; `replaced` says which happened. */
  async vote(
    m: EntityManager,
    v: { sessionId: string; itemId: string; round: number; userId: string; card: string },
  ): Promise<{ replaced: boolean; votedCount: number }> {
    const [row] = await query<{ replaced: boolean }>(
      m,
      `INSERT INTO poker_votes (session_id, item_id, round, user_id, card) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id, item_id, round, user_id)
         DO UPDATE SET card = EXCLUDED.card, voted_at = now()
       RETURNING (xmax <> 0) AS replaced`,
      [v.sessionId, v.itemId, v.round, v.userId, v.card],
    );
    const [count] = await query<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM poker_votes WHERE session_id = $1 AND item_id = $2 AND round = $3`,
      [v.sessionId, v.itemId, v.round],
    );
    return { replaced: row.replaced, votedCount: count.n };
  }

  async markRevealed(m: EntityManager, sessionId: string, itemId: string, round: number) {
    await query(m, `INSERT INTO poker_rounds (session_id, item_id, round) VALUES ($1, $2, $3)`, [
      sessionId,
      itemId,
      round,
    ]);
  }

  revealedRounds(
    sessionId: string,
    m: Runner = this.db,
  ): Promise<{ item_id: string; round: number }[]> {
    return query(
      m,
      `SELECT item_id, round FROM poker_rounds WHERE session_id = $1 ORDER BY revealed_at, round`,
      [sessionId],
    );
  }

  async updateSession(
    m: EntityManager,
    id: string,
    version: number,
    set: Partial<
      Pick<SessionRow, 'state' | 'current_position' | 'round' | 'round_state' | 'ended_at'>
    >,
  ): Promise<SessionRow> {
    const keys = Object.keys(set) as (keyof typeof set)[];
    const assignments = keys.map((key, i) => `${key} = $${i + 3}`);
    const [row] = await query<SessionRow>(
      m,
      `UPDATE poker_sessions s SET ${[...assignments, 'version = version + 1'].join(', ')}
        WHERE id = $1 AND version = $2 RETURNING ${SESSION}`,
      [id, version, ...keys.map((key) => set[key])],
    );
    if (!row) throw new Error(`poker session ${id} changed under its lock`);
    return row;
  }
}
