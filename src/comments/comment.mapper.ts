import type { CommentSnapshot } from './comments.events';
import type { CommentRevisionDto } from './dto/comment.dto';
import type { CommentRevisionRow, CommentRow } from './comments.repository';

export function toCommentDto(row: CommentRow): CommentSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    targetType: row.item_id ? 'backlog_item' : 'impediment',
    targetId: (row.item_id ?? row.impediment_id)!,
    authorId: row.author_id,
    body: row.body,
    html: row.body_html,
    mentions: row.mentions,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
  };
}

export function toRevisionDto(row: CommentRevisionRow): CommentRevisionDto {
  return {
    version: row.version,
    body: row.body,
    html: row.body_html,
    mentions: row.mentions,
    editedBy: row.edited_by,
    createdAt: row.created_at.toISOString(),
  };
}
