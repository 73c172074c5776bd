import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import type { Actor } from '../actor';
import { OptionalActor, Public } from '../auth/auth.decorators';
import { AcceptInvitationDto, InvitationAcceptedDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

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
