import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsUUID,
} from 'class-validator';

export const MAX_MOVED = 100;

export class RankItemsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: MAX_MOVED,
    description: 'Items to move, in the order they should end up in',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MOVED)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Put them just before this item' })
  @IsOptional()
  @IsUUID('all')
  before?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Put them just after this item' })
  @IsOptional()
  @IsUUID('all')
  after?: string;

  @ApiPropertyOptional({ enum: ['top', 'bottom'], description: 'Instead of an anchor' })
  @IsOptional()
  @IsIn(['top', 'bottom'])
  position?: 'top' | 'bottom';
}

export class RankMoveDto {
  @ApiProperty({ format: 'uuid' })
  itemId: string;

  @ApiProperty({ description: 'Rank key before the move' })
  from: string;

  @ApiProperty({ description: 'Rank key after the move' })
  to: string;
}

export class RankResultDto {
  @ApiProperty({ type: [RankMoveDto] })
  moves: RankMoveDto[];

  @ApiProperty({ description: 'True when keys grew too long and the whole list got fresh keys' })
  rebalanced: boolean;

  @ApiProperty({ description: 'Sequence of the backlog_item.ranked event' })
  eventSeq: number;
}

export class RankCheckDto {
  @ApiProperty({ description: 'Items of the team, archived ones included' })
  total: number;

  @ApiProperty({ description: 'Distinct rank keys; equals total when keys are unique' })
  unique: number;

  @ApiProperty({ description: 'True when byte order of the keys is a strict total order' })
  ordered: boolean;

  @ApiProperty()
  maxKeyLength: number;
}
