import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch, VersionETag } from '../common/concurrency';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { CommentsService } from './comments.service';
import {
  CommentDto,
  CommentPageDto,
  CommentRevisionDto,
  CreateCommentDto,
  ListCommentsQuery,
  UpdateCommentDto,
} from './dto/comment.dto';

const IF_MATCH = {
  name: 'If-Match',
  required: true,
  description: 'The ETag of the comment, e.g. "2"',
};

/** Comments of one backlog item or impediment: the list, and a new one. */
@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class TargetCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get('backlog-items/:itemId/comments')
  @ApiOperation({ summary: "The item's comments, oldest first (deleted ones are left out)" })
  @ApiResponse({ status: 200, type: CommentPageDto })
  @ApiProblems(400, 401, 404)
  listOnItem(
    @CurrentActor() actor: Actor,
    @UuidParam('itemId', 'Backlog item') itemId: string,
    @Query() q: ListCommentsQuery,
  ): Promise<CommentPageDto> {
    return this.comments.list(actor, 'backlog_item', itemId, q);
  }

  @Post('backlog-items/:itemId/comments')
  @VersionETag()
  @ApiOperation({
    summary:
      'Comment on a backlog item (every role of the team, stakeholders too; not read-only tokens)',
  })
  @ApiResponse({ status: 201, type: CommentDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  createOnItem(
    @CurrentActor() actor: Actor,
    @UuidParam('itemId', 'Backlog item') itemId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.create(actor, 'backlog_item', itemId, dto);
  }

  @Get('impediments/:impedimentId/comments')
  @ApiOperation({ summary: "The impediment's comments, oldest first (deleted ones are left out)" })
  @ApiResponse({ status: 200, type: CommentPageDto })
  @ApiProblems(400, 401, 404)
  listOnImpediment(
    @CurrentActor() actor: Actor,
    @UuidParam('impedimentId', 'Impediment') impedimentId: string,
    @Query() q: ListCommentsQuery,
  ): Promise<CommentPageDto> {
    return this.comments.list(actor, 'impediment', impedimentId, q);
  }

  @Post('impediments/:impedimentId/comments')
  @VersionETag()
  @ApiOperation({ summary: 'Comment on an impediment (every role of the team, stakeholders too)' })
  @ApiResponse({ status: 201, type: CommentDto })
  @ApiProblems(400, 401, 403, 404, 422)
  createOnImpediment(
    @CurrentActor() actor: Actor,
    @UuidParam('impedimentId', 'Impediment') impedimentId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.create(actor, 'impediment', impedimentId, dto);
  }
}

/** One comment: read it, its revisions; its author edits or deletes it. */
@ApiTags('comments')
@ApiBearerAuth()
@Controller('comments/:commentId')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({ summary: 'Get a comment (ETag = version)' })
  @ApiResponse({ status: 200, type: CommentDto })
  @ApiProblems(401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('commentId', 'Comment') commentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommentDto> {
    const comment = await this.comments.get(actor, commentId);
    void reply.header('ETag', etag(comment.version));
    return comment;
  }

  @Patch()
  @ApiOperation({ summary: 'Edit a comment (its author only); the previous text is kept' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 200, type: CommentDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('commentId', 'Comment') commentId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCommentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommentDto> {
    const comment = await this.comments.update(actor, commentId, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(comment.version));
    return comment;
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a comment (its author only); it leaves every list' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404, 412, 428)
  delete(
    @CurrentActor() actor: Actor,
    @UuidParam('commentId', 'Comment') commentId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.comments.delete(actor, commentId, parseIfMatch(ifMatch));
  }

  @Get('revisions')
  @ApiOperation({ summary: 'Every version of the text, oldest first (the first included)' })
  @ApiResponse({ status: 200, type: [CommentRevisionDto] })
  @ApiProblems(401, 404)
  revisions(
    @CurrentActor() actor: Actor,
    @UuidParam('commentId', 'Comment') commentId: string,
  ): Promise<CommentRevisionDto[]> {
    return this.comments.revisions(actor, commentId);
  }
}
