import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { CommentTargetType } from './comments.events';

export interface CommentRow {
  id: string;
  team_id: string;
  item_id: string | null;
  impediment_id: string | null;
  author_id: string;
  body: string;
  body_html: string;
  mentions: string[];
  created_at: Date;
  updated_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  version: number;
}

export interface CommentRevisionRow {
  version: number;
  body: string;
  body_html: string;
  mentions: string[];
  edited_by: string;
  created_at: Date;
}

export interface CommentText {
  body: string;
  html: string;
  mentions: string[];
}

/** Keyset of the list, oldest first: (created_at in microseconds, id). */
export interface CommentCursor {
  createdMicros: string;
  id: string;
}

export interface CommentPageRow extends CommentRow {
  created_micros: string;
}

/** Microseconds, exactly: a JavaScript Date (milliseconds) would repeat or skip rows. */
const MICROS = `(extract(epoch FROM created_at) * 1000000)::bigint`;

const COLUMNS = `id, team_id, item_id, impediment_id, author_id, body, body_html, mentions,
  created_at, updated_at, edited_at, deleted_at, version`;

const TARGET_COLUMN: Record<CommentTargetType, string> = {
  backlog_item: 'item_id',
  impediment: 'impediment_id',
};

/** All SQL on comments and comment_revisions (the comments module owns both). */
@Injectable()
export class CommentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The team of a comment that is not deleted. */
  async teamOf(commentId: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.dataSource,
      `SELECT team_id FROM comments WHERE id = $1 AND deleted_at IS NULL`,
      [commentId],
    );
    return row?.team_id;
  }

  async find(
    teamId: string,
    commentId: string,
    m?: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<CommentRow | undefined> {
    const [row] = await query<CommentRow>(
      m ?? this.dataSource,
      `SELECT ${COLUMNS} FROM comments
        WHERE team_id = $1 AND id = $2 AND deleted_at IS NULL${options.lock ? ' FOR UPDATE' : ''}`,
      [teamId, commentId],
    );
    return row;
  }

  page(
    teamId: string,
    targetType: CommentTargetType,
    targetId: string,
    after: CommentCursor | undefined,
    limit: number,
  ): Promise<CommentPageRow[]> {
    const column = TARGET_COLUMN[targetType];
    return query<CommentPageRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, ${MICROS} AS created_micros FROM comments
        WHERE ${column} = $2 AND team_id = $1 AND deleted_at IS NULL
          AND ($3::bigint IS NULL OR (${MICROS}, id) > ($3::bigint, $4::uuid))
        ORDER BY created_at, id LIMIT $5`,
      [teamId, targetId, after?.createdMicros ?? null, after?.id ?? null, limit],
    );
  }

  async insert(
    m: EntityManager,
    teamId: string,
    targetType: CommentTargetType,
    targetId: string,
    authorId: string,
    text: CommentText,
  ): Promise<CommentRow> {
    const [row] = await query<CommentRow>(
      m,
      `INSERT INTO comments (team_id, ${TARGET_COLUMN[targetType]}, author_id, body, body_html, mentions)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[]) RETURNING ${COLUMNS}`,
      [teamId, targetId, authorId, text.body, text.html, text.mentions],
    );
    await this.insertRevision(m, row);
    return row;
  }

  /** A new version of the text; the previous ones stay in comment_revisions. */
  async update(
    m: EntityManager,
    teamId: string,
    commentId: string,
    version: number,
    text: CommentText,
  ): Promise<CommentRow | undefined> {
    const [row] = await query<CommentRow>(
      m,
      `UPDATE comments SET body = $4, body_html = $5, mentions = $6::uuid[],
              version = version + 1, updated_at = now(), edited_at = now()
        WHERE team_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL
        RETURNING ${COLUMNS}`,
      [teamId, commentId, version, text.body, text.html, text.mentions],
    );
    if (row) await this.insertRevision(m, row);
    return row;
  }

  async softDelete(
    m: EntityManager,
    teamId: string,
    commentId: string,
    version: number,
  ): Promise<CommentRow | undefined> {
    const [row] = await query<CommentRow>(
      m,
      `UPDATE comments SET deleted_at = now(), updated_at = now(), version = version + 1
        WHERE team_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL
        RETURNING ${COLUMNS}`,
      [teamId, commentId, version],
    );
    return row;
  }

  revisions(commentId: string): Promise<CommentRevisionRow[]> {
    return query<CommentRevisionRow>(
      this.dataSource,
      `SELECT version, body, body_html, mentions, edited_by, created_at
         FROM comment_revisions WHERE comment_id = $1 ORDER BY version`,
      [commentId],
    );
  }

  private async insertRevision(m: EntityManager, row: CommentRow): Promise<void> {
    await query(
      m,
      `INSERT INTO comment_revisions (comment_id, version, body, body_html, mentions, edited_by, created_at)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7)`,
      [row.id, row.version, row.body, row.body_html, row.mentions, row.author_id, row.updated_at],
    );
  }
}
