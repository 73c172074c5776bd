import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://sportello.comune.scandiano.example/ritmo-hook' })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({
    type: [String],
    example: ['team.*'],
    description: 'Exact types, `<aggregate>.*` or `*`',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  events: string[];

  @ApiPropertyOptional({ example: 'Sportello ticketing' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  events?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({
    description: 'true re-enables a disabled subscription and clears its failures',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class RotateSecretDto {
  @ApiPropertyOptional({
    default: 24,
    minimum: 0,
    maximum: 168,
    description: 'Hours the old secret keeps signing too',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(168)
  graceHours?: number;
}

export class ReplayDto {
  @ApiProperty({ minimum: 1, description: 'Deliver again every matching event from this seq on' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fromSeq: number;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty()
  url: string;

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ type: [String] })
  events: string[];

  @ApiProperty()
  active: boolean;

  @ApiProperty({ description: 'Seq of the last event handled' })
  cursorSeq: number;

  @ApiProperty()
  failureCount: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextAttemptAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  disabledAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why it was disabled' })
  disabledReason: string | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Until then the previous secret signs too',
  })
  previousSecretExpiresAt: string | null;

  @ApiProperty({ description: 'Also the ETag' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class WebhookCreatedDto extends WebhookDto {
  @ApiProperty({ example: 'whsec_…', description: 'Signing secret. Shown once, never again.' })
  secret: string;
}

export class WebhookSecretDto {
  @ApiProperty({ example: 'whsec_…', description: 'The new signing secret. Shown once.' })
  secret: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  previousSecretExpiresAt: string | null;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The Ritmo-Delivery header' })
  id: string;

  @ApiProperty({ enum: ['event', 'ping', 'redelivery'] })
  kind: string;

  @ApiProperty({ nullable: true, type: Number })
  eventSeq: number | null;

  @ApiProperty()
  eventType: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status: string;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ nullable: true, type: Number })
  responseStatus: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'First 1 KB' })
  responseBody: string | null;

  @ApiProperty({ nullable: true, type: Number })
  durationMs: number | null;

  @ApiProperty({ nullable: true, type: String })
  error: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  deliveredAt: string | null;
}
