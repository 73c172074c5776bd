import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { trim } from '../../common/transforms';
import { PHASES, type Phase } from '../retro.events';
import { BUILT_IN_TEMPLATES } from '../retro-texts';

const Present = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

export class CreateRetrospectiveDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Default: "Retrospective" and the date, in the team language',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({
    enum: BUILT_IN_TEMPLATES,
    default: 'start_stop_continue',
    description: 'A built-in template (or give templateId)',
  })
  @IsOptional()
  @IsIn(BUILT_IN_TEMPLATES)
  template?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the team's saved templates" })
  @IsOptional()
  @IsUUID('all')
  templateId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The sprint this retrospective looks back on',
  })
  @IsOptional()
  @IsUUID('all')
  sprintId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The sprint_retrospective ceremony' })
  @IsOptional()
  @IsUUID('all')
  ceremonyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Default: whoever creates it' })
  @IsOptional()
  @IsUUID('all')
  facilitatorId?: string;

  @ApiPropertyOptional({ default: false, description: 'No card ever shows its author' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'During collect each person sees only their own cards',
  })
  @IsOptional()
  @IsBoolean()
  privateWriting?: boolean;

  @ApiPropertyOptional({ default: 5, minimum: 1, maximum: 50, description: 'Votes per member' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  voteBudget?: number;

  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 50, description: 'Votes per group' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  votesPerGroup?: number;
}

export class UpdateRetrospectiveDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Present()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Present()
  @IsUUID('all')
  facilitatorId?: string;

  @ApiPropertyOptional({ description: 'Only in collect, before the first card' })
  @Present()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ description: 'Only in collect' })
  @Present()
  @IsBoolean()
  privateWriting?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'Only before the vote ends' })
  @Present()
  @IsInt()
  @Min(1)
  @Max(50)
  voteBudget?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'Only before the vote ends' })
  @Present()
  @IsInt()
  @Min(1)
  @Max(50)
  votesPerGroup?: number;
}

export class ChangePhaseDto {
  @ApiProperty({ enum: PHASES, description: 'The next phase, or the previous one' })
  @IsIn(PHASES)
  phase: Phase;

  @ApiPropertyOptional({
    minimum: 10,
    maximum: 86_400,
    description: 'A timer for the new phase, in seconds',
  })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(86_400)
  durationSeconds?: number;
}

export class TimerDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 10,
    maximum: 86_400,
    description: 'Seconds from now; null stops the timer',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(10)
  @Max(86_400)
  durationSeconds: number | null;
}

export const CARD_TEXT_MAX = 2000;

export class CreateCardDto {
  @ApiProperty({ example: 'start', description: 'The key of one of the columns' })
  @IsString()
  @Length(1, 40)
  column: string;

  @ApiProperty({ maxLength: CARD_TEXT_MAX, example: 'Le pratiche arrivano senza allegati' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(CARD_TEXT_MAX)
  text: string;
}

export class UpdateCardDto {
  @ApiPropertyOptional()
  @Present()
  @IsString()
  @Length(1, 40)
  column?: string;

  @ApiPropertyOptional({ maxLength: CARD_TEXT_MAX })
  @Present()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(CARD_TEXT_MAX)
  text?: string;
}

export class MoveRetroCardDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The group to move the card into; null takes it out of its group',
  })
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all')
  groupId: string | null;
}

export class VoteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  groupId: string;
}

export class CreateNoteDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The group discussed' })
  @IsOptional()
  @IsUUID('all')
  groupId?: string;

  @ApiProperty({ maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text: string;
}
