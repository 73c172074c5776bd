import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch } from '../../common/concurrency';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import { HistoryService } from '../history/history.service';
import { BacklogItemsService } from './backlog-items.service';
import { UpdateBacklogItemDto } from './dto/backlog-item.dto';
import { BacklogItemDto, HistoryEntryDto } from './dto/backlog-item-response.dto';

@ApiTags('backlog')
@ApiBearerAuth()
@Controller('backlog-items/:itemId')
export class BacklogItemsController {
  constructor(
    private readonly items: BacklogItemsService,
    private readonly history: HistoryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Get a backlog item (ETag = version); epics include progress' })
  @ApiResponse({ status: 200, type: BacklogItemDto })
  @ApiProblems(401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('itemId', 'Backlog item') itemId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BacklogItemDto> {
    const item = await this.items.get(actor, itemId);
    void reply.header('ETag', etag(item.version));
    return item;
  }

  @Patch()
  @ApiOperation({ summary: 'Change a backlog item; only the fields sent change' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the item, e.g. "3"' })
  @ApiResponse({ status: 200, type: BacklogItemDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('itemId', 'Backlog item') itemId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateBacklogItemDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BacklogItemDto> {
    const item = await this.items.update(actor, itemId, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(item.version));
    return item;
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive a backlog item (hidden from lists unless includeArchived)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the item, e.g. "3"' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404, 409, 412, 428)
  archive(
    @CurrentActor() actor: Actor,
    @UuidParam('itemId', 'Backlog item') itemId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.items.archive(actor, itemId, parseIfMatch(ifMatch));
  }

  @Get('history')
  @ApiOperation({ summary: 'Who changed what, from what to what, when (oldest first)' })
  @ApiResponse({ status: 200, type: [HistoryEntryDto] })
  @ApiProblems(401, 404)
  itemHistory(
    @CurrentActor() actor: Actor,
    @UuidParam('itemId', 'Backlog item') itemId: string,
  ): Promise<HistoryEntryDto[]> {
    return this.history.history(actor, itemId);
  }
}
