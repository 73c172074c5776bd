import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag } from '../../common/concurrency';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import {
  PokerCardDto,
  CreatePokerSessionDto,
  JoinPokerSessionDto,
  PokerSessionDto,
  PokerSessionSummaryDto,
} from './dto/poker.dto';
import { PokerRoundsService } from './poker-rounds.service';
import { PokerSessionsService } from './poker-sessions.service';

@ApiTags('planning poker')
@ApiBearerAuth()
@Controller()
export class PokerController {
  constructor(
    private readonly sessions: PokerSessionsService,
    private readonly rounds: PokerRoundsService,
  ) {}

  @Post('teams/:teamId/poker-sessions')
  @ApiOperation({ summary: 'Open a planning poker session over backlog items (facilitator: you)' })
  @ApiResponse({ status: 201, type: PokerSessionDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreatePokerSessionDto,
  ): Promise<PokerSessionDto> {
    return this.sessions.create(actor, teamId, dto);
  }

  @Get('teams/:teamId/poker-sessions')
  @ApiOperation({ summary: "The team's poker sessions, newest first (last 100)" })
  @ApiResponse({ status: 200, type: [PokerSessionSummaryDto] })
  @ApiProblems(401, 404)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<PokerSessionSummaryDto[]> {
    return this.sessions.list(actor, teamId);
  }

  @Get('poker-sessions/:sessionId')
  @ApiOperation({
    summary: 'A session as you may see it: before a reveal, who voted and only your own card',
  })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PokerSessionDto> {
    const session = await this.sessions.get(actor, id);
    void reply.header('ETag', etag(session.version));
    return session;
  }

  @Post('poker-sessions/:sessionId/join')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join as participant (may vote) or spectator (watches)' })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  join(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
    @Body() dto: JoinPokerSessionDto,
  ): Promise<PokerSessionDto> {
    return this.sessions.join(actor, id, dto);
  }

  @Post('poker-sessions/:sessionId/votes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Vote on the current item (hidden until the reveal; a second vote replaces the first)',
  })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  vote(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
    @Body() dto: PokerCardDto,
  ): Promise<PokerSessionDto> {
    return this.rounds.vote(actor, id, dto);
  }

  @Post('poker-sessions/:sessionId/reveal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reveal the votes: every card, min, max, median, consensus (facilitator)',
  })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(401, 403, 404, 409)
  reveal(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
  ): Promise<PokerSessionDto> {
    return this.rounds.reveal(actor, id);
  }

  @Post('poker-sessions/:sessionId/revote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a new round on the same item (facilitator)' })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(401, 403, 404, 409)
  revote(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
  ): Promise<PokerSessionDto> {
    return this.rounds.revote(actor, id);
  }

  @Post('poker-sessions/:sessionId/accept')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Accept a card as the item's estimate: written to the item with this session as its source",
  })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  accept(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
    @Body() dto: PokerCardDto,
  ): Promise<PokerSessionDto> {
    return this.rounds.accept(actor, id, dto);
  }

  @Post('poker-sessions/:sessionId/next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move on from an estimated item to the next one (facilitator)' })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(401, 403, 404, 409)
  next(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
  ): Promise<PokerSessionDto> {
    return this.rounds.advance(actor, id, 'next');
  }

  @Post('poker-sessions/:sessionId/skip')
  @HttpCode(200)
  @ApiOperation({ summary: 'Skip the current item without an estimate (facilitator)' })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(401, 403, 404, 409)
  skip(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
  ): Promise<PokerSessionDto> {
    return this.rounds.advance(actor, id, 'skip');
  }

  @Post('poker-sessions/:sessionId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session (facilitator); a second end is a 409' })
  @ApiResponse({ status: 200, type: PokerSessionDto })
  @ApiProblems(401, 403, 404, 409)
  end(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId', 'Poker session') id: string,
  ): Promise<PokerSessionDto> {
    return this.sessions.end(actor, id);
  }
}
