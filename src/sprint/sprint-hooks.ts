import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SprintDto } from './dto/sprint.dto';

export interface SprintCreated {
  teamId: string;
  sprint: SprintDto;
  actorId: string;
}

export type SprintCreatedHook = (m: EntityManager, created: SprintCreated) => Promise<void>;

export interface SprintCompleted {
  teamId: string;
  sprintId: string;
  /** When it closed: early closes end the sprint here, not on its planned end date. */
  at: Date;
  actorId: string;
}

/** A sprint's start or end date changed (the sprint after the change). */
export interface SprintRescheduled {
  teamId: string;
  sprint: SprintDto;
  actorId: string;
}

/** A sprint's name changed (the sprint after the change, and the name it had). */
export interface SprintRenamed {
  teamId: string;
  sprint: SprintDto;
  previousName: string;
  actorId: string;
}

type Hook<T> = (m: EntityManager, event: T) => Promise<void>;

/** An open impediment as a board card shows it. */
export interface OpenImpediment {
  id: string;
  title: string;
}

/** The open impediments naming each of `itemIds` (items with none may be left out). */
export type OpenImpedimentsReader = (
  teamId: string,
  itemIds: string[],
  m?: EntityManager,
) => Promise<Map<string, OpenImpediment[]>>;

/**
 * Lets modules that depend on sprints (the ceremony calendar) act inside the transaction that
 * creates, completes or reschedules one, without the sprint module depending on them: they register at start-up.
 * The same way, the board reads which cards open impediments name.
 */
@Injectable()
export class SprintHooks {
  private readonly created: SprintCreatedHook[] = [];
  private readonly completed: Hook<SprintCompleted>[] = [];
  private readonly rescheduled: Hook<SprintRescheduled>[] = [];
  private readonly renamed: Hook<SprintRenamed>[] = [];
  private impediments: OpenImpedimentsReader | undefined;

  /** The ceremony module, which owns impediments, tells the board which cards are blocked. */
  provideOpenImpediments(reader: OpenImpedimentsReader): void {
    this.impediments = reader;
  }

  async openImpediments(
    teamId: string,
    itemIds: string[],
    m?: EntityManager,
  ): Promise<Map<string, OpenImpediment[]>> {
    if (!this.impediments || itemIds.length === 0) return new Map();
    return this.impediments(teamId, itemIds, m);
  }

  onSprintCreated(hook: SprintCreatedHook): void {
    this.created.push(hook);
  }

  onSprintCompleted(hook: Hook<SprintCompleted>): void {
    this.completed.push(hook);
  }

  onSprintRescheduled(hook: Hook<SprintRescheduled>): void {
    this.rescheduled.push(hook);
  }

  onSprintRenamed(hook: Hook<SprintRenamed>): void {
    this.renamed.push(hook);
  }

  async sprintRenamed(m: EntityManager, renamed: SprintRenamed): Promise<void> {
    for (const hook of this.renamed) await hook(m, renamed);
  }

  async sprintCreated(m: EntityManager, created: SprintCreated): Promise<void> {
    for (const hook of this.created) await hook(m, created);
  }

  async sprintCompleted(m: EntityManager, completed: SprintCompleted): Promise<void> {
    for (const hook of this.completed) await hook(m, completed);
  }

  async sprintRescheduled(m: EntityManager, rescheduled: SprintRescheduled): Promise<void> {
    for (const hook of this.rescheduled) await hook(m, rescheduled);
  }
}
