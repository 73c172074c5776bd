import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListMailFailuresQuery {
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
  @MaxLength(200)
  cursor?: string;
}

/** An email that could not be delivered, for the admins who can act on it. */
export class MailFailureDto {
  @ApiProperty({ format: 'uuid', description: 'Also the local part of its Message-ID' })
  id: string;

  @ApiProperty({ example: 'invitation', description: 'invitation, password_reset, …' })
  kind: string;

  @ApiProperty({ description: 'The recipient address' })
  to: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  userId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  workspaceId: string | null;

  @ApiProperty()
  subject: string;

  @ApiProperty({ enum: ['failed'] })
  status: 'failed';

  @ApiProperty({ description: 'Delivery attempts made' })
  attempts: number;

  @ApiProperty({ nullable: true, type: String, description: "The last attempt's error" })
  lastError: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'SMTP reply code of the last refusal (5xx: the server refused for good, a bounce)',
  })
  lastResponseCode: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  failedAt: string;
}

export class MailFailurePageDto {
  @ApiProperty({ type: [MailFailureDto], description: 'Newest failure first' })
  items: MailFailureDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
  nextCursor: string | null;
}
