import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldError, ValidationFailedError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { BacklogAccess } from '../backlog-access';
import { BacklogItemsRepository } from '../items/backlog-items.repository';
import { freshKeys, keysBetween, needsRebalance } from './rank-keys';
import { RankCheckDto, RankItemsDto, RankResultDto } from './rank.dto';
import { RankingRepository } from './ranking.repository';

/**
 * Server-side ranking. Every key is computed inside the transaction, after taking the team
 * row lock (BacklogItemsRepository.lockTeam): concurrent moves run one after the other, each
 * seeing the keys the previous one committed, so two moves can never pick the same key.
 * A move writes one row per moved item, whatever the length of the list.
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly access: BacklogAccess,
    private readonly items: BacklogItemsRepository,
    private readonly ranking: RankingRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async rank(actor: Actor, teamId: string, dto: RankItemsDto): Promise<RankResultDto> {
    await this.access.team(actor, teamId, 'backlog.rank');
    const ids = dto.ids.map((id) => id.toLowerCase());
    const before = dto.before?.toLowerCase();
    const after = dto.after?.toLowerCase();
    checkPlacement(ids, before, after, dto.position);
    return this.tx.run(async (m) => {
      await this.items.lockTeam(m, teamId);
      const anchor = before ?? after;
      const found = await this.ranking.items(m, teamId, anchor ? [...ids, anchor] : ids);
      const errors: FieldError[] = ids
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => !found.has(id))
        .map(({ index }) => ({ field: `ids.${index}`, message: 'is not an item of this team' }));
      if (anchor && !found.has(anchor))
        errors.push({ field: before ? 'before' : 'after', message: 'is not an item of this team' });
      if (errors.length > 0) throw new ValidationFailedError(errors);

      const [lower, upper] = await this.bounds(m, teamId, ids, found, before, after, dto.position);
      const keys = keysBetween(lower, upper, ids.length);
      await this.ranking.setRanks(m, teamId, ids, keys);
      const moves = ids.map((id, index) => ({
        itemId: id,
        from: found.get(id) as string,
        to: keys[index],
      }));
      const event = await this.events.append(m, {
        teamId,
        type: 'backlog_item.ranked',
        actorId: actor.userId,
        data: {
          moves,
          before: before ?? null,
          after: after ?? null,
          position: dto.position ?? null,
        },
      });
      const rebalanced = needsRebalance(keys);
      if (rebalanced) await this.rebalance(m, teamId, actor.userId);
      return { moves, rebalanced, eventSeq: event.seq };
    });
  }

  async check(actor: Actor, teamId: string): Promise<RankCheckDto> {
    await this.access.team(actor, teamId, 'team.read');
    const row = await this.ranking.check(teamId);
    return {
      total: row.total,
      unique: row.unique,
      ordered: row.ordered,
      maxKeyLength: row.max_key_length,
    };
  }

  /**
   * Fresh short keys for the whole list, same order, one statement, one event. It runs inline,
   * in the transaction of the move that produced a key over MAX_KEY_LENGTH, rather than in a
   * background job: it is rare, and a list never stays unbalanced.
   */
  private async rebalance(m: EntityManager, teamId: string, actorId: string): Promise<void> {
    const rows = await this.ranking.allInOrder(m, teamId);
    const keys = freshKeys(rows.length);
    await this.ranking.setRanks(
      m,
      teamId,
      rows.map((row) => row.id),
      keys,
    );
    await this.events.append(m, {
      teamId,
      type: 'backlog_item.rebalanced',
      actorId,
      data: { ranks: rows.map((row, index) => ({ itemId: row.id, rank: keys[index] })) },
    });
  }

  /** The keys the moved items must fit strictly between (null = open end). */
  private async bounds(
    m: EntityManager,
    teamId: string,
    ids: string[],
    found: Map<string, string>,
    before: string | undefined,
    after: string | undefined,
    position: 'top' | 'bottom' | undefined,
  ): Promise<[string | null, string | null]> {
    if (after) {
      const low = found.get(after) as string;
      return [low, await this.ranking.neighbour(m, teamId, low, 'next', ids)];
    }
    if (before) {
      const high = found.get(before) as string;
      return [await this.ranking.neighbour(m, teamId, high, 'previous', ids), high];
    }
    return position === 'top'
      ? [null, await this.ranking.neighbour(m, teamId, null, 'next', ids)]
      : [await this.ranking.neighbour(m, teamId, null, 'previous', ids), null];
  }
}

function checkPlacement(
  ids: string[],
  before: string | undefined,
  after: string | undefined,
  position: 'top' | 'bottom' | undefined,
): void {
  const given = [before, after, position].filter((value) => value !== undefined).length;
  if (given !== 1) {
    throw new ValidationFailedError([
      { field: 'position', message: 'give exactly one of before, after or position' },
    ]);
  }
  const anchor = before ?? after;
  if (anchor && ids.includes(anchor)) {
    throw new ValidationFailedError([
      { field: before ? 'before' : 'after', message: 'is one of the items being moved' },
    ]);
  }
}
