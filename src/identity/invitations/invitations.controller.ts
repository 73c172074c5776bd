import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import type { Actor } from '../actor';
import { OptionalActor, Public } from '../auth/auth.decorators';
import { SkipIdempotency } from '../../common/idempotency/idempotency.decorator';
import {
  AcceptInvitationDto,
  InvitationAcceptedDto,
  InvitationPreviewDto,
  PreviewInvitationDto,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('preview')
  @HttpCode(200)
  @Public()
  @SkipIdempotency()
  @ApiOperation({
    summary: 'What an invitation is for (team, body, who invites, whether the account exists)',
  })
  @ApiResponse({ status: 200, type: InvitationPreviewDto })
  @ApiProblems(400, 404, 410)
  preview(@Body() dto: PreviewInvitationDto): Promise<InvitationPreviewDto> {
    return this.invitations.preview(dto.token);
  }

  @Post('accept')
  @HttpCode(200)
  @Public()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Accept an invitation: logged in, or creating the account with displayName and password',
  })
  @ApiResponse({ status: 200, type: InvitationAcceptedDto })
  @ApiProblems(400, 401, 403, 404, 409, 410)
  accept(
    @OptionalActor() actor: Actor | undefined,
    @Body() dto: AcceptInvitationDto,
  ): Promise<InvitationAcceptedDto> {
    return this.invitations.accept(actor, dto);
  }
}
