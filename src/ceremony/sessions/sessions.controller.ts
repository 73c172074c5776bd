import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import { LiveSessionDto, StartSessionDto } from '../dto/ceremony.dto';
import { SessionsService } from './sessions.service';

@ApiTags('ceremonies')
@ApiBearerAuth()
@Controller('ceremonies/:ceremonyId')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the live session: the timebox runs on the server clock' })
  @ApiResponse({ status: 200, type: LiveSessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  start(
    @CurrentActor() actor: Actor,
    @UuidParam('ceremonyId', 'Ceremony') id: string,
    @Body() dto: StartSessionDto,
  ): Promise<LiveSessionDto> {
    return this.sessions.start(actor, id, dto ?? {});
  }

  @Post('end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the live session: records attendance from socket presence' })
  @ApiResponse({ status: 200, type: LiveSessionDto })
  @ApiProblems(401, 403, 404, 409)
  end(
    @CurrentActor() actor: Actor,
    @UuidParam('ceremonyId', 'Ceremony') id: string,
  ): Promise<LiveSessionDto> {
    return this.sessions.end(actor, id);
  }

  @Get('session')
  @ApiOperation({ summary: 'The live (or last) session with the server time, to sync a timer' })
  @ApiResponse({ status: 200, type: LiveSessionDto })
  @ApiProblems(401, 404)
  current(
    @CurrentActor() actor: Actor,
    @UuidParam('ceremonyId', 'Ceremony') id: string,
  ): Promise<LiveSessionDto> {
    return this.sessions.current(actor, id);
  }
}
