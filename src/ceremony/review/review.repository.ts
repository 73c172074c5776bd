import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../../database/sql';
import type { ReviewDecision } from './review.events';

export interface ReviewRow {
  id: string;
  team_id: string;
  sprint_id: string;
  ceremony_id: string | null;
  notes: string;
  created_by: string;
  created_at: Date;
  version: number;
}

export interface ReviewItemRow {
  item_id: string;
  title: string;
  decision: ReviewDecision;
  note: string;
  decided_by: string;
  decided_at: Date;
}

export interface FeedbackRow {
  id: string;
  review_id: string;
  author_id: string;
  item_id: string | null;
  text: string;
  backlog_item_id: string | null;
  created_at: Date;
}

type Runner = EntityManager | DataSource;

const REVIEW = `r.id, r.team_id, r.sprint_id, r.ceremony_id, r.notes, r.created_by, r.created_at, r.version`;
const FEEDBACK = `f.id, f.review_id, f.author_id, f.item_id, f.text, f.backlog_item_id, f.created_at`;

/** Every query of sprint reviews; each names the team. */
@Injectable()
export class ReviewRepository {
  constructor(private readonly db: DataSource) {}

  async teamOfReview(reviewId: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.db,
      `SELECT team_id FROM sprint_reviews WHERE id = $1`,
      [reviewId],
    );
    return row?.team_id;
  }

  async sprint(
    m: Runner,
    teamId: string,
    sprintId: string,
  ): Promise<{ id: string; name: string } | undefined> {
    const [row] = await query<{ id: string; name: string }>(
      m,
      `SELECT id, name FROM sprints WHERE team_id = $1 AND id = $2`,
      [teamId, sprintId],
    );
    return row;
  }

  async locale(m: Runner, teamId: string): Promise<'it' | 'en'> {
    const [row] = await query<{ locale: 'it' | 'en' }>(
      m,
      `SELECT locale FROM teams WHERE id = $1`,
      [teamId],
    );
    return row.locale;
  }

  /** Orders two creates for one sprint (the event append locks the team too late for that). */
  async lockTeam(m: EntityManager, teamId: string): Promise<void> {
    await query(m, `SELECT 1 FROM teams WHERE id = $1 FOR UPDATE`, [teamId]);
  }

  async itemExists(m: Runner, teamId: string, itemId: string): Promise<boolean> {
    const rows = await query(m, `SELECT 1 FROM backlog_items WHERE team_id = $1 AND id = $2`, [
      teamId,
      itemId,
    ]);
    return rows.length > 0;
  }

  async review(teamId: string, id: string, m: Runner = this.db): Promise<ReviewRow | undefined> {
    const [row] = await query<ReviewRow>(
      m,
      `SELECT ${REVIEW} FROM sprint_reviews r WHERE r.team_id = $1 AND r.id = $2`,
      [teamId, id],
    );
    return row;
  }

  async reviewOfSprint(
    m: Runner,
    teamId: string,
    sprintId: string,
  ): Promise<ReviewRow | undefined> {
    const [row] = await query<ReviewRow>(
      m,
      `SELECT ${REVIEW} FROM sprint_reviews r WHERE r.team_id = $1 AND r.sprint_id = $2`,
      [teamId, sprintId],
    );
    return row;
  }

  reviews(teamId: string): Promise<ReviewRow[]> {
    return query<ReviewRow>(
      this.db,
      `SELECT ${REVIEW} FROM sprint_reviews r WHERE r.team_id = $1 ORDER BY r.created_at DESC, r.id`,
      [teamId],
    );
  }

  async insertReview(
    m: EntityManager,
    r: {
      teamId: string;
      sprintId: string;
      ceremonyId: string | null;
      notes: string;
      createdBy: string;
    },
  ): Promise<ReviewRow> {
    const [row] = await query<ReviewRow>(
      m,
      `INSERT INTO sprint_reviews AS r (team_id, sprint_id, ceremony_id, notes, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${REVIEW}`,
      [r.teamId, r.sprintId, r.ceremonyId, r.notes, r.createdBy],
    );
    return row;
  }

  items(teamId: string, reviewId: string, m: Runner = this.db): Promise<ReviewItemRow[]> {
    return query<ReviewItemRow>(
      m,
      `SELECT i.item_id, b.title, i.decision, i.note, i.decided_by, i.decided_at
         FROM sprint_review_items i JOIN backlog_items b ON b.team_id = i.team_id AND b.id = i.item_id
        WHERE i.team_id = $1 AND i.review_id = $2 ORDER BY i.decided_at, i.item_id`,
      [teamId, reviewId],
    );
  }

  /** Records (or replaces) the decision; returns the previous one. */
  async decide(
    m: EntityManager,
    d: {
      teamId: string;
      reviewId: string;
      itemId: string;
      decision: ReviewDecision;
      note: string;
      by: string;
    },
  ): Promise<ReviewDecision | null> {
    const [before] = await query<{ decision: ReviewDecision }>(
      m,
      `SELECT decision FROM sprint_review_items WHERE review_id = $1 AND item_id = $2 FOR UPDATE`,
      [d.reviewId, d.itemId],
    );
    await query(
      m,
      `INSERT INTO sprint_review_items (review_id, team_id, item_id, decision, note, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (review_id, item_id) DO UPDATE
         SET decision = EXCLUDED.decision, note = EXCLUDED.note,
             decided_by = EXCLUDED.decided_by, decided_at = now()`,
      [d.reviewId, d.teamId, d.itemId, d.decision, d.note, d.by],
    );
    return before?.decision ?? null;
  }

  feedback(teamId: string, reviewId: string, m: Runner = this.db): Promise<FeedbackRow[]> {
    return query<FeedbackRow>(
      m,
      `SELECT ${FEEDBACK} FROM sprint_review_feedback f
        WHERE f.team_id = $1 AND f.review_id = $2 ORDER BY f.created_at, f.id`,
      [teamId, reviewId],
    );
  }

  async insertFeedback(
    m: EntityManager,
    f: { teamId: string; reviewId: string; authorId: string; itemId: string | null; text: string },
  ): Promise<FeedbackRow> {
    const [row] = await query<FeedbackRow>(
      m,
      `INSERT INTO sprint_review_feedback AS f (team_id, review_id, author_id, item_id, text)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${FEEDBACK}`,
      [f.teamId, f.reviewId, f.authorId, f.itemId, f.text],
    );
    return row;
  }

  /** Locked, so two conversions of one entry cannot both create an item. */
  async lockFeedback(
    m: EntityManager,
    teamId: string,
    reviewId: string,
    id: string,
  ): Promise<FeedbackRow | undefined> {
    const [row] = await query<FeedbackRow>(
      m,
      `SELECT ${FEEDBACK} FROM sprint_review_feedback f
        WHERE f.team_id = $1 AND f.review_id = $2 AND f.id = $3 FOR UPDATE`,
      [teamId, reviewId, id],
    );
    return row;
  }

  async linkFeedback(m: EntityManager, id: string, backlogItemId: string): Promise<FeedbackRow> {
    const [row] = await query<FeedbackRow>(
      m,
      `UPDATE sprint_review_feedback f SET backlog_item_id = $2 WHERE id = $1
       RETURNING ${FEEDBACK}`,
      [id, backlogItemId],
    );
    return row;
  }
}
