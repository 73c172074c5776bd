import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TeamCreatedParts, TeamSnapshot } from '../identity.events';

export interface TeamCreated {
  team: TeamSnapshot;
  actorId: string;
}

/** A hook returns its part of the `team.created` event: the rows it wrote, as the event shows them. */
export type TeamCreatedHook = (
  m: EntityManager,
  created: TeamCreated,
) => Promise<Partial<TeamCreatedParts>>;

/**
 * Lets modules that own a team's parts (the sprint module's board columns) create them inside
 * the transaction that creates the team, without identity depending on them: they register at
 * start-up. Their rows travel in the one `team.created` event, so a team never exists without
 * them and no read has to create them later.
 */
@Injectable()
export class TeamHooks {
  private readonly created: TeamCreatedHook[] = [];

  onTeamCreated(hook: TeamCreatedHook): void {
    this.created.push(hook);
  }

  async teamCreated(m: EntityManager, created: TeamCreated): Promise<Partial<TeamCreatedParts>> {
    let parts: Partial<TeamCreatedParts> = {};
    for (const hook of this.created) parts = { ...parts, ...(await hook(m, created)) };
    return parts;
  }
}
