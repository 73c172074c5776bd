import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_STATUSES, ITEM_TYPES, type ItemStatus, type ItemType } from '../../backlog.events';

export class ReadyCheckResponseDto {
  @ApiProperty()
  text: string;

  @ApiProperty()
  done: boolean;
}

export class EpicProgressDto {
  @ApiProperty({ description: 'Items of the epic (not archived)' })
  items: number;

  @ApiProperty({ description: 'Of which done' })
  itemsDone: number;

  @ApiProperty({ description: 'Sum of their estimates' })
  points: number;

  @ApiProperty({ description: 'Sum of the estimates of the done ones' })
  pointsDone: number;
}

export class BacklogItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ enum: ITEM_TYPES })
  type: ItemType;

  @ApiProperty()
  title: string;

  @ApiProperty({ description: 'Markdown' })
  description: string;

  @ApiProperty({ type: [String] })
  acceptanceCriteria: string[];

  @ApiProperty({ type: Number, nullable: true })
  estimate: number | null;

  @ApiProperty({ enum: ITEM_STATUSES })
  status: ItemStatus;

  @ApiProperty({ type: [String], format: 'uuid' })
  labelIds: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  assigneeId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The epic' })
  parentId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null = product backlog',
  })
  sprintId: string | null;

  @ApiProperty({ type: [ReadyCheckResponseDto] })
  readyChecklist: ReadyCheckResponseDto[];

  @ApiProperty({ description: 'Checklist non-empty and all done, and an estimate is set' })
  ready: boolean;

  @ApiProperty({
    description: 'Opaque rank key: sort items by it in byte order; never send it back',
    example: 'a0V',
  })
  rank: string;

  @ApiProperty({ format: 'uuid' })
  createdBy: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt: string | null;

  @ApiProperty({ description: 'Also the ETag; send it back in If-Match' })
  version: number;

  @ApiPropertyOptional({ type: EpicProgressDto, nullable: true, description: 'Epics only' })
  progress?: EpicProgressDto | null;
}

export class BacklogPageDto {
  @ApiProperty({ type: [BacklogItemDto] })
  items: BacklogItemDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;

  @ApiProperty({ description: 'Items matching the filters (all pages)' })
  totalCount: number;

  @ApiProperty({ description: 'Sum of the estimates of the items matching the filters' })
  estimateSum: number;
}

export class BulkCreatedDto {
  @ApiProperty({ type: [BacklogItemDto] })
  items: BacklogItemDto[];
}

export class FieldChangeDto {
  @ApiProperty({ example: 'title' })
  field: string;

  @ApiProperty({ nullable: true, description: 'Value before (any JSON)' })
  from: unknown;

  @ApiProperty({ nullable: true, description: 'Value after (any JSON)' })
  to: unknown;
}

export class ItemChangeSourceDto {
  @ApiProperty({ enum: ['poker_session', 'retro_action_item', 'review_feedback', 'import'] })
  kind: 'poker_session' | 'retro_action_item' | 'review_feedback' | 'import';

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class HistoryEntryDto {
  @ApiProperty({ description: 'Sequence of the event in the team' })
  seq: number;

  @ApiProperty({ example: 'backlog_item.updated' })
  type: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty({ type: [FieldChangeDto] })
  changes: FieldChangeDto[];

  @ApiProperty({
    type: ItemChangeSourceDto,
    nullable: true,
    description:
      'Set when the change was made by a planning poker session, a retrospective action item or a sprint review',
  })
  source: ItemChangeSourceDto | null;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'On comment.created / comment.updated / comment.deleted: the comment',
  })
  commentId?: string;
}
