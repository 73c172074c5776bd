/** The data of the sprint review events (listed in src/events/event-catalogue.ts). */
export const REVIEW_DECISIONS = ['accepted', 'not_accepted'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface SprintReviewSnapshot {
  id: string;
  teamId: string;
  sprintId: string;
  ceremonyId: string | null;
  notes: string;
  createdBy: string;
  createdAt: string;
  version: number;
}

export interface ReviewFeedbackSnapshot {
  id: string;
  reviewId: string;
  authorId: string;
  itemId: string | null;
  text: string;
  backlogItemId: string | null;
  createdAt: string;
}

export interface ReviewEvents {
  'sprint_review.created': { review: SprintReviewSnapshot };
  'sprint_review.item_decided': {
    reviewId: string;
    itemId: string;
    decision: ReviewDecision;
    previous: ReviewDecision | null;
    note: string;
    decidedBy: string;
  };
  'sprint_review.feedback_added': { feedback: ReviewFeedbackSnapshot };
  'sprint_review.feedback_converted': {
    reviewId: string;
    feedbackId: string;
    backlogItemId: string;
  };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends ReviewEvents {}
}
