import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'title', description: 'Path of the offending field (dots for nesting)' })
  field: string;

  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' })
  message: string;
}

/** RFC 9457 problem details, as every error response of ritmo's API. */
export class ProblemDto {
  @ApiProperty({
    example: 'urn:ritmo:problem:validation-failed',
    description: 'Stable identifier of the kind of problem; branch on this, not on the title',
  })
  type: string;

  @ApiProperty({ example: 'Bad request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'title: title must be shorter than or equal to 200 characters' })
  detail: string;

  @ApiProperty({ example: '/api/v1/teams/5b0c…/backlog-items' })
  instance: string;

  @ApiPropertyOptional({ example: '1f0e7c8a-…', description: 'Also sent as X-Request-Id' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Field-level validation errors' })
  errors?: FieldErrorDto[];
}
