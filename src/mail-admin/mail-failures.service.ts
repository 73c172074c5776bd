import { Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationFailedError } from '../common/errors/domain-error';
import { isUuid } from '../database/uuid';
import { AccessPolicy } from '../identity/access/access.policy';
import type { Actor } from '../identity/actor';
import { ListMailFailuresQuery, MailFailureDto, MailFailurePageDto } from './dto/mail-failure.dto';
import { MailFailure, MailFailures } from '../mail/mail-failures';

function toDto(failure: MailFailure): MailFailureDto {
  return {
    ...failure,
    status: 'failed',
    createdAt: failure.createdAt.toISOString(),
    failedAt: failure.failedAt.toISOString(),
  };
}

/**
 * Email that could not be delivered (refused by the server, given up after every retry, or
 * interrupted mid-send), for the admins: a workspace's admins see its messages (invitations,
 * notifications of its teams); instance admins see every message, password resets included.
 */
@Injectable()
export class MailFailuresService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly failures: MailFailures,
  ) {}

  async ofWorkspace(
    actor: Actor,
    workspaceId: string,
    q: ListMailFailuresQuery,
  ): Promise<MailFailurePageDto> {
    await this.access.requireWorkspacePermission(actor, workspaceId, 'workspace.manage');
    return this.page({ workspaceId }, q);
  }

  async ofInstance(actor: Actor, q: ListMailFailuresQuery): Promise<MailFailurePageDto> {
    if (!actor.isInstanceAdmin)
      throw new ForbiddenError('permission-denied', 'Only instance administrators may do this');
    return this.page('all', q);
  }

  private async page(
    scope: { workspaceId: string } | 'all',
    q: ListMailFailuresQuery,
  ): Promise<MailFailurePageDto> {
    const after =
      q.cursor === undefined ? undefined : Buffer.from(q.cursor, 'base64url').toString();
    if (after !== undefined && !isUuid(after)) {
      throw new ValidationFailedError([
        { field: 'cursor', message: 'is not a cursor returned by this list (nextCursor)' },
      ]);
    }
    const limit = q.limit ?? 50;
    const rows = await this.failures.list(scope, limit + 1, after);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toDto),
      nextCursor:
        rows.length > limit ? Buffer.from(page[page.length - 1].id).toString('base64url') : null,
    };
  }
}
