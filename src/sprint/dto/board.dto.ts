import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CATEGORIES, type Category } from '../sprint.events';

export class BoardQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Default: the active sprint (Scrum), every item (Kanban)',
  })
  @IsOptional()
  @IsUUID('all')
  sprintId?: string;
}

export class MoveCardDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  itemId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  statusId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Just before this card of the column' })
  @IsOptional()
  @IsUUID('all')
  before?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Just after this card of the column' })
  @IsOptional()
  @IsUUID('all')
  after?: string;
}

export class CardImpedimentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class CardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() type: string;
  @ApiProperty({ type: Number, nullable: true }) estimate: number | null;
  @ApiProperty({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty({ type: String, nullable: true }) sprintId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) labelIds: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The epic the card belongs to' })
  parentId: string | null;
  @ApiProperty({
    type: [CardImpedimentDto],
    description: 'Open impediments that name this item: the card is blocked while any is open',
  })
  openImpediments: CardImpedimentDto[];
  @ApiProperty({
    format: 'date-time',
    description: 'When the card entered its column (its last move to another one, or creation)',
  })
  inColumnSince: string;
  @ApiProperty() rank: string;
  @ApiProperty() version: number;
}

export class ColumnDto {
  @ApiProperty({ format: 'uuid' }) statusId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiProperty({ type: Number, nullable: true }) wipLimit: number | null;
  @ApiProperty() wipCount: number;
  @ApiProperty() overLimit: boolean;
  @ApiProperty({ type: [CardDto] }) items: CardDto[];
}

/** An epic the board's swimlanes and the card drawer name (not itself a card). */
export class BoardEpicDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Backlog rank: epic lanes follow the backlog order' }) rank: string;
  @ApiProperty({ description: 'Archived epics are listed only while a card still names them' })
  archived: boolean;
  @ApiProperty() version: number;
}

export class BoardDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ type: String, nullable: true }) sprintId: string | null;
  @ApiProperty({ enum: ['enforce', 'warn'] }) wipMode: 'enforce' | 'warn';
  @ApiProperty({ type: [ColumnDto] }) columns: ColumnDto[];
  @ApiProperty({
    type: [BoardEpicDto],
    description: "The team's epics, in backlog order, and any archived epic a card names",
  })
  epics: BoardEpicDto[];
}

export class MoveResultDto {
  @ApiProperty({ type: CardDto }) item: CardDto;
  @ApiProperty({ format: 'uuid' }) statusId: string;
  @ApiProperty() wipExceeded: boolean;
  @ApiProperty() eventSeq: number;
}
