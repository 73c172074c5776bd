import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsPlainDate } from '../../common/plain-date';

export class ForecastQuery {
  @ApiPropertyOptional({
    description: 'When will this many items be done?',
    minimum: 1,
    maximum: 5000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  items?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "When will this epic's open items be done?" })
  @IsOptional()
  @IsUUID('all')
  epicId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'How many items will be done by this date?' })
  @IsOptional()
  @IsPlainDate()
  date?: string;

  @ApiPropertyOptional({
    description: 'History used: the last N weeks',
    default: 12,
    minimum: 1,
    maximum: 104,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104)
  weeks?: number;

  @ApiPropertyOptional({
    description: 'Seed of the simulation: the same history and seed give the same answer',
    default: 1,
    minimum: 0,
    maximum: 2147483647,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2147483647)
  seed?: number;
}

export class ForecastHistoryDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Working days of the team calendar in the window' })
  workingDays: number;
  @ApiProperty({ description: 'Items finished in the window' }) finishedItems: number;
  @ApiProperty({ type: [Number], description: 'Items finished on each working day, in date order' })
  throughput: number[];
}

export class ForecastPercentileDto {
  @ApiProperty({ enum: [50, 85, 95] }) confidence: number;
  @ApiProperty({
    format: 'date',
    nullable: true,
    description: '"when": done by this date (null: not within the horizon)',
  })
  date: string | null;
  @ApiProperty({ nullable: true, description: '"when": working days from today' })
  workingDays: number | null;
  @ApiProperty({ nullable: true, description: '"how_many": at least this many items' })
  items: number | null;
}

export class ForecastBucketDto {
  @ApiProperty({ description: '"when": working days; "how_many": items' }) value: number;
  @ApiProperty({ format: 'date', nullable: true, description: '"when": the date of that day' })
  date: string | null;
  @ApiProperty() trials: number;
  @ApiProperty({
    description: '"when": share done by then; "how_many": share with at least as many',
  })
  cumulative: number;
}

export class ForecastNeededDto {
  @ApiProperty() workingDays: number;
  @ApiProperty() finishedItems: number;
}

export class MonteCarloForecastDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ enum: ['when', 'how_many'] }) question: 'when' | 'how_many';
  @ApiProperty({ enum: ['ok', 'not_enough_data'] }) status: 'ok' | 'not_enough_data';
  @ApiProperty({ format: 'date', description: "Today in the team's timezone" }) today: string;
  @ApiProperty({ nullable: true, description: 'Items to finish ("when")' }) items: number | null;
  @ApiProperty({ format: 'uuid', nullable: true }) epicId: string | null;
  @ApiProperty({ format: 'date', nullable: true, description: 'Target date ("how_many")' })
  date: string | null;
  @ApiProperty({ type: ForecastHistoryDto }) history: ForecastHistoryDto;
  @ApiProperty({ type: ForecastNeededDto, description: 'The least history a forecast needs' })
  needed: ForecastNeededDto;
  @ApiProperty({ example: 10000 }) trials: number;
  @ApiProperty() seed: number;
  @ApiProperty({ description: 'Working days simulated at most (about five years)' })
  horizon: number;
  @ApiProperty({ type: [ForecastPercentileDto] }) percentiles: ForecastPercentileDto[];
  @ApiProperty({ type: [ForecastBucketDto] }) distribution: ForecastBucketDto[];
  @ApiProperty({
    description: "The answer in one sentence, in the reader's language and the team's words",
    example: "Con l'85% di probabilità si completano 30 pratiche entro il 14 marzo 2027.",
  })
  sentence: string;
}
