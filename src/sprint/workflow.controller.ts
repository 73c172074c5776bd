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
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { parseIfMatch } from '../common/concurrency';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { BoardDto, BoardQuery, MoveCardDto, MoveResultDto } from './dto/board.dto';
import {
  CreateStatusDto,
  DeleteStatusQuery,
  StatusDto,
  UpdateStatusDto,
  UpdateWorkflowDto,
  WorkflowDto,
} from './dto/workflow.dto';
import { BoardService } from './board.service';
import { WorkflowService } from './workflow.service';

@ApiTags('board')
@ApiBearerAuth()
@Controller('teams/:teamId')
export class WorkflowController {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly boards: BoardService,
  ) {}

  @Get('workflow')
  @ApiOperation({ summary: "The team's columns and WIP mode (defaults created with the team)" })
  @ApiResponse({ status: 200, type: WorkflowDto })
  @ApiProblems(401, 404)
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<WorkflowDto> {
    return this.workflow.get(actor, teamId);
  }

  @Put('workflow')
  @ApiOperation({ summary: 'Set the WIP mode: enforce (refuse) or warn' })
  @ApiResponse({ status: 200, type: WorkflowDto })
  @ApiProblems(400, 401, 403, 404)
  setMode(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: UpdateWorkflowDto,
  ): Promise<WorkflowDto> {
    return this.workflow.setMode(actor, teamId, dto);
  }

  @Post('workflow/statuses')
  @ApiOperation({ summary: 'Add a column (at the end)' })
  @ApiResponse({ status: 201, type: StatusDto })
  @ApiProblems(400, 401, 403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateStatusDto,
  ): Promise<StatusDto> {
    return this.workflow.create(actor, teamId, dto);
  }

  @Patch('workflow/statuses/:statusId')
  @ApiOperation({ summary: 'Rename, reorder, recategorise a column or change its WIP limit' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version of the column' })
  @ApiResponse({ status: 200, type: StatusDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('statusId', 'Status') statusId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateStatusDto,
  ): Promise<StatusDto> {
    return this.workflow.update(actor, teamId, statusId, parseIfMatch(ifMatch), dto);
  }

  @Delete('workflow/statuses/:statusId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a column; its items go to moveItemsTo (required when in use)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version of the column' })
  @ApiResponse({ status: 204 })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('statusId', 'Status') statusId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Query() q: DeleteStatusQuery,
  ): Promise<void> {
    return this.workflow.remove(actor, teamId, statusId, parseIfMatch(ifMatch), q.moveItemsTo);
  }

  @Get('board')
  @ApiOperation({ summary: 'The board: columns with cards in rank order, WIP counts and limits' })
  @ApiResponse({ status: 200, type: BoardDto })
  @ApiProblems(400, 401, 404)
  board(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: BoardQuery,
  ): Promise<BoardDto> {
    return this.boards.board(actor, teamId, q.sprintId?.toLowerCase());
  }

  @Post('board/moves')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a card to a column and position (one event); 409 at a WIP limit unless warn',
  })
  @ApiResponse({ status: 200, type: MoveResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  move(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: MoveCardDto,
  ): Promise<MoveResultDto> {
    return this.boards.move(actor, teamId, dto);
  }
}
