import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
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
import { CadenceDto, UpdateCadenceDto } from '../dto/cadence.dto';
import {
  CeremonyDto,
  CeremonyQuery,
  CreateCeremonyDto,
  UpdateCeremonyDto,
} from '../dto/ceremony.dto';
import { CalendarService } from './calendar.service';

@ApiTags('ceremonies')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('teams/:teamId/cadence')
  @ApiOperation({ summary: "The team's cadence (defaults until set; version 0)" })
  @ApiResponse({ status: 200, type: CadenceDto })
  @ApiProblems(401, 404)
  async cadence(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CadenceDto> {
    const cadence = await this.calendar.cadence(actor, teamId);
    void reply.header('ETag', etag(cadence.version));
    return cadence;
  }

  @Put('teams/:teamId/cadence')
  @ApiOperation({
    summary: 'Set sprint length, daily time, working days, timezone, daily prompts',
    description:
      'Applies to sprints created from now on; existing ceremonies stay. If-Match carries the ' +
      'version read ("0" before the first change); a stale one is a 412 with the current cadence.',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag ("0" before the first)' })
  @ApiResponse({ status: 200, type: CadenceDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async updateCadence(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCadenceDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CadenceDto> {
    const cadence = await this.calendar.updateCadence(actor, teamId, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(cadence.version));
    return cadence;
  }

  @Get('teams/:teamId/ceremonies')
  @ApiOperation({ summary: "The team's calendar, by start (recurring ones once, with their rule)" })
  @ApiResponse({ status: 200, type: [CeremonyDto] })
  @ApiProblems(400, 401, 404)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: CeremonyQuery,
  ): Promise<CeremonyDto[]> {
    return this.calendar.list(actor, teamId, q);
  }

  @Post('teams/:teamId/ceremonies')
  @VersionETag()
  @ApiOperation({ summary: 'Add a ceremony by hand, optionally recurring (RFC 5545 RRULE)' })
  @ApiResponse({ status: 201, type: CeremonyDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateCeremonyDto,
  ): Promise<CeremonyDto> {
    return this.calendar.create(actor, teamId, dto);
  }

  @Get('ceremonies/:ceremonyId')
  @ApiOperation({ summary: 'Get a ceremony (ETag = version)' })
  @ApiResponse({ status: 200, type: CeremonyDto })
  @ApiProblems(401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('ceremonyId', 'Ceremony') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CeremonyDto> {
    const ceremony = await this.calendar.get(actor, id);
    void reply.header('ETag', etag(ceremony.version));
    return ceremony;
  }

  @Patch('ceremonies/:ceremonyId')
  @ApiOperation({ summary: 'Move a ceremony, change its rule, attendees, agenda, notes, outcomes' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the ceremony' })
  @ApiResponse({ status: 200, type: CeremonyDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('ceremonyId', 'Ceremony') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCeremonyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CeremonyDto> {
    const ceremony = await this.calendar.update(actor, id, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(ceremony.version));
    return ceremony;
  }

  @Post('ceremonies/:ceremonyId/cancel')
  @VersionETag()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a ceremony (it stays in the feed as CANCELLED)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the ceremony' })
  @ApiResponse({ status: 200, type: CeremonyDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam('ceremonyId', 'Ceremony') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<CeremonyDto> {
    return this.calendar.cancel(actor, id, parseIfMatch(ifMatch));
  }
}
