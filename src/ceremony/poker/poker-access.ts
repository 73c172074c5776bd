import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '../../common/errors/domain-error';
import { AccessPolicy, TeamAccess } from '../../identity/access/access.policy';
import type { TeamAction } from '../../identity/access/permissions';
import type { Actor } from '../../identity/actor';
import { PokerRepository, SessionRow } from './poker.repository';

/** AccessPolicy first; a session of a team the actor cannot see is a 404 for the session. */
@Injectable()
export class PokerAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly repo: PokerRepository,
  ) {}

  team(actor: Actor, teamId: string, action: TeamAction): Promise<TeamAccess> {
    return this.policy.requireTeamPermission(actor, teamId, action);
  }

  async session(actor: Actor, sessionId: string, action: TeamAction): Promise<TeamAccess> {
    const teamId = await this.repo.teamOfSession(sessionId);
    if (!teamId) throw new NotFoundError('Poker session', sessionId);
    try {
      return await this.policy.requireTeamPermission(actor, teamId, action);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Poker session', sessionId);
      throw error;
    }
  }

  /** Facilitating is `ceremony.manage` and being the session's facilitator (its creator). */
  async facilitator(actor: Actor, sessionId: string): Promise<TeamAccess> {
    const access = await this.session(actor, sessionId, 'ceremony.manage');
    const session = (await this.repo.session(access.teamId, sessionId)) as SessionRow;
    if (session.facilitator_id !== actor.userId)
      throw new ForbiddenError(
        'not-facilitator',
        'Only the facilitator of this session may do this',
      );
    return access;
  }
}
