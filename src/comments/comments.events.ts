/**
 * The events of comments (listed in src/events/event-catalogue.ts). Each carries what a client
 * needs to update its view without a refetch: the comment as the API returns it.
 */
export const COMMENT_TARGETS = ['backlog_item', 'impediment'] as const;
export type CommentTargetType = (typeof COMMENT_TARGETS)[number];

export interface CommentSnapshot {
  id: string;
  teamId: string;
  targetType: CommentTargetType;
  targetId: string;
  authorId: string;
  body: string;
  html: string;
  mentions: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
}

export interface CommentEvents {
  'comment.created': { comment: CommentSnapshot };
  /** `changes`: the body, from the previous version's text to the new one. */
  'comment.updated': {
    comment: CommentSnapshot;
    changes: { field: 'body'; from: string; to: string }[];
  };
  /** The text is not repeated: the comment is gone from every list. */
  'comment.deleted': {
    commentId: string;
    targetType: CommentTargetType;
    targetId: string;
    deletedAt: string;
    version: number;
  };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends CommentEvents {}
}
