import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class CompleteSprintDto {
  @ApiProperty({ enum: ['top', 'bottom', 'sprint'], description: 'Where unfinished items go' })
  @IsIn(['top', 'bottom', 'sprint'])
  carryOverTo: 'top' | 'bottom' | 'sprint';

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'With carryOverTo=sprint: a planned sprint (default: the next one)',
  })
  @IsOptional()
  @IsUUID('all')
  nextSprintId?: string;
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
