import { Injectable } from '@nestjs/common';
import { requireVersion } from '../common/concurrency';
import { EntityManager } from 'typeorm';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
  withTranslationKey,
} from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import type { CreateCardDto, MoveRetroCardDto, UpdateCardDto } from './dto/retrospective.dto';
import type { CreateGroupDto, UpdateGroupDto } from './dto/group.dto';
import type { RetroCardDto, GroupDto } from './dto/retrospective-view.dto';
import { RetroAccess, RetroAuthors } from './retro-access';
import { requirePhase } from './retro-phases';
import { CardRow, GroupRow, RetroRepository, RetroRow } from './retro.repository';
import { cardDto, cardForEveryone, groupSnapshot } from './retro-view';

/** More would not fit on anyone's screen, and one participant could flood everybody's. */
export const MAX_CARDS_PER_RETRO = 200;

/** Cards (written in collect, by their author only) and their grouping (in group, by anyone). */
@Injectable()
export class CardsService {
  constructor(
    private readonly access: RetroAccess,
    private readonly authors: RetroAuthors,
    private readonly repo: RetroRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async add(actor: Actor, retroId: string, dto: CreateCardDto): Promise<RetroCardDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'writeCards');
      checkColumn(retro, dto.column);
      // Counted under the retrospective's lock: two cards at once cannot both be the 200th.
      if ((await this.repo.countCards(m, retroId)) >= MAX_CARDS_PER_RETRO)
        throw new ConflictError(
          'retro-card-limit',
          `A retrospective holds at most ${MAX_CARDS_PER_RETRO} cards`,
          { max: MAX_CARDS_PER_RETRO },
        );
      const card = await this.repo.insertCard(m, teamId, retroId, {
        column: dto.column,
        text: dto.text,
        ...this.authors.columns(retro, actor.userId),
        revealed: !retro.private_writing,
      });
      await this.events.append(m, {
        teamId,
        type: 'retro.card_added',
        actorId: retro.anonymous ? null : actor.userId,
        data: { retrospectiveId: retroId, card: cardForEveryone(retro, card) },
      });
      return cardDto(retro, card, true);
    });
  }

  async update(
    actor: Actor,
    retroId: string,
    cardId: string,
    version: number,
    dto: UpdateCardDto,
  ): Promise<RetroCardDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const { retro, card } = await this.ownCard(m, actor, teamId, retroId, cardId, version);
      if (dto.column !== undefined) checkColumn(retro, dto.column);
      const set: Record<string, unknown> = {};
      if (dto.text !== undefined && dto.text !== card.text) set.text = dto.text;
      if (dto.column !== undefined && dto.column !== card.column_key) set.column_key = dto.column;
      if (Object.keys(set).length === 0) return cardDto(retro, card, true);
      const row = (await this.repo.updateCard(m, retroId, cardId, version, set))!;
      await this.events.append(m, {
        teamId,
        type: 'retro.card_updated',
        actorId: retro.anonymous ? null : actor.userId,
        data: { retrospectiveId: retroId, card: cardForEveryone(retro, row) },
      });
      return cardDto(retro, row, true);
    });
  }

  async remove(actor: Actor, retroId: string, cardId: string, version: number): Promise<void> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    await this.tx.run(async (m) => {
      const { retro, card } = await this.ownCard(m, actor, teamId, retroId, cardId, version);
      await this.repo.deleteCard(m, retroId, cardId);
      await this.events.append(m, {
        teamId,
        type: 'retro.card_deleted',
        actorId: retro.anonymous ? null : actor.userId,
        data: { retrospectiveId: retroId, cardId, column: card.column_key },
      });
    });
  }

  async move(
    actor: Actor,
    retroId: string,
    cardId: string,
    dto: MoveRetroCardDto,
  ): Promise<RetroCardDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'groupCards');
      const card = await this.card(m, retroId, cardId);
      const to = dto.groupId?.toLowerCase() ?? null;
      if (to && !(await this.repo.group(m, retroId, to)))
        throw new ValidationFailedError([
          { field: 'groupId', message: 'is not a group of this retrospective' },
        ]);
      const mine = this.authors.owns(retro, card, actor.userId);
      if (to === card.group_id) return cardDto(retro, card, mine);
      await this.repo.setCardsGroup(m, retroId, [cardId], to);
      const deletedGroupIds = await this.repo.deleteEmptyGroups(m, retroId);
      await this.events.append(m, {
        teamId,
        type: 'retro.card_moved',
        actorId: actor.userId,
        data: { retrospectiveId: retroId, cardId, from: card.group_id, to, deletedGroupIds },
      });
      return cardDto(retro, (await this.repo.card(m, retroId, cardId))!, mine);
    });
  }

  /** Merges cards into a new group; groups they leave empty disappear. */
  async group(actor: Actor, retroId: string, dto: CreateGroupDto): Promise<GroupDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    const ids = dto.cardIds.map((id) => id.toLowerCase());
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'groupCards');
      const cards = new Set((await this.repo.cards(retroId, m)).map((c) => c.id));
      const errors = ids
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => !cards.has(id))
        .map(({ index }) => ({
          field: `cardIds.${index}`,
          message: 'is not a card of this retrospective',
        }));
      if (errors.length > 0) throw new ValidationFailedError(errors);
      const group = await this.repo.insertGroup(m, teamId, retroId, dto.title ?? '');
      await this.repo.setCardsGroup(m, retroId, ids, group.id);
      const deletedGroupIds = await this.repo.deleteEmptyGroups(m, retroId);
      const snapshot = groupSnapshot(group, await this.repo.cards(retroId, m));
      await this.events.append(m, {
        teamId,
        type: 'retro.group_created',
        actorId: actor.userId,
        data: { retrospectiveId: retroId, group: snapshot, deletedGroupIds },
      });
      return { ...snapshot, votes: null };
    });
  }

  async renameGroup(
    actor: Actor,
    retroId: string,
    groupId: string,
    version: number,
    dto: UpdateGroupDto,
  ): Promise<GroupDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'groupCards');
      const group = await this.currentGroup(m, retroId, groupId, version);
      const cards = await this.repo.cards(retroId, m);
      if (group.title === dto.title) return { ...groupSnapshot(group, cards), votes: null };
      const row = (await this.repo.updateGroup(m, retroId, groupId, version, dto.title))!;
      const snapshot = groupSnapshot(row, cards);
      await this.events.append(m, {
        teamId,
        type: 'retro.group_updated',
        actorId: actor.userId,
        data: { retrospectiveId: retroId, group: snapshot },
      });
      return { ...snapshot, votes: null };
    });
  }

  /** Ungroups: the cards stay, loose. */
  async ungroup(actor: Actor, retroId: string, groupId: string, version: number): Promise<void> {
    const { teamId } = await this.access.retro(actor, retroId, 'retro.participate');
    await this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      requirePhase(retro.phase, 'groupCards');
      const group = await this.currentGroup(m, retroId, groupId, version);
      const { cardIds } = groupSnapshot(group, await this.repo.cards(retroId, m));
      await this.repo.deleteGroup(m, retroId, groupId);
      await this.events.append(m, {
        teamId,
        type: 'retro.group_deleted',
        actorId: actor.userId,
        data: { retrospectiveId: retroId, groupId, cardIds },
      });
    });
  }

  private async card(m: EntityManager, retroId: string, cardId: string): Promise<CardRow> {
    const card = await this.repo.card(m, retroId, cardId);
    if (!card) throw new NotFoundError('Retrospective card', cardId);
    return card;
  }

  /** A card the actor wrote, at the version they saw, while cards may still change. */
  private async ownCard(
    m: EntityManager,
    actor: Actor,
    teamId: string,
    retroId: string,
    cardId: string,
    version: number,
  ): Promise<{ retro: RetroRow; card: CardRow }> {
    const retro = await this.access.locked(m, teamId, retroId);
    const card = await this.card(m, retroId, cardId);
    const mine = this.authors.owns(retro, card, actor.userId);
    // Someone else's hidden card does not exist for this reader: 404, not a 403 that confirms it.
    if (!mine && retro.private_writing && retro.phase === 'collect' && !card.revealed)
      throw new NotFoundError('Retrospective card', cardId);
    requirePhase(retro.phase, 'writeCards');
    if (!mine) throw new ForbiddenError('not-card-author', 'Only its author may change a card');
    requireVersion('card', card, version, () => cardDto(retro, card, true));
    return { retro, card };
  }

  private async currentGroup(
    m: EntityManager,
    retroId: string,
    groupId: string,
    version: number,
  ): Promise<GroupRow> {
    const group = await this.repo.group(m, retroId, groupId);
    if (!group) throw new NotFoundError('Retrospective group', groupId);
    requireVersion('group', group, version, () => ({
      id: group.id,
      title: group.title,
      version: group.version,
    }));
    return group;
  }
}

function checkColumn(retro: RetroRow, column: string): void {
  if (!retro.columns.some((c) => c.key === column))
    throw new ValidationFailedError([
      withTranslationKey(
        {
          field: 'column',
          message: `is not a column of this retrospective (${retro.columns.map((c) => c.key).join(', ')})`,
        },
        'retroColumn',
        { columns: retro.columns.map((c) => c.key).join(', ') },
      ),
    ]);
}
