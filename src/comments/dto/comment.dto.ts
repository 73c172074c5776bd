import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { COMMENT_TARGETS, type CommentTargetType } from '../comments.events';

export const COMMENT_MAX = 10_000;

/**
 * C0 and C1 control characters other than tab and line break (NUL above all: PostgreSQL text
 * cannot hold it). Format characters (\p{Cf}) stay allowed: emoji sequences need the zero-width
 * joiner.
 */
const NO_CONTROL_CHARACTERS = /^(?:[^\p{Cc}]|[\t\n])*$/u;

/**
 * Line breaks as `\n`; blank lines and trailing spaces at either end dropped. Leading spaces of
 * the first line stay: in Markdown they can make a code block.
 */
const normalise = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .replace(/\r\n?/g, '\n')
        .replace(/^(?:[ \t]*\n)+/, '')
        .trimEnd()
    : value;

/**
 * At most `max` characters, counted as PostgreSQL counts them (code points), which the table's
 * CHECK enforces. class-validator's MaxLength does not count variation selectors, so a body
 * of them would pass it and then break the CHECK (a 500).
 */
function MaxCodePoints(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'maxLength',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || [...value].length <= max,
      defaultMessage: () => `$property must be at most ${max} characters long`,
    },
  });
}

const MENTIONS_DOC =
  'Mention a member of the team by writing `@` and their email address, e.g. ' +
  '`@mario.rossi@comune.example` (case does not matter). Mentions of members are resolved to ' +
  'their user ids (`mentions`) and rendered as `<span class="ritmo-mention" data-user-id="…">' +
  '@Name</span>`. An `@address` that is not a member of the team (an outside person, a former ' +
  'member, a user of another team, no user at all) is not an error: it stays plain text and is ' +
  'not in `mentions`, and the answer is the same whether or not such a user exists.';

export class CreateCommentDto {
  @ApiProperty({
    maxLength: COMMENT_MAX,
    example: 'Ho sentito l’ufficio legale: @mario.rossi@comune.example conferma il **modulo B**.',
    description:
      `Markdown (GitHub flavour; a line break is a break). HTML written in it is shown as text, ` +
      `never interpreted. No control characters but tab and line breaks. ${MENTIONS_DOC}`,
  })
  @Transform(normalise)
  @IsString()
  @IsNotEmpty()
  @MaxCodePoints(COMMENT_MAX)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'must not hold control characters' })
  body: string;
}

export class UpdateCommentDto extends CreateCommentDto {}

export class ListCommentsQuery {
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

export class CommentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ enum: COMMENT_TARGETS, description: 'What the comment is on' })
  targetType: CommentTargetType;

  @ApiProperty({ format: 'uuid', description: 'The backlog item or impediment' })
  targetId: string;

  @ApiProperty({ format: 'uuid' })
  authorId: string;

  @ApiProperty({ description: 'The Markdown source, as written' })
  body: string;

  @ApiProperty({
    description:
      'The body rendered to HTML and sanitized on the server (no script, event handler or ' +
      'javascript: link survives; links open in a new tab): safe to insert as it is',
  })
  html: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'User ids of the team members mentioned, in order of first mention',
  })
  mentions: string[];

  @ApiProperty({ description: 'Also the ETag; 1 until the first edit' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the body was last edited (null: never)',
  })
  editedAt: string | null;
}

export class CommentPageDto {
  @ApiProperty({ type: [CommentDto], description: 'Oldest first' })
  items: CommentDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
  nextCursor: string | null;
}

export class CommentRevisionDto {
  @ApiProperty({ description: 'The version of the comment this text was' })
  version: number;

  @ApiProperty()
  body: string;

  @ApiProperty({ description: 'Sanitized HTML of this version' })
  html: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  mentions: string[];

  @ApiProperty({ format: 'uuid', description: 'Who wrote this version (the author)' })
  editedBy: string;

  @ApiProperty({ format: 'date-time', description: 'When this version was written' })
  createdAt: string;
}
