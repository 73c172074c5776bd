import { ApiProperty } from '@nestjs/swagger';
import { PHASES, type Phase } from '../retro.events';
import { ActionItemDto } from './action-item.dto';

export class RetroColumnDto {
  @ApiProperty({ example: 'start' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty() prompt: string;
}

export class RetrospectiveSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sprintId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ceremonyId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Built-in template key, or the id of a saved template' })
  template: string;
  @ApiProperty({ type: [RetroColumnDto] }) columns: RetroColumnDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) facilitatorId: string | null;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty() anonymous: boolean;
  @ApiProperty() privateWriting: boolean;
  @ApiProperty() voteBudget: number;
  @ApiProperty() votesPerGroup: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) phaseEndsAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previousRetrospectiveId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty() version: number;
}

export class RetroCardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() column: string;
  @ApiProperty() text: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Always null on anonymous retrospectives',
  })
  authorId: string | null;
  @ApiProperty({ description: 'You wrote it (the only authorship an anonymous card shows)' })
  mine: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) groupId: string | null;
  @ApiProperty() version: number;
}

export class ColumnCountDto {
  @ApiProperty() column: string;
  @ApiProperty() count: number;
}

export class GroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], format: 'uuid' }) cardIds: string[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Vote total; null until the vote phase ends',
  })
  votes: number | null;
  @ApiProperty() version: number;
}

export class GroupVotesDto {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() count: number;
}

export class MyVotesDto {
  @ApiProperty({ format: 'uuid' }) retrospectiveId: string;
  @ApiProperty() budget: number;
  @ApiProperty() perGroup: number;
  @ApiProperty() used: number;
  @ApiProperty() remaining: number;
  @ApiProperty({ type: [GroupVotesDto], description: 'Your votes only' }) votes: GroupVotesDto[];
}

export class NoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) groupId: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class RetrospectiveDto extends RetrospectiveSummaryDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'For timers' })
  serverTime: string;
  @ApiProperty({ type: [RetroCardDto], description: 'The cards you may see now' })
  cards: RetroCardDto[];
  @ApiProperty({
    type: [ColumnCountDto],
    description: "Private writing: how many of the others' cards each column holds",
  })
  hiddenCounts: ColumnCountDto[];
  @ApiProperty({ type: [GroupDto], description: 'Most voted first once votes are revealed' })
  groups: GroupDto[];
  @ApiProperty({ type: MyVotesDto }) myVotes: MyVotesDto;
  @ApiProperty({ type: [NoteDto] }) notes: NoteDto[];
  @ApiProperty({ type: [ActionItemDto] }) actionItems: ActionItemDto[];
  @ApiProperty({
    type: [ActionItemDto],
    description: "The previous retrospective's action items, with their status, for review",
  })
  previousActionItems: ActionItemDto[];
}
