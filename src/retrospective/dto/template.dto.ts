import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { trim } from '../../common/transforms';
import { RetroColumnDto } from './retrospective-view.dto';

export class TemplateColumnInputDto {
  @ApiProperty({ example: 'ostacoli', pattern: '^[a-z0-9_]{1,40}$' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,40}$/)
  key: string;

  @ApiProperty({ maxLength: 60, example: 'Ostacoli' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  @SingleLine()
  title: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Che cosa ci ha rallentato?' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  prompt?: string;
}

export class CreateTemplateDto {
  @ApiProperty({ maxLength: 100, example: 'Sportello unico' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;

  @ApiProperty({ type: [TemplateColumnInputDto], minItems: 1, maxItems: 8 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => TemplateColumnInputDto)
  columns: TemplateColumnInputDto[];
}

export class TemplateLocaleQuery {
  @ApiPropertyOptional({ enum: ['it', 'en'], default: 'en' })
  @IsOptional()
  @IsIn(['it', 'en'])
  locale?: 'it' | 'en';
}

export class RetroTemplateDto {
  @ApiProperty({
    description: 'A built-in key (start_stop_continue…) or the id of a saved template',
  })
  id: string;
  @ApiProperty() builtIn: boolean;
  @ApiProperty() name: string;
  @ApiProperty({ type: [RetroColumnDto] }) columns: RetroColumnDto[];
}
