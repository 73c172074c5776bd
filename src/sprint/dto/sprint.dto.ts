import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsPlainDate } from '../../common/plain-date';

export class CreateSprintDto {
  @ApiProperty({ example: 'Ciclo 12 — iscrizioni mensa', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  goal?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: "In the team's timezone",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsPlainDate()
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsPlainDate()
  endDate?: string | null;
}

export class UpdateSprintDto extends CreateSprintDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @SingleLine()
  declare name: string;
}

export class SprintItemsDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Place them just before this sprint item' })
  @IsOptional()
  @IsUUID('all')
  before?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Place them just after this sprint item' })
  @IsOptional()
  @IsUUID('all')
  after?: string;
}

export class RemoveSprintItemsDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];
}

export const CARRY_TO = ['top', 'bottom', 'sprint'] as const;
export type CarryTo = (typeof CARRY_TO)[number];

/** One unfinished item sent somewhere other than the completion's default. */
export class CarryItemDto {
  @ApiProperty({ format: 'uuid', description: 'An unfinished item of the sprint being completed' })
  @IsUUID('all')
  itemId: string;

  @ApiProperty({
    enum: CARRY_TO,
    description:
      'top or bottom of the product backlog (in the order the item had in the sprint), or a planned sprint',
  })
  @IsIn(CARRY_TO)
  to: CarryTo;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required with to=sprint (and only then): a planned sprint of the same team',
  })
  @IsOptional()
  @IsUUID('all')
  sprintId?: string;
}

export class CompleteSprintDto {
  @ApiProperty({
    enum: CARRY_TO,
    description: 'Where unfinished items go (those not listed in items)',
  })
  @IsIn(CARRY_TO)
  carryOverTo: CarryTo;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'With carryOverTo=sprint: a planned sprint (default: the next one)',
  })
  @IsOptional()
  @IsUUID('all')
  nextSprintId?: string;

  @ApiPropertyOptional({
    type: [CarryItemDto],
    maxItems: 1000,
    description:
      'Per-item destinations overriding carryOverTo, applied in the same transaction as the ' +
      'completion. Each itemId once, each an unfinished item of this sprint; a bad entry is a 400 ' +
      'naming it (items.N.itemId, items.N.sprintId) and nothing is written.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CarryItemDto)
  items?: CarryItemDto[];
}

export class MemberCapacityDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId: string;

  @ApiProperty({ minimum: 0, description: 'Working days the member is away' })
  @IsNumber()
  @Min(0)
  @Max(366)
  daysOff: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Share of a day spent on sprint work' })
  @IsNumber()
  @Min(0)
  @Max(1)
  focusFactor: number;
}

export class CapacityDto {
  @ApiProperty({ type: [MemberCapacityDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MemberCapacityDto)
  members: MemberCapacityDto[];
}

export class SprintDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty() name: string;
  @ApiProperty() goal: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endDate: string | null;
  @ApiProperty({ enum: ['planned', 'active', 'completed'] }) state:
    'planned' | 'active' | 'completed';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty() version: number;
}

export class ForecastDto {
  @ApiProperty({ description: 'Completed sprints used (the last 3–6)' }) sprintsUsed: number;
  @ApiProperty() enoughHistory: boolean;
  @ApiProperty({ type: Number, nullable: true }) mean: number | null;
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty() plannedPoints: number;
  @ApiProperty({ description: 'Planned points above the mean velocity' }) overcommitted: boolean;
}

export class MemberAbsenceDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() days: number;
}

export class PlanningDto {
  @ApiProperty({ type: SprintDto }) sprint: SprintDto;
  @ApiProperty({ type: [String] }) itemIds: string[];
  @ApiProperty() plannedItems: number;
  @ApiProperty({ type: [MemberCapacityDto] }) members: MemberCapacityDto[];
  @ApiProperty() workingDays: number;
  @ApiProperty({ description: 'Person-days available' }) capacityDays: number;
  @ApiProperty({
    type: [MemberAbsenceDto],
    description: "Working days each member is away (the team's working calendar)",
  })
  absences: MemberAbsenceDto[];
  @ApiProperty({ type: ForecastDto }) forecast: ForecastDto;
}
