import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TeamCreatedParts, TeamSnapshot } from '../identity.events';

export interface TeamCreated {
  team: TeamSnapshot;
  actorId: string;
}

/** The team before and after an update, in the update's transaction. */
export interface TeamUpdated {
  before: TeamSnapshot;
  team: TeamSnapshot;
  actorId: string;
}

export type TeamUpdatedHook = (m: EntityManager, updated: TeamUpdated) => Promise<void>;

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
  private readonly updated: TeamUpdatedHook[] = [];

  onTeamCreated(hook: TeamCreatedHook): void {
    this.created.push(hook);
  }

  /** Parts named in the team's words (ceremony titles) follow a new vocabulary or language. */
  onTeamUpdated(hook: TeamUpdatedHook): void {
    this.updated.push(hook);
  }

  async teamUpdated(m: EntityManager, updated: TeamUpdated): Promise<void> {
    for (const hook of this.updated) await hook(m, updated);
  }

  async teamCreated(m: EntityManager, created: TeamCreated): Promise<Partial<TeamCreatedParts>> {
    let parts: Partial<TeamCreatedParts> = {};
    for (const hook of this.created) parts = { ...parts, ...(await hook(m, created)) };
    return parts;
  }
}
