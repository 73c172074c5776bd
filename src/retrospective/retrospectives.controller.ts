import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch } from '../common/concurrency';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import {
  ChangePhaseDto,
  CreateRetrospectiveDto,
  TimerDto,
  UpdateRetrospectiveDto,
} from './dto/retrospective.dto';
import { RetrospectiveDto, RetrospectiveSummaryDto } from './dto/retrospective-view.dto';
import { CreateTemplateDto, RetroTemplateDto, TemplateLocaleQuery } from './dto/template.dto';
import { RetrospectivesService } from './retrospectives.service';
import { TemplatesService } from './templates.service';

const MARKDOWN = 'text/markdown; charset=utf-8';

@ApiTags('retrospectives')
@ApiBearerAuth()
@Controller()
export class RetrospectivesController {
  constructor(
    private readonly retros: RetrospectivesService,
    private readonly templates: TemplatesService,
  ) {}

  @Get('retro-templates')
  @ApiOperation({ summary: 'The built-in retrospective templates, in Italian or English' })
  @ApiResponse({ status: 200, type: [RetroTemplateDto] })
  @ApiProblems(401)
  builtInTemplates(@Query() q: TemplateLocaleQuery): RetroTemplateDto[] {
    return this.templates.builtIns(q.locale ?? 'en');
  }

  @Get('teams/:teamId/retro-templates')
  @ApiOperation({ summary: "Built-in templates in the team's language, and the team's own" })
  @ApiResponse({ status: 200, type: [RetroTemplateDto] })
  @ApiProblems(401, 404)
  teamTemplates(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<RetroTemplateDto[]> {
    return this.templates.forTeam(actor, teamId);
  }

  @Post('teams/:teamId/retro-templates')
  @ApiOperation({ summary: 'Save a template of columns with prompts for the team' })
  @ApiResponse({ status: 201, type: RetroTemplateDto })
  @ApiProblems(401, 403, 404, 409)
  createTemplate(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateTemplateDto,
  ): Promise<RetroTemplateDto> {
    return this.templates.create(actor, teamId, dto);
  }

  @Post('teams/:teamId/retrospectives')
  @ApiOperation({
    summary: 'Open a retrospective (facilitated by its creator unless told otherwise)',
  })
  @ApiResponse({ status: 201, type: RetrospectiveDto })
  @ApiProblems(401, 403, 404)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateRetrospectiveDto,
  ): Promise<RetrospectiveDto> {
    return this.retros.create(actor, teamId, dto);
  }

  @Get('teams/:teamId/retrospectives')
  @ApiOperation({ summary: "The team's retrospectives, newest first" })
  @ApiResponse({ status: 200, type: [RetrospectiveSummaryDto] })
  @ApiProblems(401, 404)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<RetrospectiveSummaryDto[]> {
    return this.retros.list(actor, teamId);
  }

  @Get('retrospectives/:retroId')
  @ApiOperation({ summary: 'A retrospective as you may see it now (ETag = version)' })
  @ApiResponse({ status: 200, type: RetrospectiveDto })
  @ApiProblems(401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('retroId', 'Retrospective') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RetrospectiveDto> {
    const retro = await this.retros.get(actor, id);
    void reply.header('ETag', etag(retro.version));
    return retro;
  }

  @Patch('retrospectives/:retroId')
  @ApiOperation({ summary: 'Title, facilitator, anonymity, private writing, vote budgets' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the retrospective' })
  @ApiResponse({ status: 200, type: RetrospectiveDto })
  @ApiProblems(401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('retroId', 'Retrospective') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateRetrospectiveDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RetrospectiveDto> {
    const retro = await this.retros.update(actor, id, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(retro.version));
    return retro;
  }

  @Post('retrospectives/:retroId/phase')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Facilitator: move to the next phase or back one (collect → group → vote → discuss → closed)',
  })
  @ApiResponse({ status: 200, type: RetrospectiveDto })
  @ApiProblems(401, 403, 404, 409)
  changePhase(
    @CurrentActor() actor: Actor,
    @UuidParam('retroId', 'Retrospective') id: string,
    @Body() dto: ChangePhaseDto,
  ): Promise<RetrospectiveDto> {
    return this.retros.changePhase(actor, id, dto);
  }

  @Put('retrospectives/:retroId/timer')
  @ApiOperation({ summary: 'Facilitator: start, restart or stop the timer of the current phase' })
  @ApiResponse({ status: 200, type: RetrospectiveDto })
  @ApiProblems(401, 403, 404, 409)
  timer(
    @CurrentActor() actor: Actor,
    @UuidParam('retroId', 'Retrospective') id: string,
    @Body() dto: TimerDto,
  ): Promise<RetrospectiveDto> {
    return this.retros.setTimer(actor, id, dto);
  }

  @Get('retrospectives/:retroId/export.md')
  @Header('Content-Type', MARKDOWN)
  @ApiProduces('text/markdown')
  @ApiOperation({ summary: "Markdown summary in the team's language: columns, groups, actions" })
  @ApiResponse({ status: 200, description: 'Markdown' })
  @ApiProblems(401, 404)
  exportMarkdown(
    @CurrentActor() actor: Actor,
    @UuidParam('retroId', 'Retrospective') id: string,
  ): Promise<string> {
    return this.retros.exportMarkdown(actor, id);
  }

  @Get('retrospectives/:retroId/export.json')
  @ApiOperation({ summary: 'Everything you may see of the retrospective, as JSON' })
  @ApiResponse({ status: 200, type: RetrospectiveDto })
  @ApiProblems(401, 404)
  exportJson(
    @CurrentActor() actor: Actor,
    @UuidParam('retroId', 'Retrospective') id: string,
  ): Promise<RetrospectiveDto> {
    return this.retros.get(actor, id);
  }
}
