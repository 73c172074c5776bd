import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { requireVersion } from '../common/concurrency';
import {
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import { EventLog } from '../events/event-log';
import { TeamsService } from '../identity/teams/teams.service';
import type { Actor } from '../identity/actor';
import { renderComment, type Mentionable } from './comment-markdown';
import { toCommentDto, toRevisionDto } from './comment.mapper';
import { CommentsAccess } from './comments-access';
import type { CommentTargetType } from './comments.events';
import { CommentCursor, CommentRow, CommentsRepository, CommentText } from './comments.repository';
import type {
  CommentDto,
  CommentPageDto,
  CommentRevisionDto,
  CreateCommentDto,
  ListCommentsQuery,
  UpdateCommentDto,
} from './dto/comment.dto';

const CURSOR = /^(\d{1,20}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCommentCursor(cursor: CommentCursor): string {
  return Buffer.from(`${cursor.createdMicros}:${cursor.id}`).toString('base64url');
}

export function decodeCommentCursor(text: string): CommentCursor | undefined {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString());
  return match ? { createdMicros: match[1], id: match[2] } : undefined;
}

/**
 * Comments on backlog items and impediments. Anyone of the team may comment (stakeholders
 * too: `backlog.comment`); only the author edits or deletes, each edit keeping the previous
 * text as a revision. Every change appends its `comment.*` event in the same transaction.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly access: CommentsAccess,
    private readonly comments: CommentsRepository,
    private readonly teams: TeamsService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async list(
    actor: Actor,
    targetType: CommentTargetType,
    targetId: string,
    q: ListCommentsQuery,
  ): Promise<CommentPageDto> {
    const teamId = await this.access.target(actor, targetType, targetId, 'team.read');
    const after = q.cursor === undefined ? undefined : decodeCommentCursor(q.cursor);
    if (q.cursor !== undefined && after === undefined) {
      throw new ValidationFailedError([
        { field: 'cursor', message: 'is not a cursor returned by this list (nextCursor)' },
      ]);
    }
    const limit = q.limit ?? 50;
    const rows = await this.comments.page(teamId, targetType, targetId, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toCommentDto),
      nextCursor:
        rows.length > limit
          ? encodeCommentCursor({ createdMicros: last.created_micros, id: last.id })
          : null,
    };
  }

  async create(
    actor: Actor,
    targetType: CommentTargetType,
    targetId: string,
    dto: CreateCommentDto,
  ): Promise<CommentDto> {
    const teamId = await this.access.target(actor, targetType, targetId, 'backlog.comment', true);
    const text = await this.render(actor, teamId, dto.body);
    return this.tx.run(async (m) => {
      const row = await this.comments.insert(m, teamId, targetType, targetId, actor.userId, text);
      const comment = toCommentDto(row);
      await this.events.append(m, {
        teamId,
        type: 'comment.created',
        actorId: actor.userId,
        data: { comment },
      });
      return comment;
    });
  }

  async get(actor: Actor, commentId: string): Promise<CommentDto> {
    const teamId = await this.access.comment(actor, commentId, 'team.read');
    const row = await this.comments.find(teamId, commentId);
    if (!row) throw new NotFoundError('Comment', commentId);
    return toCommentDto(row);
  }

  async revisions(actor: Actor, commentId: string): Promise<CommentRevisionDto[]> {
    await this.access.comment(actor, commentId, 'team.read');
    return (await this.comments.revisions(commentId)).map(toRevisionDto);
  }

  async update(
    actor: Actor,
    commentId: string,
    version: number,
    dto: UpdateCommentDto,
  ): Promise<CommentDto> {
    const teamId = await this.access.comment(actor, commentId, 'backlog.comment');
    const text = await this.render(actor, teamId, dto.body);
    return this.tx.run(async (m) => {
      const current = await this.mine(m, actor, teamId, commentId, version);
      if (current.body === text.body) return toCommentDto(current);
      const row = await this.comments.update(m, teamId, commentId, version, text);
      if (!row) throw new Error(`comment ${commentId} changed under its row lock`);
      const comment = toCommentDto(row);
      await this.events.append(m, {
        teamId,
        type: 'comment.updated',
        actorId: actor.userId,
        data: { comment, changes: [{ field: 'body', from: current.body, to: row.body }] },
      });
      return comment;
    });
  }

  async delete(actor: Actor, commentId: string, version: number): Promise<void> {
    const teamId = await this.access.comment(actor, commentId, 'backlog.comment');
    await this.tx.run(async (m) => {
      await this.mine(m, actor, teamId, commentId, version);
      const row = await this.comments.softDelete(m, teamId, commentId, version);
      if (!row?.deleted_at) throw new Error(`comment ${commentId} changed under its row lock`);
      const { targetType, targetId } = toCommentDto(row);
      await this.events.append(m, {
        teamId,
        type: 'comment.deleted',
        actorId: actor.userId,
        data: {
          commentId,
          targetType,
          targetId,
          deletedAt: row.deleted_at.toISOString(),
          version: row.version,
        },
      });
    });
  }

  /** The comment, locked, if the actor wrote it (403 otherwise) and at the version they saw. */
  private async mine(
    m: EntityManager,
    actor: Actor,
    teamId: string,
    commentId: string,
    version: number,
  ): Promise<CommentRow> {
    const row = await this.comments.find(teamId, commentId, m, { lock: true });
    if (!row) throw new NotFoundError('Comment', commentId);
    if (row.author_id !== actor.userId)
      throw new ForbiddenError('not-comment-author', 'Only its author may change a comment');
    return requireVersion('comment', row, version, () => toCommentDto(row));
  }

  /** Mentions are resolved against the team's members as they are now. */
  private async render(actor: Actor, teamId: string, body: string): Promise<CommentText> {
    const members = new Map<string, Mentionable>(
      (await this.teams.members(actor, teamId)).map((member) => [
        member.email.toLowerCase(),
        { userId: member.userId, displayName: member.displayName },
      ]),
    );
    const { html, mentions } = await renderComment(body, members);
    return { body, html, mentions };
  }
}
