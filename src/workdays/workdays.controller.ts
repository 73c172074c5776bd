import { Body, Controller, Get, Headers, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch } from '../common/concurrency';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { RequestLocale } from '../i18n/locale-hints.decorator';
import { Localizer, type LocaleHints } from '../i18n/localizer.service';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { AbsencesDto, CalendarDto, CalendarQuery, UpdateCalendarDto } from './dto/calendar.dto';
import { WorkdaysService } from './workdays.service';

@ApiTags('working calendar')
@ApiBearerAuth()
@Controller('teams/:teamId/working-calendar')
export class WorkdaysController {
  constructor(
    private readonly workdays: WorkdaysService,
    private readonly localizer: Localizer,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Working days: weekdays, Italian holidays, patron day, closures, absences',
    description: 'closedDays lists every non-working day from..to (default: this year) and why.',
  })
  @ApiResponse({ status: 200, type: CalendarDto })
  @ApiProblems(400, 401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: CalendarQuery,
    @RequestLocale() hints: LocaleHints,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarDto> {
    const lang = await this.localizer.resolve(hints, teamId);
    const calendar = await this.workdays.get(actor, teamId, q, lang);
    void reply.header('ETag', etag(calendar.version));
    return calendar;
  }

  @Put()
  @ApiOperation({ summary: "Set the patron saint's day and the extra closures (team.update)" })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag ("0" before the first)' })
  @ApiResponse({ status: 200, type: CalendarDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCalendarDto,
    @RequestLocale() hints: LocaleHints,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarDto> {
    const version = parseIfMatch(ifMatch);
    const lang = await this.localizer.resolve(hints, teamId);
    const calendar = await this.workdays.update(actor, teamId, version, dto, lang);
    void reply.header('ETag', etag(calendar.version));
    return calendar;
  }

  @Put('absences')
  @ApiOperation({ summary: "Replace the members' absences (sprint.manage)" })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag ("0" before the first)' })
  @ApiResponse({ status: 200, type: CalendarDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async absences(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: AbsencesDto,
    @RequestLocale() hints: LocaleHints,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarDto> {
    const version = parseIfMatch(ifMatch);
    const lang = await this.localizer.resolve(hints, teamId);
    const calendar = await this.workdays.setAbsences(actor, teamId, version, dto, lang);
    void reply.header('ETag', etag(calendar.version));
    return calendar;
  }
}
