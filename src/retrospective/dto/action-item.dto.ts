import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ITEM_TYPES, type ItemType } from '../../backlog/backlog.events';
import { trim } from '../../common/transforms';

const Present = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);
const Nullable = () => ValidateIf((_: unknown, value: unknown) => value !== null);

export class CreateActionItemDto {
  @ApiProperty({ maxLength: 500, example: 'Checklist degli allegati allo sportello' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  text: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  ownerId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @Nullable()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  dueDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  groupId?: string | null;
}

export class UpdateActionItemDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @Present()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  text?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  ownerId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @Nullable()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  dueDate?: string | null;

  @ApiPropertyOptional({ description: 'May change after the retrospective closes: the follow-up' })
  @Present()
  @IsBoolean()
  done?: boolean;
}

export class ToBacklogDto {
  @ApiPropertyOptional({ enum: ITEM_TYPES, default: 'task' })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ItemType;

  @ApiPropertyOptional({ maxLength: 200, description: "Default: the action item's text" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title?: string;
}

export class ActionItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) retrospectiveId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) groupId: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty() done: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) backlogItemId: string | null;
  @ApiProperty({
    enum: ['open', 'done', 'todo', 'in_progress'],
    description: "The linked backlog item's status, or open/done",
  })
  status: 'open' | 'done' | 'todo' | 'in_progress';
  @ApiProperty() version: number;
}
