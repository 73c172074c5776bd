import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { DailyPromptDto } from './cadence.dto';

export class DailyEntryBodyDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 4000 },
    example: { done: 'Protocollo delle pratiche', plan: 'Mensa', impediments: '' },
    description: "One answer per prompt key of the team's cadence",
  })
  @IsObject()
  answers: Record<string, string>;
}

export class DailyEntryDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  answers: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class MissingMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class DailySummaryDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: [DailyPromptDto] }) prompts: DailyPromptDto[];
  @ApiProperty({ type: [DailyEntryDto] }) entries: DailyEntryDto[];
  @ApiProperty({ type: [MissingMemberDto], description: 'Members who have not posted yet' })
  missing: MissingMemberDto[];
}

export class ImpedimentQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}

class ImpedimentFields {
  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Backlog items of the same team' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  itemIds?: string[];
}

export class CreateImpedimentDto extends ImpedimentFields {
  @ApiProperty({ maxLength: 200, example: 'Il server del protocollo è fermo' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title: string;
}

export class UpdateImpedimentDto extends ImpedimentFields {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}

export class ImpedimentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: 'open' | 'resolved';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ format: 'uuid' }) reportedBy: string;
  @ApiProperty({ type: [String] }) itemIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty() version: number;
}
