import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { trim } from '../../../common/transforms';
import { NoNul } from '../../text-rules';
import { DECKS, type Deck } from '../poker-decks';
import type { PokerOutcome, PokerRole } from '../poker.events';

export const POKER_ROLES = ['participant', 'spectator'] as const;

export class CreatePokerSessionDto {
  @ApiProperty({
    enum: DECKS,
    description:
      'fibonacci 0–89 and ?; modified_fibonacci 0, ½, 1…100, ?, ☕; tshirt XS–XXL (1, 2, 3, 5, 8, 13 points) and ?; powers_of_two 0–64 and ?; team: the team point scale and ?',
  })
  @IsIn(DECKS)
  deck: Deck;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 100,
    description: 'Backlog items of the team, in the order they will be estimated',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  itemIds: string[];

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Default: "Planning poker" in the team locale',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoNul()
  @SingleLine()
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The calendar ceremony it belongs to' })
  @IsOptional()
  @IsUUID('all')
  ceremonyId?: string;
}

export class JoinPokerSessionDto {
  @ApiProperty({
    enum: POKER_ROLES,
    description: 'participant: may vote (poker.vote); spectator: watches, never votes',
  })
  @IsIn(POKER_ROLES)
  as: PokerRole;
}

export class PokerCardDto {
  @ApiProperty({
    example: '5',
    maxLength: 10,
    description: 'A card of the session deck, as listed in `cards`',
  })
  @IsString()
  @MaxLength(10)
  card: string;
}

export class RoundStatsDto {
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty({ type: Number, nullable: true }) median: number | null;
  @ApiProperty({ description: 'Every vote is the same card' }) consensus: boolean;
  @ApiProperty() votes: number;
}

export class PokerVoteDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null until the round is revealed (your own card is in myCard)',
  })
  card: string | null;
}

export class PokerRoundDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() round: number;
  @ApiProperty({ enum: ['voting', 'revealed'] }) state: 'voting' | 'revealed';
  @ApiProperty({ type: [PokerVoteDto] }) votes: PokerVoteDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Your card in this round' })
  myCard: string | null;
  @ApiProperty({ type: RoundStatsDto, nullable: true }) stats: RoundStatsDto | null;
}

export class RevealedRoundDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() round: number;
  @ApiProperty({ type: [PokerVoteDto] }) votes: PokerVoteDto[];
  @ApiProperty({ type: RoundStatsDto }) stats: RoundStatsDto;
}

export class PokerItemDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() title: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: ['accepted', 'skipped'], nullable: true, type: String })
  outcome: PokerOutcome | null;
  @ApiProperty({ type: String, nullable: true }) acceptedCard: string | null;
  @ApiProperty({ type: Number, nullable: true }) estimate: number | null;
}

export class PokerParticipantDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: POKER_ROLES }) role: PokerRole;
}

export class PokerSessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ceremonyId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DECKS }) deck: Deck;
  @ApiProperty({ type: [String] }) cards: string[];
  @ApiProperty({ format: 'uuid' }) facilitatorId: string;
  @ApiProperty({ enum: ['open', 'ended'] }) state: 'open' | 'ended';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) currentItemId: string | null;
  @ApiProperty() round: number;
  @ApiProperty({ enum: ['voting', 'revealed'] }) roundState: 'voting' | 'revealed';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty() version: number;
}

/** A session as one caller sees it: before a reveal, only their own card. */
export class PokerSessionDto extends PokerSessionSummaryDto {
  @ApiProperty({ type: [PokerItemDto] }) items: PokerItemDto[];
  @ApiProperty({ type: [PokerParticipantDto], description: 'Who joined, and how' })
  participants: PokerParticipantDto[];
  @ApiProperty({
    enum: POKER_ROLES,
    description: 'How you take part: as joined, else participant when you may vote',
  })
  myRole: PokerRole;
  @ApiProperty({ type: PokerRoundDto, nullable: true }) currentRound: PokerRoundDto | null;
  @ApiProperty({ type: [RevealedRoundDto], description: 'Every revealed round, oldest first' })
  history: RevealedRoundDto[];
}

/** Socket messages name the session in the payload (REST has it in the path). */
export class SessionMessageDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  sessionId: string;
}

export class CardMessageDto extends SessionMessageDto {
  @ApiProperty({ example: '5', maxLength: 10 })
  @IsString()
  @MaxLength(10)
  card: string;
}

export class JoinMessageDto extends SessionMessageDto {
  @ApiProperty({ enum: POKER_ROLES })
  @IsIn(POKER_ROLES)
  as: PokerRole;
}
