import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { EVENT_TYPES } from '../../events/event-catalogue';

export class SubscribeDto {
  @IsUUID('all', { message: 'must be a team id (UUID)' })
  teamId: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterSeq?: number;
}

export class UnsubscribeDto {
  @IsUUID('all', { message: 'must be a team id (UUID)' })
  teamId: string;
}

export class EventsQueryDto {
  @ApiPropertyOptional({
    description: 'Return events with seq greater than this (your last applied seq)',
    default: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class EventEnvelopeDto {
  @ApiProperty({ example: 42, description: 'Gapless, per team, in commit order' })
  seq: number;

  @ApiProperty({ format: 'uuid', description: 'Unique id of the event (a dedupe key)' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ enum: EVENT_TYPES, example: 'team.member_added' })
  type: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Shape depends on type: see docs/realtime.md',
  })
  data: Record<string, unknown>;
}

export class EventPageDto {
  @ApiProperty({ type: [EventEnvelopeDto] })
  events: EventEnvelopeDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `after` for the next page; null when up to date',
  })
  nextCursor: string | null;

  @ApiProperty({ description: "The team's current seq when the page was read" })
  currentSeq: number;
}
