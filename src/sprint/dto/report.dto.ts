import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsPlainDate } from '../../common/plain-date';

export class BurnQuery {
  @ApiPropertyOptional({ enum: ['points', 'items'], default: 'points' })
  @IsOptional()
  @IsIn(['points', 'items'])
  unit?: 'points' | 'items';
}

export class FlowQuery {
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsPlainDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsPlainDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the items of this sprint' })
  @IsOptional()
  @IsUUID('all')
  sprintId?: string;
}

export class FlowTimesQuery {
  @ApiPropertyOptional({ description: 'Only items finished in the last N days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3660)
  sinceDays?: number;
}

export class BurnPointDto {
  @ApiProperty({ description: '0 = the commitment at start; i = end of the i-th day' }) day: number;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: "False on weekends, holidays, closures (the team's calendar)" })
  workingDay: boolean;
  @ApiProperty({ type: Number, nullable: true }) remaining: number | null;
  @ApiProperty({ type: Number, nullable: true }) completed: number | null;
  @ApiProperty({ type: Number, nullable: true }) scope: number | null;
  @ApiProperty() ideal: number;
  @ApiProperty({
    description:
      "True for today's point of an active sprint: the state now, not the end of the day; it changes until the day ends",
  })
  provisional: boolean;
}

export class BurnReportDto {
  @ApiProperty({ format: 'uuid' }) sprintId: string;
  @ApiProperty({ enum: ['points', 'items'] }) unit: 'points' | 'items';
  @ApiProperty({ description: 'True once the sprint is completed: the stored report' })
  frozen: boolean;
  @ApiProperty() committed: number;
  @ApiProperty({ type: [BurnPointDto] }) points: BurnPointDto[];
}

class CountDto {
  @ApiProperty() items: number;
  @ApiProperty() points: number;
}

class ScopeChangeDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: Number, nullable: true }) estimate: number | null;
}

class ReEstimateDto extends ScopeChangeDto {
  @ApiProperty({ type: Number, nullable: true }) from: number | null;
}

class CarriedDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ type: Number, nullable: true }) estimate: number | null;
}

export class SprintReportDto {
  @ApiProperty({ format: 'uuid' }) sprintId: string;
  @ApiProperty() frozen: boolean;
  @ApiProperty({ type: CountDto }) committed: CountDto;
  @ApiProperty({ type: CountDto }) completed: CountDto;
  @ApiProperty({ type: CountDto }) finalScope: CountDto;
  @ApiProperty({ type: [ScopeChangeDto] }) added: ScopeChangeDto[];
  @ApiProperty({ type: [ScopeChangeDto] }) removed: ScopeChangeDto[];
  @ApiProperty({ type: [ReEstimateDto] }) reEstimated: ReEstimateDto[];
  @ApiProperty({ type: [CarriedDto] }) carriedOver: CarriedDto[];
}

class VelocitySprintDto {
  @ApiProperty({ format: 'uuid' }) sprintId: string;
  @ApiProperty() name: string;
  @ApiProperty() committed: number;
  @ApiProperty() completed: number;
}

export class VelocityDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ type: [VelocitySprintDto] }) sprints: VelocitySprintDto[];
}

class FlowStatusDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
}

class FlowDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'statusId → items',
  })
  counts: Record<string, number>;
}

export class CumulativeFlowDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [FlowStatusDto] }) statuses: FlowStatusDto[];
  @ApiProperty({ type: [FlowDayDto] }) days: FlowDayDto[];
}

class ItemTimesDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() title: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() startedAt: string;
  @ApiProperty() doneAt: string;
  @ApiProperty({ format: 'date', description: "The day it was done, in the team's timezone" })
  doneOn: string;
  @ApiProperty({ description: 'Calendar days (fractional)' }) cycleDays: number;
  @ApiProperty({ description: 'Calendar days (fractional)' }) leadDays: number;
  @ApiProperty({ description: "Working days of the team's calendar" }) cycleWorkingDays: number;
  @ApiProperty({ description: "Working days of the team's calendar" }) leadWorkingDays: number;
}

class PercentilesDto {
  @ApiProperty({ type: Number, nullable: true }) p50: number | null;
  @ApiProperty({ type: Number, nullable: true }) p85: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95: number | null;
}

export class FlowTimesDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ type: [ItemTimesDto] }) items: ItemTimesDto[];
  @ApiProperty({ type: PercentilesDto }) cycleTime: PercentilesDto;
  @ApiProperty({ type: PercentilesDto }) leadTime: PercentilesDto;
  @ApiProperty({ type: PercentilesDto }) cycleWorkingDays: PercentilesDto;
  @ApiProperty({ type: PercentilesDto }) leadWorkingDays: PercentilesDto;
}

class AgingStatusDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class AgingItemDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid', description: 'The in-progress column it is in' })
  statusId: string;
  @ApiProperty({ description: 'When it first entered an in-progress column' }) startedAt: string;
  @ApiProperty({ description: 'Calendar days since (fractional)' }) ageDays: number;
  @ApiProperty({ description: "Working days of the team's calendar since" })
  ageWorkingDays: number;
}

export class AgingWipDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ format: 'date', description: "Today in the team's timezone" }) asOf: string;
  @ApiProperty({ type: [AgingStatusDto], description: 'In-progress columns in workflow order' })
  statuses: AgingStatusDto[];
  @ApiProperty({ type: [AgingItemDto], description: 'Oldest first' }) items: AgingItemDto[];
  @ApiProperty({ description: 'Finished items the percentiles are computed from' })
  finished: number;
  @ApiProperty({ type: PercentilesDto }) cycleTime: PercentilesDto;
  @ApiProperty({ type: PercentilesDto }) cycleWorkingDays: PercentilesDto;
}

/** CSV beside every chart: `semicolon` for spreadsheets set to Italian (the comma is decimal). */
export class CsvQuery {
  @ApiPropertyOptional({ enum: ['comma', 'semicolon'], default: 'comma' })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter?: 'comma' | 'semicolon';
}

export class FlowTimesCsvQuery extends FlowTimesQuery {
  @ApiPropertyOptional({ enum: ['comma', 'semicolon'], default: 'comma' })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter?: 'comma' | 'semicolon';
}

export class BurnCsvQuery extends BurnQuery {
  @ApiPropertyOptional({ enum: ['comma', 'semicolon'], default: 'comma' })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter?: 'comma' | 'semicolon';
}

export class FlowCsvQuery extends FlowQuery {
  @ApiPropertyOptional({ enum: ['comma', 'semicolon'], default: 'comma' })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter?: 'comma' | 'semicolon';
}
