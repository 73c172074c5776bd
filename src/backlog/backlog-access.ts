import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { AccessPolicy } from '../identity/access/access.policy';
import type { TeamAction } from '../identity/access/permissions';
import type { Actor } from '../identity/actor';
import { BacklogItemsRepository } from './items/backlog-items.repository';

/**
 * Authorization for routes that name an item rather than a team: find the item's team, then
 * ask the access policy. An item of a team the actor cannot see is a 404 for the item — the
 * error never names the other team.
 */
@Injectable()
export class BacklogAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly items: BacklogItemsRepository,
  ) {}

  team(actor: Actor, teamId: string, action: TeamAction) {
    return this.policy.requireTeamPermission(actor, teamId, action);
  }

  async item(actor: Actor, itemId: string, action: TeamAction): Promise<string> {
    const teamId = await this.items.teamOf(itemId);
    if (!teamId) throw new NotFoundError('Backlog item', itemId);
    try {
      await this.policy.requireTeamPermission(actor, teamId, action);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Backlog item', itemId);
      throw error;
    }
    return teamId;
  }
}
