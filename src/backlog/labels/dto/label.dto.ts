import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { trim } from '../../../common/transforms';

const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const COLOR = /^#[0-9a-f]{6}$/;

export class CreateLabelDto {
  @ApiProperty({ example: 'Sportello', maxLength: 50 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @SingleLine()
  name: string;

  @ApiProperty({ example: '#1f6feb', description: 'Hex colour #rrggbb' })
  @Transform(lower)
  @IsString()
  @Matches(COLOR, { message: 'color must be a hex colour such as #1f6feb' })
  color: string;
}

export class UpdateLabelDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @SingleLine()
  name?: string;

  @ApiPropertyOptional({ example: '#1f6feb' })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined)
  @Transform(lower)
  @IsString()
  @Matches(COLOR, { message: 'color must be a hex colour such as #1f6feb' })
  color?: string;
}

export class LabelDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: '#1f6feb' })
  color: string;

  @ApiProperty({ description: 'Also the ETag' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
