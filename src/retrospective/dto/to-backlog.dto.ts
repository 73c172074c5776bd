import { ApiProperty } from '@nestjs/swagger';
import { BacklogItemDto } from '../../backlog/items/dto/backlog-item-response.dto';
import { ActionItemDto } from './action-item.dto';

export class ToBacklogResultDto {
  @ApiProperty({ type: ActionItemDto }) actionItem: ActionItemDto;
  @ApiProperty({ type: BacklogItemDto }) backlogItem: BacklogItemDto;
}
