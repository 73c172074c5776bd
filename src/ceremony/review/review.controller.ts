import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import {
  CreateFeedbackDto,
  CreateSprintReviewDto,
  DecideReviewItemDto,
  FeedbackToBacklogDto,
  FeedbackToBacklogResultDto,
  ReviewFeedbackDto,
  SprintReviewDto,
  SprintReviewSummaryDto,
} from './dto/review.dto';
import { ReviewService } from './review.service';

@ApiTags('sprint review')
@ApiBearerAuth()
@Controller()
export class ReviewController {
  constructor(private readonly reviews: ReviewService) {}

  @Post('teams/:teamId/sprint-reviews')
  @ApiOperation({ summary: 'Open the review of a sprint (one per sprint)' })
  @ApiResponse({ status: 201, type: SprintReviewDto })
  @ApiProblems(400, 401, 403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateSprintReviewDto,
  ): Promise<SprintReviewDto> {
    return this.reviews.create(actor, teamId, dto);
  }

  @Get('teams/:teamId/sprint-reviews')
  @ApiOperation({ summary: "The team's sprint reviews, newest first" })
  @ApiResponse({ status: 200, type: [SprintReviewSummaryDto] })
  @ApiProblems(401, 404)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<SprintReviewSummaryDto[]> {
    return this.reviews.list(actor, teamId);
  }

  @Get('sprint-reviews/:reviewId')
  @ApiOperation({ summary: 'A review: decisions on demonstrated items and feedback' })
  @ApiResponse({ status: 200, type: SprintReviewDto })
  @ApiProblems(401, 404)
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('reviewId', 'Sprint review') id: string,
  ): Promise<SprintReviewDto> {
    return this.reviews.get(actor, id);
  }

  @Put('sprint-reviews/:reviewId/items/:itemId')
  @ApiOperation({ summary: 'Accept or not accept a demonstrated item (product owner)' })
  @ApiResponse({ status: 200, type: SprintReviewDto })
  @ApiProblems(400, 401, 403, 404)
  decide(
    @CurrentActor() actor: Actor,
    @UuidParam('reviewId', 'Sprint review') id: string,
    @UuidParam('itemId', 'Backlog item') itemId: string,
    @Body() dto: DecideReviewItemDto,
  ): Promise<SprintReviewDto> {
    return this.reviews.decide(actor, id, itemId, dto);
  }

  @Post('sprint-reviews/:reviewId/feedback')
  @ApiOperation({ summary: 'Leave feedback (anyone in the team, stakeholders too)' })
  @ApiResponse({ status: 201, type: ReviewFeedbackDto })
  @ApiProblems(400, 401, 403, 404)
  feedback(
    @CurrentActor() actor: Actor,
    @UuidParam('reviewId', 'Sprint review') id: string,
    @Body() dto: CreateFeedbackDto,
  ): Promise<ReviewFeedbackDto> {
    return this.reviews.addFeedback(actor, id, dto);
  }

  @Post('sprint-reviews/:reviewId/feedback/:feedbackId/to-backlog')
  @ApiOperation({ summary: 'Turn a feedback entry into a new backlog item (once)' })
  @ApiResponse({ status: 201, type: FeedbackToBacklogResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  toBacklog(
    @CurrentActor() actor: Actor,
    @UuidParam('reviewId', 'Sprint review') id: string,
    @UuidParam('feedbackId', 'Feedback') feedbackId: string,
    @Body() dto: FeedbackToBacklogDto,
  ): Promise<FeedbackToBacklogResultDto> {
    return this.reviews.toBacklog(actor, id, feedbackId, dto);
  }
}
