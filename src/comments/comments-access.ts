import { Injectable } from '@nestjs/common';
import { BacklogAccess } from '../backlog/backlog-access';
import { BacklogItemsService } from '../backlog/items/backlog-items.service';
import { ImpedimentSubjects } from '../ceremony/impediment-subjects.service';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { AccessPolicy } from '../identity/access/access.policy';
import type { TeamAction } from '../identity/access/permissions';
import type { Actor } from '../identity/actor';
import type { CommentTargetType } from './comments.events';
import { CommentsRepository } from './comments.repository';

/**
 * Authorization of comment routes: find the team of the item, impediment or comment named in
 * the path, then ask the access policy. Something of a team the actor cannot see is a 404 for
 * that thing, never naming the team.
 */
@Injectable()
export class CommentsAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly backlog: BacklogAccess,
    private readonly items: BacklogItemsService,
    private readonly impediments: ImpedimentSubjects,
    private readonly comments: CommentsRepository,
  ) {}

  /** The team of the target; for a new comment (`writing`), an archived item is a 409. */
  async target(
    actor: Actor,
    type: CommentTargetType,
    id: string,
    action: TeamAction,
    writing = false,
  ): Promise<string> {
    switch (type) {
      case 'backlog_item': {
        const teamId = await this.backlog.item(actor, id, action);
        if (writing && (await this.items.get(actor, id)).archivedAt !== null)
          throw new ConflictError('item-archived', 'The item is archived');
        return teamId;
      }
      case 'impediment':
        return this.within(actor, await this.impediments.teamOf(id), action, 'Impediment', id);
    }
  }

  async comment(actor: Actor, commentId: string, action: TeamAction): Promise<string> {
    return this.within(actor, await this.comments.teamOf(commentId), action, 'Comment', commentId);
  }

  private async within(
    actor: Actor,
    teamId: string | undefined,
    action: TeamAction,
    resource: string,
    id: string,
  ): Promise<string> {
    if (!teamId) throw new NotFoundError(resource, id);
    try {
      await this.policy.requireTeamPermission(actor, teamId, action);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(resource, id);
      throw error;
    }
    return teamId;
  }
}
