import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { VersionETag } from '../../common/concurrency';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import { RankCheckDto, RankItemsDto, RankResultDto } from '../ranking/rank.dto';
import { RankingService } from '../ranking/ranking.service';
import { BacklogItemsService } from './backlog-items.service';
import {
  BulkCreateBacklogItemsDto,
  CreateBacklogItemDto,
  ListBacklogItemsQuery,
} from './dto/backlog-item.dto';
import { BacklogItemDto, BacklogPageDto, BulkCreatedDto } from './dto/backlog-item-response.dto';

@ApiTags('backlog')
@ApiBearerAuth()
@Controller('teams/:teamId/backlog-items')
export class TeamBacklogController {
  constructor(
    private readonly items: BacklogItemsService,
    private readonly ranking: RankingService,
  ) {}

  @Post()
  @VersionETag()
  @ApiOperation({ summary: 'Create a backlog item at the bottom of the backlog' })
  @ApiResponse({ status: 201, type: BacklogItemDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateBacklogItemDto,
  ): Promise<BacklogItemDto> {
    return this.items.create(actor, teamId, dto);
  }

  @Post('bulk')
  @ApiOperation({
    summary: 'Create one item per line of text, at the bottom, all or none',
  })
  @ApiResponse({ status: 201, type: BulkCreatedDto })
  @ApiProblems(400, 401, 403, 404)
  bulk(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: BulkCreateBacklogItemsDto,
  ): Promise<BulkCreatedDto> {
    return this.items.bulkCreate(actor, teamId, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List backlog items in rank order, filtered and searched, with cursor pagination',
  })
  @ApiResponse({ status: 200, type: BacklogPageDto })
  @ApiProblems(400, 401, 404)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() query: ListBacklogItemsQuery,
  ): Promise<BacklogPageDto> {
    return this.items.list(actor, teamId, query);
  }

  @Post('rank')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move up to 100 items, in the given order, before/after an item or to the top/bottom',
  })
  @ApiResponse({ status: 200, type: RankResultDto })
  @ApiProblems(400, 401, 403, 404)
  rank(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: RankItemsDto,
  ): Promise<RankResultDto> {
    return this.ranking.rank(actor, teamId, dto);
  }

  @Get('rank-check')
  @ApiOperation({ summary: 'Integrity check: rank keys are unique and the order is total' })
  @ApiResponse({ status: 200, type: RankCheckDto })
  @ApiProblems(401, 404)
  rankCheck(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<RankCheckDto> {
    return this.ranking.check(actor, teamId);
  }
}
