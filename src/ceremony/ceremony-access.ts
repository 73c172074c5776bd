import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { AccessPolicy } from '../identity/access/access.policy';
import type { TeamAction } from '../identity/access/permissions';
import type { Actor } from '../identity/actor';
import { CeremonyRepository } from './ceremony.repository';

/** AccessPolicy first; a ceremony of a team the actor cannot see is a 404 for the ceremony. */
@Injectable()
export class CeremonyAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly repo: CeremonyRepository,
  ) {}

  async team(actor: Actor, teamId: string, action: TeamAction): Promise<void> {
    await this.policy.requireTeamPermission(actor, teamId, action);
  }

  async ceremony(actor: Actor, ceremonyId: string, action: TeamAction): Promise<string> {
    const teamId = await this.repo.teamOfCeremony(ceremonyId);
    if (!teamId) throw new NotFoundError('Ceremony', ceremonyId);
    try {
      await this.team(actor, teamId, action);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Ceremony', ceremonyId);
      throw error;
    }
    return teamId;
  }
}
