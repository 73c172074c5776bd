import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SprintDto } from './dto/sprint.dto';

export interface SprintCreated {
  teamId: string;
  sprint: SprintDto;
  actorId: string;
}

export type SprintCreatedHook = (m: EntityManager, created: SprintCreated) => Promise<void>;

/**
 * Lets modules that depend on sprints (the ceremony calendar) act inside the transaction that
 * creates one, without the sprint module depending on them: they register at start-up.
 */
@Injectable()
export class SprintHooks {
  private readonly created: SprintCreatedHook[] = [];

  onSprintCreated(hook: SprintCreatedHook): void {
    this.created.push(hook);
  }

  async sprintCreated(m: EntityManager, created: SprintCreated): Promise<void> {
    for (const hook of this.created) await hook(m, created);
  }
}
