import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { AccessPolicy } from '../identity/access/access.policy';
import type { TeamAction } from '../identity/access/permissions';
import type { Actor } from '../identity/actor';
import { SprintsRepository } from './sprints.repository';
import { WorkflowRepository } from './workflow.repository';

/** AccessPolicy first; a sprint of a team the actor cannot see is a 404 for the sprint. */
@Injectable()
export class SprintAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly teams: WorkflowRepository,
    private readonly sprints: SprintsRepository,
  ) {}

  async team(actor: Actor, teamId: string, action: TeamAction): Promise<void> {
    await this.policy.requireTeamPermission(actor, teamId, action);
  }

  /** Sprint routes exist for Scrum teams only: a Kanban team flows without iterations. */
  async scrumTeam(actor: Actor, teamId: string, action: TeamAction): Promise<void> {
    await this.team(actor, teamId, action);
    const team = await this.teams.team(teamId);
    if (team.process !== 'scrum')
      throw new ConflictError(
        'kanban-team',
        'Kanban teams have no sprints: they use a continuous board',
      );
  }

  async sprint(actor: Actor, sprintId: string, action: TeamAction): Promise<string> {
    const teamId = await this.sprints.teamOfSprint(sprintId);
    if (!teamId) throw new NotFoundError('Sprint', sprintId);
    try {
      await this.scrumTeam(actor, teamId, action);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Sprint', sprintId);
      throw error;
    }
    return teamId;
  }
}
