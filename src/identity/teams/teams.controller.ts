import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch } from '../../common/concurrency';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import type { Actor } from '../actor';
import { CurrentActor } from '../auth/auth.decorators';
import {
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationDto,
} from '../invitations/dto/invitation.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { TeamDto, TeamMemberDto, UpdateTeamDto, UpdateTeamMemberDto } from './dto/team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams/:teamId')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Get a team (ETag = version)' })
  @ApiResponse({ status: 200, type: TeamDto })
  @ApiProblems(401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamDto> {
    const team = await this.teams.get(actor, teamId);
    void reply.header('ETag', etag(team.version));
    return team;
  }

  @Patch()
  @ApiOperation({
    summary: 'Change a team: name, process, locale, timezone, point scale, vocabulary',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the team, e.g. "3"' })
  @ApiResponse({ status: 200, type: TeamDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateTeamDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamDto> {
    const team = await this.teams.update(actor, teamId, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(team.version));
    return team;
  }

  @Get('members')
  @ApiOperation({ summary: 'List the members of a team with their roles' })
  @ApiResponse({ status: 200, type: [TeamMemberDto] })
  @ApiProblems(401, 404)
  members(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<TeamMemberDto[]> {
    return this.teams.members(actor, teamId);
  }

  @Patch('members/:userId')
  @ApiOperation({ summary: "Change a member's role" })
  @ApiResponse({ status: 200, type: TeamMemberDto })
  @ApiProblems(400, 401, 403, 404)
  changeRole(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('userId', 'Team member') userId: string,
    @Body() dto: UpdateTeamMemberDto,
  ): Promise<TeamMemberDto> {
    return this.teams.changeRole(actor, teamId, userId, dto);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member from the team (or leave it yourself)' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  removeMember(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('userId', 'Team member') userId: string,
  ): Promise<void> {
    return this.teams.removeMember(actor, teamId, userId);
  }

  @Post('invitations')
  @ApiOperation({
    summary:
      'Invite someone by email with a role: the link is emailed to them; the single-use token is also shown once',
  })
  @ApiResponse({ status: 201, type: InvitationCreatedDto })
  @ApiProblems(400, 401, 403, 404)
  invite(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateInvitationDto,
  ): Promise<InvitationCreatedDto> {
    return this.invitations.invite(actor, teamId, dto);
  }

  @Get('invitations')
  @ApiOperation({ summary: 'List pending invitations' })
  @ApiResponse({ status: 200, type: [InvitationDto] })
  @ApiProblems(401, 403, 404)
  pending(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<InvitationDto[]> {
    return this.invitations.pending(actor, teamId);
  }

  @Post('invitations/:invitationId/resend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Email a pending (or expired) invitation again: a new token and a new week; the old link stops working',
  })
  @ApiResponse({ status: 200, type: InvitationCreatedDto })
  @ApiProblems(401, 403, 404)
  resendInvitation(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('invitationId', 'Invitation') invitationId: string,
  ): Promise<InvitationCreatedDto> {
    return this.invitations.resend(actor, teamId, invitationId);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  revokeInvitation(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('invitationId', 'Invitation') invitationId: string,
  ): Promise<void> {
    return this.invitations.revoke(actor, teamId, invitationId);
  }
}
