import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import type { TokenScope } from '../../actor';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Sportello ticketing' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @SingleLine()
  name: string;

  @ApiProperty({ enum: ['read', 'write'], isArray: true, example: ['read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(['read', 'write'], { each: true })
  scopes: TokenScope[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Omit for a token that never expires' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  expiresAt?: string;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({
    example: 'ritmo_pat_AbC1',
    description: 'First characters, to recognise the token',
  })
  prefix: string;

  @ApiProperty({ enum: ['read', 'write'], isArray: true })
  scopes: TokenScope[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastUsedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ApiTokenCreatedDto extends ApiTokenDto {
  @ApiProperty({ example: 'ritmo_pat_…', description: 'The secret. Shown once, never again.' })
  token: string;
}
