import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ITEM_TYPES, type ItemType } from '../../../backlog/backlog.events';
import { BacklogItemDto } from '../../../backlog/items/dto/backlog-item-response.dto';
import { trim } from '../../../common/transforms';
import { NoNul } from '../../text-rules';
import { REVIEW_DECISIONS, type ReviewDecision } from '../review.events';

export class CreateSprintReviewDto {
  @ApiProperty({ format: 'uuid', description: 'A sprint of the team; one review per sprint' })
  @IsUUID('all')
  sprintId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The calendar ceremony it belongs to' })
  @IsOptional()
  @IsUUID('all')
  ceremonyId?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  @NoNul()
  notes?: string;
}

export class DecideReviewItemDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecision;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why, in a line' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoNul()
  note?: string;
}

export class CreateFeedbackDto {
  @ApiProperty({ maxLength: 5000, example: 'Il modulo va bene, ma serve anche in inglese' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  @NoNul()
  text: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The demonstrated item it is about' })
  @IsOptional()
  @IsUUID('all')
  itemId?: string;
}

export class FeedbackToBacklogDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description: "Default: the feedback's first line (cut at 200 characters)",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoNul()
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({ enum: ITEM_TYPES, default: 'story' })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ItemType;
}

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision: ReviewDecision;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class ReviewFeedbackDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) itemId: string | null;
  @ApiProperty() text: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The backlog item made from it',
  })
  backlogItemId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SprintReviewSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ format: 'uuid' }) sprintId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ceremonyId: string | null;
  @ApiProperty() notes: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class SprintReviewDto extends SprintReviewSummaryDto {
  @ApiProperty({ type: [ReviewItemDto], description: 'Items demonstrated, with the decision' })
  items: ReviewItemDto[];
  @ApiProperty({ type: [ReviewFeedbackDto] }) feedback: ReviewFeedbackDto[];
}

export class FeedbackToBacklogResultDto {
  @ApiProperty({ type: ReviewFeedbackDto }) feedback: ReviewFeedbackDto;
  @ApiProperty({ type: BacklogItemDto }) item: BacklogItemDto;
}
