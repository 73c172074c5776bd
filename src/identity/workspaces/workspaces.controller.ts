import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import type { Actor } from '../actor';
import { RequestLocale } from '../../i18n/locale-hints.decorator';
import type { LocaleHints } from '../../i18n/localizer.service';
import { CurrentActor } from '../auth/auth.decorators';
import { CreateTeamDto, TeamDto } from '../teams/dto/team.dto';
import { TeamsService } from '../teams/teams.service';
import {
  CreateWorkspaceDto,
  UpdateWorkspaceMemberDto,
  WorkspaceDto,
  WorkspaceMemberDto,
} from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly teams: TeamsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a workspace (a public body); you become its admin' })
  @ApiResponse({ status: 201, type: WorkspaceDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    return this.workspaces.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List the workspaces I belong to' })
  @ApiResponse({ status: 200, type: [WorkspaceDto] })
  @ApiProblems(401)
  list(@CurrentActor() actor: Actor): Promise<WorkspaceDto[]> {
    return this.workspaces.list(actor);
  }

  @Get(':workspaceId')
  @ApiOperation({ summary: 'Get a workspace' })
  @ApiResponse({ status: 200, type: WorkspaceDto })
  @ApiProblems(401, 404)
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('workspaceId', 'Workspace') workspaceId: string,
  ): Promise<WorkspaceDto> {
    return this.workspaces.get(actor, workspaceId);
  }

  @Get(':workspaceId/members')
  @ApiOperation({ summary: 'List the members of a workspace' })
  @ApiResponse({ status: 200, type: [WorkspaceMemberDto] })
  @ApiProblems(401, 404)
  members(
    @CurrentActor() actor: Actor,
    @UuidParam('workspaceId', 'Workspace') workspaceId: string,
  ): Promise<WorkspaceMemberDto[]> {
    return this.workspaces.members(actor, workspaceId);
  }

  @Patch(':workspaceId/members/:userId')
  @ApiOperation({ summary: 'Make a workspace member an admin, or an admin a member' })
  @ApiResponse({ status: 200, type: WorkspaceMemberDto })
  @ApiProblems(400, 401, 403, 404, 409)
  setMemberRole(
    @CurrentActor() actor: Actor,
    @UuidParam('workspaceId', 'Workspace') workspaceId: string,
    @UuidParam('userId', 'Workspace member') userId: string,
    @Body() dto: UpdateWorkspaceMemberDto,
  ): Promise<WorkspaceMemberDto> {
    return this.workspaces.setMemberRole(actor, workspaceId, userId, dto);
  }

  @Post(':workspaceId/teams')
  @ApiOperation({ summary: 'Create a team in a workspace (workspace admins)' })
  @ApiResponse({ status: 201, type: TeamDto })
  @ApiProblems(400, 401, 403, 404)
  createTeam(
    @CurrentActor() actor: Actor,
    @UuidParam('workspaceId', 'Workspace') workspaceId: string,
    @Body() dto: CreateTeamDto,
    @RequestLocale() locale: LocaleHints,
  ): Promise<TeamDto> {
    return this.teams.create(actor, workspaceId, dto, locale);
  }

  @Get(':workspaceId/teams')
  @ApiOperation({ summary: 'List the teams of a workspace that I can see' })
  @ApiResponse({ status: 200, type: [TeamDto] })
  @ApiProblems(401, 404)
  listTeams(
    @CurrentActor() actor: Actor,
    @UuidParam('workspaceId', 'Workspace') workspaceId: string,
  ): Promise<TeamDto[]> {
    return this.teams.list(actor, workspaceId);
  }
}
