import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch, VersionETag } from '../../common/concurrency';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import {
  CreateImpedimentDto,
  DailyEntryBodyDto,
  DailyEntryDto,
  DailySummaryDto,
  ImpedimentDto,
  ImpedimentQuery,
  UpdateImpedimentDto,
} from '../dto/daily.dto';
import { DailyService } from './daily.service';
import { ImpedimentsService } from './impediments.service';

@ApiTags('daily scrum')
@ApiBearerAuth()
@Controller()
export class DailyController {
  constructor(
    private readonly daily: DailyService,
    private readonly impediments: ImpedimentsService,
  ) {}

  @Put('teams/:teamId/daily-scrums/:date/entries/me')
  @ApiOperation({ summary: "Post (or replace) my answers to the team's daily prompts for a date" })
  @ApiResponse({ status: 200, type: DailyEntryDto })
  @ApiProblems(400, 401, 403, 404)
  post(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Param('date') date: string,
    @Body() dto: DailyEntryBodyDto,
  ): Promise<DailyEntryDto> {
    return this.daily.post(actor, teamId, date, dto.answers);
  }

  @Get('teams/:teamId/daily-scrums/:date')
  @ApiOperation({ summary: "A day's daily scrum: every entry, and who has not posted yet" })
  @ApiResponse({ status: 200, type: DailySummaryDto })
  @ApiProblems(400, 401, 404)
  summary(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Param('date') date: string,
  ): Promise<DailySummaryDto> {
    return this.daily.summary(actor, teamId, date);
  }

  @Post('teams/:teamId/impediments')
  @VersionETag()
  @ApiOperation({ summary: 'Raise an impediment, optionally linked to backlog items' })
  @ApiResponse({ status: 201, type: ImpedimentDto })
  @ApiProblems(400, 401, 403, 404)
  raise(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateImpedimentDto,
  ): Promise<ImpedimentDto> {
    return this.impediments.create(actor, teamId, dto);
  }

  @Get('teams/:teamId/impediments')
  @ApiOperation({ summary: "The team's impediments: open first (oldest first), then resolved" })
  @ApiResponse({ status: 200, type: [ImpedimentDto] })
  @ApiProblems(400, 401, 404)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: ImpedimentQuery,
  ): Promise<ImpedimentDto[]> {
    return this.impediments.list(actor, teamId, q);
  }

  @Patch('impediments/:impedimentId')
  @ApiOperation({ summary: 'Resolve or reopen an impediment, change its owner, links, text' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the impediment' })
  @ApiResponse({ status: 200, type: ImpedimentDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('impedimentId', 'Impediment') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateImpedimentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImpedimentDto> {
    const impediment = await this.impediments.update(actor, id, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(impediment.version));
    return impediment;
  }
}
