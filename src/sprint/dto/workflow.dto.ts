import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../common/single-line';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { CATEGORIES, type Category, type WipMode } from '../sprint.events';

export class CreateStatusDto {
  @ApiProperty({ example: 'In attesa del cittadino', maxLength: 50 })
  @IsString()
  @Length(1, 50)
  @SingleLine()
  name: string;

  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category: Category;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'Most items allowed in the column',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  wipLimit?: number | null;
}

export class UpdateStatusDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @SingleLine()
  name?: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ description: 'Column order (lower first)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  wipLimit?: number | null;
}

export class DeleteStatusQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required when items are in the column' })
  @IsOptional()
  @IsUUID('all')
  moveItemsTo?: string;
}

export class UpdateWorkflowDto {
  @ApiProperty({
    enum: ['enforce', 'warn'],
    description: 'enforce: a full column refuses a card (409)',
  })
  @IsIn(['enforce', 'warn'])
  wipMode: WipMode;
}

export class StatusDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiProperty() position: number;
  @ApiProperty({ type: Number, nullable: true }) wipLimit: number | null;
  @ApiProperty() version: number;
}

export class WorkflowDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ enum: ['enforce', 'warn'] }) wipMode: WipMode;
  @ApiProperty({ type: [StatusDto] }) statuses: StatusDto[];
}
