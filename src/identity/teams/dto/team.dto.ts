import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  Matches,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { TEAM_ROLES, type TeamRole } from '../../access/permissions';
import { trim } from '../../../common/transforms';
import { MAX_TERM_LENGTH, VOCABULARY_TERMS, type VocabularyTerm } from '../../../i18n/vocabulary';

export const FIBONACCI_SCALE = [0, 1, 2, 3, 5, 8, 13, 21];

@ValidatorConstraint({ name: 'timezone' })
class IsTimezone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 64) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as Europe/Rome';
  }
}

/**
 * Points with at most two decimals (0.5, 1, 2.25…). Not class-validator's maxDecimalPlaces: it
 * throws on exponent notation such as 4e-323 (a 500 the API fuzzer found).
 */
@ValidatorConstraint({ name: 'points' })
class IsPointValue implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.every(
        (v) =>
          typeof v === 'number' &&
          Number.isFinite(v) &&
          Number.isInteger(Math.round(v * 100)) &&
          Math.abs(v * 100 - Math.round(v * 100)) < 1e-6 &&
          (v === 0 || v >= 0.01),
      )
    );
  }
  defaultMessage(): string {
    return 'must hold numbers from 0 to 1000 with at most two decimals';
  }
}

@ValidatorConstraint({ name: 'ascending' })
class IsAscending implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.every((v, i) => i === 0 || (v as number) > (value[i - 1] as number))
    );
  }
  defaultMessage(): string {
    return 'must list distinct values in ascending order';
  }
}

/**
 * The Scrum terms a team renames, e.g. `{"sprint": "Ciclo di lavoro", "story": "Pratica"}`.
 * A PATCH merges; `null` gives a term back its default. One class per direction, built from
 * the fixed list of terms (src/i18n/vocabulary.ts).
 */
export class VocabularyPatchDto implements Partial<Record<VocabularyTerm, string | null>> {}
/** Only the renamed terms; the others are the defaults of the reader's language. */
export class VocabularyDto implements Partial<Record<VocabularyTerm, string>> {}

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\p{Cf}]+$/u;
for (const term of VOCABULARY_TERMS) {
  const patch = VocabularyPatchDto.prototype;
  ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_TERM_LENGTH })(patch, term);
  IsOptional()(patch, term);
  Transform(trim)(patch, term);
  IsString()(patch, term);
  IsNotEmpty()(patch, term);
  MaxLength(MAX_TERM_LENGTH)(patch, term);
  Matches(NO_CONTROL_CHARACTERS, { message: 'must not hold control characters' })(patch, term);
  ApiPropertyOptional({ type: String })(VocabularyDto.prototype, term);
}

class TeamFields {
  @ApiProperty({ example: 'Ufficio Tributi' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  @SingleLine()
  name: string;

  @ApiPropertyOptional({ enum: ['scrum', 'kanban'], default: 'scrum' })
  @IsOptional()
  @IsIn(['scrum', 'kanban'])
  process?: 'scrum' | 'kanban';

  @ApiPropertyOptional({
    enum: ['it', 'en'],
    description:
      "Default: the creator's language (Accept-Language, then their preference), else it",
  })
  @IsOptional()
  @IsIn(['it', 'en'])
  locale?: 'it' | 'en';

  @ApiPropertyOptional({ example: 'Europe/Rome', default: 'Europe/Rome' })
  @IsOptional()
  @Validate(IsTimezone)
  timezone?: string;

  @ApiPropertyOptional({
    type: [Number],
    example: FIBONACCI_SCALE,
    description: 'Allowed estimates, ascending',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(0, { each: true })
  @Max(1000, { each: true })
  @Validate(IsPointValue)
  @Validate(IsAscending)
  pointScale?: number[];

  @ApiPropertyOptional({
    type: VocabularyPatchDto,
    example: { sprint: 'Ciclo di lavoro', story: 'Pratica', storyPoints: 'Punti' },
    description: "Rename Scrum's terms for this team; null restores a term's default",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VocabularyPatchDto)
  vocabulary?: VocabularyPatchDto;
}

export class CreateTeamDto extends TeamFields {}

/** Every field optional; the name, when given, still may not be blank. */
export class UpdateTeamDto extends PartialType(TeamFields) {}

export class TeamDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['scrum', 'kanban'] })
  process: 'scrum' | 'kanban';

  @ApiProperty({ enum: ['it', 'en'] })
  locale: 'it' | 'en';

  @ApiProperty({ example: 'Europe/Rome' })
  timezone: string;

  @ApiProperty({ type: [Number] })
  pointScale: number[];

  @ApiProperty({ type: VocabularyDto, description: 'The Scrum terms this team renamed' })
  vocabulary: VocabularyDto;

  @ApiProperty({
    enum: [...TEAM_ROLES],
    nullable: true,
    type: String,
    description: 'Your role; null for a workspace admin outside the team',
  })
  myRole: TeamRole | null;

  @ApiProperty({ description: 'Also the ETag; send it back in If-Match' })
  version: number;

  @ApiProperty({ description: 'Sequence of the last event of this team' })
  eventSeq: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** A team of mine (GET /me/teams), with the workspace it belongs to. */
export class MyTeamDto extends TeamDto {
  @ApiProperty({ example: 'Comune di Scandiano' })
  workspaceName: string;

  @ApiProperty({
    enum: ['admin', 'member'],
    nullable: true,
    type: String,
    description: 'Your role in the workspace',
  })
  workspaceRole: 'admin' | 'member' | null;
}

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: TEAM_ROLES })
  role: TeamRole;

  @ApiProperty({ format: 'date-time' })
  joinedAt: string;
}

export class UpdateTeamMemberDto {
  @ApiProperty({ enum: TEAM_ROLES })
  @IsIn(TEAM_ROLES)
  role: TeamRole;
}
