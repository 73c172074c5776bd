import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/auth/auth.decorators';
import { EventPageDto, EventsQueryDto } from './dto/realtime.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('teams/:teamId/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: "Catch up on a team's events after a seq, in order (410: too old, reload the team)",
  })
  @ApiResponse({ status: 200, type: EventPageDto })
  @ApiProblems(400, 401, 404, 410)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() query: EventsQueryDto,
  ): Promise<EventPageDto> {
    return this.events.page(actor, teamId, query.after ?? 0, query.limit ?? 200);
  }
}
