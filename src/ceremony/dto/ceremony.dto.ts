import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Validate,
} from 'class-validator';
import { CEREMONY_TYPES, type CeremonyType } from '../ceremony.events';
import { IsTimezone } from './validators';

const INSTANT = { strict: true, strictSeparator: true };

export class CeremonyQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the ceremonies of this sprint' })
  @IsOptional()
  @IsUUID('all')
  sprintId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(INSTANT)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(INSTANT)
  to?: string;
}

class CeremonyFields {
  @ApiPropertyOptional({ maxLength: 200, description: 'Default: the type, in the team locale' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    description: 'RFC 5545 RRULE; the first occurrence is startsAt',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  recurrence?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Team members invited' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendeeIds?: string[];

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  agenda?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  outcomes?: string;

  @ApiPropertyOptional({ example: 'Europe/Rome', description: "Default: the cadence's timezone" })
  @IsOptional()
  @Validate(IsTimezone)
  timezone?: string;
}

export class CreateCeremonyDto extends CeremonyFields {
  @ApiProperty({ enum: CEREMONY_TYPES })
  @IsIn(CEREMONY_TYPES)
  type: CeremonyType;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00+01:00' })
  @IsISO8601(INSTANT)
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:45:00+01:00' })
  @IsISO8601(INSTANT)
  endsAt: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A sprint of the same team' })
  @IsOptional()
  @IsUUID('all')
  sprintId?: string;
}

export class UpdateCeremonyDto extends CeremonyFields {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(INSTANT)
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(INSTANT)
  endsAt?: string;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) facilitatorId: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', description: 'End of the timebox' }) endsAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: [String], description: 'Who was connected (recorded at the end)' })
  attendance: string[];
}

export class CeremonyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sprintId: string | null;
  @ApiProperty({ enum: CEREMONY_TYPES }) type: CeremonyType;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: 'Europe/Rome' }) timezone: string;
  @ApiProperty({ type: String, nullable: true }) recurrence: string | null;
  @ApiProperty({
    type: [String],
    description: 'Occurrences of the rule that do not take place (a daily on a holiday): EXDATE',
  })
  excludedStarts: string[];
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status: 'scheduled' | 'cancelled';
  @ApiProperty({ type: [String] }) attendeeIds: string[];
  @ApiProperty() agenda: string;
  @ApiProperty() notes: string;
  @ApiProperty() outcomes: string;
  @ApiProperty() version: number;
}

export class LiveSessionDto {
  @ApiProperty({ type: CeremonyDto }) ceremony: CeremonyDto;
  @ApiProperty({ type: SessionDto }) session: SessionDto;
  @ApiProperty({ format: 'date-time', description: "The server's clock when it answered" })
  serverTime: string;
}

export class StartSessionDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Default: the team's scrum master (or whoever starts it)",
  })
  @IsOptional()
  @IsUUID('all')
  facilitatorId?: string;
}

export class FeedDto {
  @ApiProperty({ description: 'Shown once: the secret feed URL to subscribe to' }) url: string;
  @ApiProperty() token: string;
}
