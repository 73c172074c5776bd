import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { HHMM, IsTimezone } from './validators';

export class DailyPromptDto {
  @ApiProperty({ example: 'done', description: 'The answer key: lowercase letters, digits, _' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,29}$/, { message: 'key must be 1–30 of a-z, 0-9, _' })
  key: string;

  @ApiProperty({ example: 'Cosa ho fatto dall’ultima volta', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  text: string;
}

export class UpdateCadenceDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 31, example: 14 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  sprintLengthDays?: number;

  @ApiPropertyOptional({ example: '09:30', description: 'Local time of the daily scrum' })
  @IsOptional()
  @IsString()
  @Matches(HHMM, { message: 'dailyTime must be HH:MM' })
  dailyTime?: string;

  @ApiPropertyOptional({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays: 1 = Monday … 7 = Sunday',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingDays?: number[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Europe/Rome',
    description: "null = the team's timezone",
  })
  @IsOptional()
  @Validate(IsTimezone)
  timezone?: string | null;

  @ApiPropertyOptional({
    type: [DailyPromptDto],
    nullable: true,
    description: "The daily scrum's questions; null = the three default ones, localized",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DailyPromptDto)
  dailyPrompts?: DailyPromptDto[] | null;
}

export class CadenceDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty() sprintLengthDays: number;
  @ApiProperty({ example: '09:30' }) dailyTime: string;
  @ApiProperty({ type: [Number] }) workingDays: number[];
  @ApiProperty({ example: 'Europe/Rome' }) timezone: string;
  @ApiProperty({ type: [DailyPromptDto] }) dailyPrompts: DailyPromptDto[];
  @ApiProperty({ description: '0 while the team uses the defaults' }) version: number;
}
