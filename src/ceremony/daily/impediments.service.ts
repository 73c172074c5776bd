import { Injectable, OnModuleInit } from '@nestjs/common';
import { requireVersion } from '../../common/concurrency';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import {
  NotFoundError,
  ValidationFailedError,
  type FieldError,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { SprintHooks, type OpenImpediment } from '../../sprint/sprint-hooks';
import { CeremonyAccess } from '../ceremony-access';
import type { ImpedimentSnapshot } from '../ceremony.events';
import type {
  CreateImpedimentDto,
  ImpedimentDto,
  ImpedimentQuery,
  UpdateImpedimentDto,
} from '../dto/daily.dto';
import { DailyRepository, ImpedimentRow } from './daily.repository';

/** Impediments: raised by anyone in the team, owned, linked to items, resolved. */
@Injectable()
export class ImpedimentsService implements OnModuleInit {
  constructor(
    private readonly access: CeremonyAccess,
    private readonly repo: DailyRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly sprintHooks: SprintHooks,
  ) {}

  onModuleInit(): void {
    this.sprintHooks.provideOpenImpediments((teamId, itemIds, m) =>
      this.openByItem(teamId, itemIds, m),
    );
  }

  /** Which of `itemIds` open impediments name, and which ones: the board's blocked marker. */
  async openByItem(
    teamId: string,
    itemIds: string[],
    m?: EntityManager,
  ): Promise<Map<string, OpenImpediment[]>> {
    const wanted = new Set(itemIds);
    const byItem = new Map<string, OpenImpediment[]>();
    for (const row of await this.repo.openImpedimentsOf(teamId, itemIds, m))
      for (const itemId of row.item_ids) {
        if (!wanted.has(itemId)) continue;
        const list = byItem.get(itemId) ?? [];
        list.push({ id: row.id, title: row.title });
        byItem.set(itemId, list);
      }
    return byItem;
  }

  async create(actor: Actor, teamId: string, dto: CreateImpedimentDto): Promise<ImpedimentDto> {
    await this.access.team(actor, teamId, 'ceremony.participate');
    return this.tx.run(async (m) => {
      const itemIds = lower(dto.itemIds ?? []);
      const ownerId = dto.ownerId?.toLowerCase() ?? null;
      await this.checkReferences(m, teamId, ownerId, itemIds);
      const row = await this.repo.insertImpediment(m, {
        team_id: teamId,
        title: dto.title,
        description: dto.description ?? '',
        owner_id: ownerId,
        reported_by: actor.userId,
        item_ids: itemIds,
      });
      await this.events.append(m, {
        teamId,
        type: 'impediment.raised',
        actorId: actor.userId,
        data: { impediment: toImpediment(row) },
      });
      return toImpediment(row);
    });
  }

  async list(actor: Actor, teamId: string, q: ImpedimentQuery): Promise<ImpedimentDto[]> {
    await this.access.team(actor, teamId, 'team.read');
    return (await this.repo.impediments(teamId, q.status)).map(toImpediment);
  }

  async update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateImpedimentDto,
  ): Promise<ImpedimentDto> {
    const teamId = await this.repo.teamOfImpediment(id);
    if (!teamId) throw new NotFoundError('Impediment', id);
    try {
      await this.access.team(actor, teamId, 'ceremony.participate');
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Impediment', id);
      throw error;
    }
    return this.tx.run(async (m) => {
      const current = await this.repo.impediment(teamId, id, m);
      if (!current) throw new NotFoundError('Impediment', id);
      requireVersion('impediment', current, version, () => toImpediment(current));
      const ownerId =
        dto.ownerId === undefined ? current.owner_id : (dto.ownerId?.toLowerCase() ?? null);
      const itemIds = dto.itemIds ? lower(dto.itemIds) : current.item_ids;
      await this.checkReferences(
        m,
        teamId,
        dto.ownerId ? ownerId : null,
        dto.itemIds ? itemIds : [],
      );
      const status = dto.status ?? current.status;
      const next: Record<string, unknown> = {
        title: dto.title ?? current.title,
        description: dto.description ?? current.description,
        status,
        owner_id: ownerId,
        item_ids: itemIds,
        resolved_at:
          status === current.status
            ? current.resolved_at
            : status === 'resolved'
              ? this.clock.now()
              : null,
      };
      const changes = Object.keys(next).filter((k) => {
        const was = current[k as keyof ImpedimentRow];
        const now = next[k];
        return Array.isArray(was) ? was.join() !== (now as string[]).join() : was !== now;
      });
      if (changes.length === 0) return toImpediment(current);
      const set = Object.fromEntries(changes.map((k) => [k, next[k]]));
      const row = (await this.repo.updateImpediment(m, teamId, id, version, set)) as ImpedimentRow;
      await this.events.append(m, {
        teamId,
        type: 'impediment.updated',
        actorId: actor.userId,
        data: {
          impediment: toImpediment(row),
          changes: changes.map((c) => c.replace(/_(\w)/g, (_, x: string) => x.toUpperCase())),
        },
      });
      return toImpediment(row);
    });
  }

  private async checkReferences(
    m: EntityManager,
    teamId: string,
    ownerId: string | null,
    itemIds: string[],
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (ownerId && !(await this.repo.isMember(m, teamId, ownerId)))
      errors.push({ field: 'ownerId', message: 'is not a member of this team' });
    if (itemIds.length > 0) {
      const found = await this.repo.teamItems(m, teamId, itemIds);
      itemIds.forEach((id, i) => {
        if (!found.has(id))
          errors.push({ field: `itemIds.${i}`, message: 'is not a backlog item of this team' });
      });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}

const lower = (ids: string[]) => ids.map((id) => id.toLowerCase());

function toImpediment(row: ImpedimentRow): ImpedimentSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    title: row.title,
    description: row.description,
    status: row.status,
    ownerId: row.owner_id,
    reportedBy: row.reported_by,
    itemIds: row.item_ids,
    createdAt: row.created_at.toISOString(),
    resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
    version: row.version,
  };
}
