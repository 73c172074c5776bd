import { Body, Controller, Delete, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import type { Actor } from '../actor';
import { MyTeamDto } from '../teams/dto/team.dto';
import { TeamsService } from '../teams/teams.service';
import { ApiTokensService } from '../tokens/api-tokens.service';
import { ApiTokenCreatedDto, ApiTokenDto, CreateApiTokenDto } from '../tokens/dto/api-token.dto';
import { CurrentActor } from './auth.decorators';
import { AuthService } from './auth.service';
import { AuthThrottle } from './throttler.guard';
import { ChangePasswordDto, TokenPairDto, UpdateMeDto, UserDto } from './dto/auth.dto';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly auth: AuthService,
    private readonly apiTokens: ApiTokensService,
    private readonly teamsService: TeamsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who am I' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.auth.me(actor);
  }

  @Get('teams')
  @ApiOperation({
    summary: 'My teams across workspaces (member, or admin of the workspace), with my roles',
  })
  @ApiResponse({ status: 200, type: [MyTeamDto] })
  @ApiProblems(401)
  teams(@CurrentActor() actor: Actor): Promise<MyTeamDto[]> {
    return this.teamsService.mine(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Change my display name or language' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiProblems(400, 401, 403)
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.auth.updateMe(actor, dto);
  }

  @SkipIdempotency()
  @Post('password')
  @HttpCode(200)
  @AuthThrottle()
  @ApiOperation({
    summary: 'Change my password; signs out every other session and returns a new pair',
  })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(400, 401, 403, 429)
  changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<TokenPairDto> {
    return this.auth.changePassword(actor, dto, ip);
  }

  @Get('tokens')
  @ApiOperation({ summary: 'List my API tokens (never their secrets)' })
  @ApiResponse({ status: 200, type: [ApiTokenDto] })
  @ApiProblems(401)
  tokens(@CurrentActor() actor: Actor): Promise<ApiTokenDto[]> {
    return this.apiTokens.list(actor);
  }

  @Post('tokens')
  @ApiOperation({
    summary: 'Create an API token for a third-party client; the secret is shown once',
  })
  @ApiResponse({ status: 201, type: ApiTokenCreatedDto })
  @ApiProblems(400, 401, 403)
  createToken(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateApiTokenDto,
  ): Promise<ApiTokenCreatedDto> {
    return this.apiTokens.create(actor, dto);
  }

  @Delete('tokens/:tokenId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of my API tokens' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  revokeToken(
    @CurrentActor() actor: Actor,
    @UuidParam('tokenId', 'API token') tokenId: string,
  ): Promise<void> {
    return this.apiTokens.revoke(actor, tokenId);
  }
}
