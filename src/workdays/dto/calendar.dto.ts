import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsPlainDate } from '../../common/plain-date';

/** MM-DD that exists in a leap year (29 February is taken, and closes only in leap years). */
function IsMonthDay(): PropertyDecorator {
  return ValidateBy({
    name: 'isMonthDay',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !/^\d{2}-\d{2}$/.test(value)) return false;
        const [m, d] = value.split('-').map(Number);
        const at = new Date(Date.UTC(2024, m - 1, d));
        return at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
      },
      defaultMessage: () => 'must be a day of the year MM-DD',
    },
  });
}

export class PatronDto {
  @ApiProperty({ example: '06-24', description: 'Day of the year, MM-DD' })
  @IsMonthDay()
  date: string;

  @ApiProperty({ example: 'San Giovanni Battista', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;
}

export class ClosureDto {
  @ApiProperty({ example: '2026-12-07', description: 'YYYY-MM-DD' })
  @IsPlainDate()
  date: string;

  @ApiProperty({ example: 'Chiusura degli uffici', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;
}

export class UpdateCalendarDto {
  @ApiPropertyOptional({
    type: PatronDto,
    nullable: true,
    description: "The patron saint's day of the comune, every year; null removes it",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PatronDto)
  patron?: PatronDto | null;

  @ApiPropertyOptional({ type: [ClosureDto], description: 'Extra closures (replaces the list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => ClosureDto)
  closures?: ClosureDto[];
}

export class AbsenceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId: string;

  @ApiProperty({ example: '2026-12-01' })
  @IsPlainDate()
  from: string;

  @ApiProperty({ example: '2026-12-04', description: 'Included; not before from' })
  @IsPlainDate()
  to: string;

  @ApiPropertyOptional({
    minimum: 0.05,
    maximum: 1,
    default: 1,
    description: 'Share of each working day away (0.5 = half days, part time)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0.05)
  @Max(1)
  fraction?: number;

  @ApiPropertyOptional({ example: 'Ferie', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  note?: string;
}

export class AbsencesDto {
  @ApiProperty({ type: [AbsenceDto], description: "Every member's absences (replaces the list)" })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AbsenceDto)
  absences: AbsenceDto[];
}

export class CalendarQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Default: 1 January this year' })
  @IsOptional()
  @IsPlainDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Default: 31 December of from' })
  @IsOptional()
  @IsPlainDate()
  to?: string;
}

export class HolidayNamesDto {
  @ApiProperty({ example: 'Immacolata Concezione' })
  it: string;
  @ApiProperty({ example: 'Immaculate Conception' })
  en: string;
}

export class ClosedDayDto {
  @ApiProperty({ example: '2026-12-08' })
  date: string;

  @ApiProperty({
    enum: ['weekday', 'national', 'patron', 'closure'],
    description: 'weekday: not one of the working weekdays',
  })
  reason: 'weekday' | 'national' | 'patron' | 'closure';

  @ApiProperty({ nullable: true, type: String, description: "In the reader's language" })
  name: string | null;

  @ApiProperty({ nullable: true, type: HolidayNamesDto })
  names: HolidayNamesDto | null;
}

export class AbsenceOutDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty()
  from: string;
  @ApiProperty()
  to: string;
  @ApiProperty()
  fraction: number;
  @ApiProperty()
  note: string;
}

export class CalendarDto {
  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ description: 'ETag; 0 until anything is set' })
  version: number;

  @ApiProperty({ example: 'Europe/Rome' })
  timezone: string;

  @ApiProperty({ type: [Number], description: "The cadence's working weekdays (1 = Monday)" })
  weekdays: number[];

  @ApiProperty({ type: PatronDto, nullable: true })
  patron: PatronDto | null;

  @ApiProperty({ type: [ClosureDto] })
  closures: ClosureDto[];

  @ApiProperty({ type: [AbsenceOutDto] })
  absences: AbsenceOutDto[];

  @ApiProperty({ example: '2026-01-01' })
  from: string;

  @ApiProperty({ example: '2026-12-31' })
  to: string;

  @ApiProperty({ description: 'Working days from..to' })
  workingDays: number;

  @ApiProperty({ type: [ClosedDayDto], description: 'Every non-working day from..to, and why' })
  closedDays: ClosedDayDto[];
}
