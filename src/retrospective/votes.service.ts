import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConflictError, ValidationFailedError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import type { MyVotesDto } from './dto/retrospective-view.dto';
import { RetroAccess } from './retro-access';
import { requirePhase } from './retro-phases';
import { RetroRepository, RetroRow } from './retro.repository';
import { myVotes } from './retro-view';

/**
 * Dot voting on groups within a budget per member and per group. Totals and who voted what
 * are secret until the vote phase ends, so the event of a vote carries neither voter nor group:
 * only how many votes are in. The voter learns their own state from the response.
 */
@Injectable()
export class VotesService {
  constructor(
    private readonly access: RetroAccess,
    private readonly repo: RetroRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async mine(actor: Actor, retroId: string): Promise<MyVotesDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'team.read');
    const retro = (await this.repo.retro(teamId, retroId))!;
    return myVotes(retro, await this.repo.votes(retroId), actor.userId);
  }

  async cast(actor: Actor, retroId: string, groupId: string): Promise<MyVotesDto> {
    return this.change(actor, retroId, groupId.toLowerCase(), 1);
  }

  async withdraw(actor: Actor, retroId: string, groupId: string): Promise<MyVotesDto> {
    return this.change(actor, retroId, groupId, -1);
  }

  private async change(
    actor: Actor,
    retroId: string,
    groupId: string,
    delta: 1 | -1,
  ): Promise<MyVotesDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'vote');
      if (!(await this.repo.group(m, retroId, groupId)))
        throw new ValidationFailedError([
          { field: 'groupId', message: 'is not a group of this retrospective' },
        ]);
      const before = myVotes(retro, await this.repo.votes(retroId, m), actor.userId);
      const onGroup = before.votes.find((v) => v.groupId === groupId)?.count ?? 0;
      if (delta === 1) checkBudget(retro, before.used, onGroup);
      else if (onGroup === 0)
        throw new ConflictError('no-vote-to-withdraw', 'You have no vote on this group');
      await this.repo.addVote(m, retroId, groupId, actor.userId, delta);
      return this.announce(m, actor, retro);
    });
  }

  private async announce(m: EntityManager, actor: Actor, retro: RetroRow): Promise<MyVotesDto> {
    const votes = await this.repo.votes(retro.id, m);
    await this.events.append(m, {
      teamId: retro.team_id,
      type: 'retro.votes_changed',
      actorId: null,
      data: { retrospectiveId: retro.id, votesCast: votes.reduce((sum, v) => sum + v.count, 0) },
    });
    return myVotes(retro, votes, actor.userId);
  }
}

function checkBudget(retro: RetroRow, used: number, onGroup: number): void {
  if (used >= retro.vote_budget)
    throw new ConflictError(
      'vote-budget-exhausted',
      `You have used all your ${retro.vote_budget} votes; withdraw one first`,
      { budget: retro.vote_budget },
    );
  if (onGroup >= retro.votes_per_group)
    throw new ConflictError(
      'group-vote-limit',
      `At most ${retro.votes_per_group} of your votes may go to one group`,
      { perGroup: retro.votes_per_group },
    );
}
