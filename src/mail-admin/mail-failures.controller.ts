import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/auth/auth.decorators';
import { ListMailFailuresQuery, MailFailurePageDto } from './dto/mail-failure.dto';
import { MailFailuresService } from './mail-failures.service';

@ApiTags('mail')
@ApiBearerAuth()
@Controller()
export class MailFailuresController {
  constructor(private readonly failures: MailFailuresService) {}

  @Get('workspaces/:workspaceId/mail-failures')
  @ApiOperation({
    summary:
      'Email of this workspace that could not be delivered (workspace admins): recipient, attempts, last error',
  })
  @ApiResponse({ status: 200, type: MailFailurePageDto })
  @ApiProblems(400, 401, 403, 404)
  ofWorkspace(
    @CurrentActor() actor: Actor,
    @UuidParam('workspaceId', 'Workspace') workspaceId: string,
    @Query() q: ListMailFailuresQuery,
  ): Promise<MailFailurePageDto> {
    return this.failures.ofWorkspace(actor, workspaceId, q);
  }

  @Get('mail-failures')
  @ApiOperation({
    summary:
      'Every email that could not be delivered, password resets included (instance administrators)',
  })
  @ApiResponse({ status: 200, type: MailFailurePageDto })
  @ApiProblems(400, 401, 403)
  ofInstance(
    @CurrentActor() actor: Actor,
    @Query() q: ListMailFailuresQuery,
  ): Promise<MailFailurePageDto> {
    return this.failures.ofInstance(actor, q);
  }
}
