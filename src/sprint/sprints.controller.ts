import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch } from '../common/concurrency';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import {
  CapacityDto,
  CompleteSprintDto,
  CreateSprintDto,
  PlanningDto,
  RemoveSprintItemsDto,
  SprintDto,
  SprintItemsDto,
  UpdateSprintDto,
} from './dto/sprint.dto';
import { PlanningService } from './planning.service';
import { SprintsService } from './sprints.service';

@ApiTags('sprints')
@ApiBearerAuth()
@Controller()
export class SprintsController {
  constructor(
    private readonly sprints: SprintsService,
    private readonly planningService: PlanningService,
  ) {}

  @Post('teams/:teamId/sprints')
  @ApiOperation({ summary: 'Plan a sprint (Scrum teams; dates in the team timezone)' })
  @ApiResponse({ status: 201, type: SprintDto })
  @ApiProblems(400, 401, 403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateSprintDto,
  ): Promise<SprintDto> {
    return this.sprints.create(actor, teamId, dto);
  }

  @Get('teams/:teamId/sprints')
  @ApiOperation({ summary: "The team's sprints, by start date" })
  @ApiResponse({ status: 200, type: [SprintDto] })
  @ApiProblems(401, 404, 409)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<SprintDto[]> {
    return this.sprints.list(actor, teamId);
  }

  @Get('sprints/:sprintId')
  @ApiOperation({ summary: 'Get a sprint (ETag = version)' })
  @ApiResponse({ status: 200, type: SprintDto })
  @ApiProblems(401, 404, 409)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintDto> {
    const sprint = await this.sprints.get(actor, id);
    void reply.header('ETag', etag(sprint.version));
    return sprint;
  }

  @Patch('sprints/:sprintId')
  @ApiOperation({ summary: 'Rename a sprint, change its goal or dates' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the sprint' })
  @ApiResponse({ status: 200, type: SprintDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateSprintDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintDto> {
    const sprint = await this.sprints.update(actor, id, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(sprint.version));
    return sprint;
  }

  @Post('sprints/:sprintId/items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pull items into the sprint (a scope change once started)' })
  @ApiResponse({ status: 200, type: SprintDto })
  @ApiProblems(400, 401, 403, 404, 409)
  addItems(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Body() dto: SprintItemsDto,
  ): Promise<SprintDto> {
    return this.sprints.addItems(actor, id, dto);
  }

  @Delete('sprints/:sprintId/items')
  @ApiOperation({ summary: 'Send items back to the backlog (a scope change once started)' })
  @ApiResponse({ status: 200, type: SprintDto })
  @ApiProblems(400, 401, 403, 404, 409)
  removeItems(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Body() dto: RemoveSprintItemsDto,
  ): Promise<SprintDto> {
    return this.sprints.removeItems(actor, id, dto.ids);
  }

  @Post('sprints/:sprintId/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the sprint: snapshots the commitment' })
  @ApiResponse({ status: 200, type: SprintDto })
  @ApiProblems(400, 401, 403, 404, 409)
  start(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
  ): Promise<SprintDto> {
    return this.sprints.start(actor, id);
  }

  @Post('sprints/:sprintId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the sprint: carry unfinished items over, freeze the report' })
  @ApiResponse({ status: 200, type: SprintDto })
  @ApiProblems(400, 401, 403, 404, 409)
  complete(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Body() dto: CompleteSprintDto,
  ): Promise<SprintDto> {
    return this.sprints.complete(actor, id, dto);
  }

  @Put('sprints/:sprintId/capacity')
  @ApiOperation({ summary: "Set members' availability (days off, focus factor)" })
  @ApiResponse({ status: 200, type: PlanningDto })
  @ApiProblems(400, 401, 403, 404, 409)
  capacity(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Body() dto: CapacityDto,
  ): Promise<PlanningDto> {
    return this.planningService.setCapacity(actor, id, dto);
  }

  @Get('sprints/:sprintId/planning')
  @ApiOperation({
    summary: 'Capacity and forecast (velocity of the last 3–6 sprints) vs planned points',
  })
  @ApiResponse({ status: 200, type: PlanningDto })
  @ApiProblems(401, 404, 409)
  planning(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
  ): Promise<PlanningDto> {
    return this.planningService.planning(actor, id);
  }
}
