import type { ReviewFeedbackDto, ReviewItemDto, SprintReviewSummaryDto } from './dto/review.dto';
import type { FeedbackRow, ReviewItemRow, ReviewRow } from './review.repository';

export function toReviewSnapshot(row: ReviewRow): SprintReviewSummaryDto {
  return {
    id: row.id,
    teamId: row.team_id,
    sprintId: row.sprint_id,
    ceremonyId: row.ceremony_id,
    notes: row.notes,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

export function toFeedbackDto(row: FeedbackRow): ReviewFeedbackDto {
  return {
    id: row.id,
    reviewId: row.review_id,
    authorId: row.author_id,
    itemId: row.item_id,
    text: row.text,
    backlogItemId: row.backlog_item_id,
    createdAt: row.created_at.toISOString(),
  };
}

export function toReviewItemDto(row: ReviewItemRow): ReviewItemDto {
  return {
    itemId: row.item_id,
    title: row.title,
    decision: row.decision,
    note: row.note,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at.toISOString(),
  };
}
