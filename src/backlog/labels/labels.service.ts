import { Injectable } from '@nestjs/common';
import { requireVersion } from '../../common/concurrency';
import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import type { FieldChange } from '../backlog.events';
import { BacklogAccess } from '../backlog-access';
import { BacklogItemsRepository } from '../items/backlog-items.repository';
import { CreateLabelDto, LabelDto, UpdateLabelDto } from './dto/label.dto';
import { toLabelDto, toLabelSnapshot } from './label.mapper';
import { LabelRow, LabelsRepository } from './labels.repository';

/** Labels of a team. Writes take the team lock, like every backlog write. */
/** Neutral grey: an imported label has no colour of its own until someone picks one. */
const IMPORTED_LABEL_COLOR = '#6c757d';

@Injectable()
export class LabelsService {
  constructor(
    private readonly access: BacklogAccess,
    private readonly labels: LabelsRepository,
    private readonly items: BacklogItemsRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async list(actor: Actor, teamId: string): Promise<LabelDto[]> {
    await this.access.team(actor, teamId, 'team.read');
    return (await this.labels.list(teamId)).map(toLabelDto);
  }

  async create(actor: Actor, teamId: string, dto: CreateLabelDto): Promise<LabelDto> {
    await this.access.team(actor, teamId, 'backlog.update');
    return this.tx.run(async (m) => {
      await this.items.lockTeam(m, teamId);
      await this.uniqueName(m, teamId, dto.name);
      const row = await this.labels.insert(m, teamId, dto.name, dto.color);
      await this.events.append(m, {
        teamId,
        type: 'label.created',
        actorId: actor.userId,
        data: { label: toLabelSnapshot(row) },
      });
      return toLabelDto(row);
    });
  }

  async update(
    actor: Actor,
    teamId: string,
    labelId: string,
    version: number,
    dto: UpdateLabelDto,
  ): Promise<LabelDto> {
    await this.access.team(actor, teamId, 'backlog.update');
    return this.tx.run(async (m) => {
      await this.items.lockTeam(m, teamId);
      const current = await this.current(m, teamId, labelId, version);
      const changes: FieldChange[] = (['name', 'color'] as const)
        .filter((field) => dto[field] !== undefined && dto[field] !== current[field])
        .map((field) => ({ field, from: current[field], to: dto[field] }));
      if (changes.length === 0) return toLabelDto(current);
      if (dto.name !== undefined) await this.uniqueName(m, teamId, dto.name, labelId);
      const row = await this.labels.update(m, teamId, labelId, version, dto);
      if (!row) throw new Error(`label ${labelId} changed under the team lock`);
      await this.events.append(m, {
        teamId,
        type: 'label.updated',
        actorId: actor.userId,
        data: { label: toLabelSnapshot(row), changes },
      });
      return toLabelDto(row);
    });
  }

  async delete(actor: Actor, teamId: string, labelId: string, version: number): Promise<void> {
    await this.access.team(actor, teamId, 'backlog.update');
    await this.tx.run(async (m) => {
      await this.items.lockTeam(m, teamId);
      const current = await this.current(m, teamId, labelId, version);
      const itemIds = await this.labels.delete(m, teamId, labelId);
      await this.events.append(m, {
        teamId,
        type: 'label.deleted',
        actorId: actor.userId,
        data: { labelId, name: current.name, itemIds },
      });
    });
  }

  /**
   * The ids of the labels named `names` (case-insensitively), creating the missing ones with
   * their `label.created` events, inside another use case's transaction (an import). The
   * caller has authorized its own action and holds the team lock.
   */
  async ensureWithin(
    m: EntityManager,
    actorId: string,
    teamId: string,
    names: string[],
  ): Promise<string[]> {
    if (names.length === 0) return [];
    const found = new Map(
      (await this.labels.byNames(m, teamId, names)).map((row) => [row.name.toLowerCase(), row.id]),
    );
    const ids: string[] = [];
    for (const name of names) {
      let id = found.get(name.toLowerCase());
      if (id === undefined) {
        const row = await this.labels.insert(m, teamId, name, IMPORTED_LABEL_COLOR);
        await this.events.append(m, {
          teamId,
          type: 'label.created',
          actorId,
          data: { label: toLabelSnapshot(row) },
        });
        id = row.id;
        found.set(name.toLowerCase(), id);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private async current(
    m: EntityManager,
    teamId: string,
    labelId: string,
    version: number,
  ): Promise<LabelRow> {
    const row = await this.labels.find(m, teamId, labelId);
    if (!row) throw new NotFoundError('Label', labelId);
    requireVersion('label', row, version, () => toLabelDto(row));
    return row;
  }

  private async uniqueName(m: EntityManager, teamId: string, name: string, except?: string) {
    if (await this.labels.nameTaken(m, teamId, name, except)) {
      throw new ConflictError('label-name-taken', `The team already has a label named ${name}`, {
        errors: [{ field: 'name', message: 'is already a label of this team' }],
      });
    }
  }
}
