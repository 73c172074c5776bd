import { Controller, Delete, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SkipIdempotency } from '../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor, Public } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import { FeedDto } from '../dto/ceremony.dto';
import { FeedService } from './feed.service';
import { RuntimeConfig } from '../../config/runtime-config';

@ApiTags('ceremonies')
@Controller('teams/:teamId')
export class FeedController {
  constructor(
    private readonly feeds: FeedService,
    private readonly config: RuntimeConfig,
  ) {}

  @Get('calendar.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiQuery({ name: 'token', required: true, description: 'The secret of the feed URL' })
  @ApiOperation({
    summary: 'iCalendar feed of the team ceremonies (Outlook, Google Calendar, Thunderbird)',
    description: 'Authenticated by the secret token of the feed URL only.',
  })
  @ApiResponse({ status: 200, description: 'text/calendar' })
  @ApiProblems(404)
  ics(
    @UuidParam('teamId', 'Calendar feed') teamId: string,
    @Query('token') token: unknown,
  ): Promise<string> {
    return this.feeds.ics(teamId, typeof token === 'string' ? token : undefined);
  }

  @Post('calendar-feed')
  @SkipIdempotency()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Create or rotate my secret feed URL (shown once; the old one stops working)',
  })
  @ApiResponse({ status: 201, type: FeedDto })
  @ApiProblems(401, 403, 404)
  rotate(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<FeedDto> {
    return this.feeds.rotate(actor, teamId, this.config.publicUrl);
  }

  @Delete('calendar-feed')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke my feed URL' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  revoke(@CurrentActor() actor: Actor, @UuidParam('teamId', 'Team') teamId: string): Promise<void> {
    return this.feeds.revoke(actor, teamId);
  }
}
