import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ITEM_STATUSES, ITEM_TYPES, type ItemStatus, type ItemType } from '../../backlog.events';
import { trim } from '../../../common/transforms';

/** Present (not undefined): for PATCH fields that may be omitted but never null. */
const Present = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;

export class ReadyCheckDto {
  @ApiProperty({ example: 'Modulistica verificata con l’ufficio legale' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  text: string;

  @ApiProperty()
  @IsBoolean()
  done: boolean;
}

export class CreateBacklogItemDto {
  @ApiPropertyOptional({ enum: ITEM_TYPES, default: 'story' })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ItemType;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'Pagamento TARI online con PagoPA' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX)
  @SingleLine()
  title: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX, description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Ordered acceptance criteria' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  acceptanceCriteria?: string[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: "A value of the team's point scale, or null",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  estimate?: number | null;

  @ApiPropertyOptional({ enum: ITEM_STATUSES, default: 'todo' })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Labels of the team' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  labelIds?: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A member of the team',
  })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An epic of the team',
  })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ type: [ReadyCheckDto], description: 'Definition-of-Ready checklist' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ReadyCheckDto)
  readyChecklist?: ReadyCheckDto[];
}

/** Every field optional; `estimate`, `assigneeId` and `parentId` may be set to null. */
export class UpdateBacklogItemDto {
  @ApiPropertyOptional({ enum: ITEM_TYPES })
  @Present()
  @IsIn(ITEM_TYPES)
  type?: ItemType;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @Present()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX)
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX, description: 'Markdown' })
  @Present()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @Present()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  acceptanceCriteria?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  estimate?: number | null;

  @ApiPropertyOptional({ enum: ITEM_STATUSES })
  @Present()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Present()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  labelIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ type: [ReadyCheckDto] })
  @Present()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ReadyCheckDto)
  readyChecklist?: ReadyCheckDto[];
}

export class BulkCreateBacklogItemsDto {
  @ApiProperty({
    description:
      'One item per non-blank line (at most 200 lines); a leading "- ", "* " or "1. " is dropped',
    example: 'Modulo iscrizione mensa online\n- Rimborso pre-scuola\n',
  })
  @IsString()
  @MaxLength(200 * 210)
  text: string;

  @ApiPropertyOptional({ enum: ITEM_TYPES, default: 'story' })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ItemType;

  @ApiPropertyOptional({ format: 'uuid', description: 'An epic of the team, for every item' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  labelIds?: string[];
}

const bool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListBacklogItemsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ enum: ITEM_TYPES })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ItemType;

  @ApiPropertyOptional({ enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Items carrying this label' })
  @IsOptional()
  @IsUUID('all')
  label?: string;

  @ApiPropertyOptional({ description: 'A member id, or `none` for unassigned items' })
  @IsOptional()
  @ValidateIf((o: ListBacklogItemsQuery) => o.assignee !== 'none')
  @IsUUID('all', { message: 'assignee must be a user id or none' })
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Children of this epic' })
  @IsOptional()
  @IsUUID('all')
  epic?: string;

  @ApiPropertyOptional({ description: 'A sprint id, or `unplanned` for the product backlog' })
  @IsOptional()
  @ValidateIf((o: ListBacklogItemsQuery) => o.sprint !== 'unplanned')
  @IsUUID('all', { message: 'sprint must be a sprint id or unplanned' })
  sprint?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  ready?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'true: with an estimate; false: without' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  estimated?: boolean;

  @ApiPropertyOptional({
    description: "Full-text search over title and description (team's language)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  includeArchived?: boolean;
}
