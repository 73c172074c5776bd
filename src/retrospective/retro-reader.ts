import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { RetrospectiveDto } from './dto/retrospective-view.dto';
import { RetroAuthors } from './retro-access';
import { RetroActionsRepository } from './retro-actions.repository';
import { RetroRepository, RetroRow } from './retro.repository';
import {
  actionItemDto,
  cardDto,
  groupDtos,
  isHidden,
  myVotes,
  noteDto,
  toSummaryDto,
} from './retro-view';

/** Builds one reader's view of a retrospective (REST responses and exports alike). */
@Injectable()
export class RetroReader {
  constructor(
    private readonly repo: RetroRepository,
    private readonly actions: RetroActionsRepository,
    private readonly authors: RetroAuthors,
    private readonly clock: Clock,
    private readonly db: DataSource,
  ) {}

  async view(retro: RetroRow, userId: string, m?: EntityManager): Promise<RetrospectiveDto> {
    const runner = m ?? this.db;
    // One after another: inside a transaction they share one connection.
    const cards = await this.repo.cards(retro.id, runner);
    const groups = await this.repo.groups(retro.id, runner);
    const votes = await this.repo.votes(retro.id, runner);
    const notes = await this.actions.notes(retro.id, runner);
    const actionItems = await this.actions.actionItems(retro.id, runner);
    const previous = retro.previous_id
      ? await this.actions.actionItems(retro.previous_id, runner)
      : [];
    const hiddenCounts = new Map(retro.columns.map((c) => [c.key, 0]));
    const visible = [];
    for (const card of cards) {
      const mine = this.authors.owns(retro, card, userId);
      if (!isHidden(retro, card) || mine) visible.push(cardDto(retro, card, mine));
      else hiddenCounts.set(card.column_key, (hiddenCounts.get(card.column_key) ?? 0) + 1);
    }
    return {
      ...toSummaryDto(retro),
      serverTime: this.clock.now().toISOString(),
      cards: visible,
      hiddenCounts: [...hiddenCounts].map(([column, count]) => ({ column, count })),
      groups: groupDtos(retro, groups, cards, votes),
      myVotes: myVotes(retro, votes, userId),
      notes: notes.map(noteDto),
      actionItems: actionItems.map(actionItemDto),
      previousActionItems: previous.map(actionItemDto),
    };
  }
}
