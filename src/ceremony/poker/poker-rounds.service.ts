import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BacklogItemsService } from '../../backlog/items/backlog-items.service';
import {
  ConflictError,
  ValidationFailedError,
  withTranslationKey,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { PokerCardDto, PokerSessionDto } from './dto/poker.dto';
import { pointsOf, statsOf } from './poker-decks';
import { PokerAccess } from './poker-access';
import { PokerRepository, SessionItemRow, SessionRow } from './poker.repository';
import { PokerSessionsService } from './poker-sessions.service';

interface Current {
  session: SessionRow;
  item: SessionItemRow;
  items: SessionItemRow[];
}

/**
 * The rounds on the current item: vote (hidden), reveal, revote, accept (writes the estimate
 * with the session as its source, in the same transaction), next, skip.
 */
@Injectable()
export class PokerRoundsService {
  constructor(
    private readonly access: PokerAccess,
    private readonly repo: PokerRepository,
    private readonly sessions: PokerSessionsService,
    private readonly backlog: BacklogItemsService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  async vote(actor: Actor, sessionId: string, dto: PokerCardDto): Promise<PokerSessionDto> {
    const access = await this.access.session(actor, sessionId, 'poker.vote');
    return this.tx.run(async (m) => {
      const { session, item } = await this.current(m, access.teamId, sessionId);
      await this.sessions.requireVoter(m, access, sessionId, actor.userId);
      if (session.round_state !== 'voting')
        throw new ConflictError(
          'round-not-open',
          'The votes of this round are revealed: wait for the facilitator to start a revote',
        );
      requireCard(session, dto.card);
      const { replaced, votedCount } = await this.repo.vote(m, {
        sessionId,
        itemId: item.item_id,
        round: session.round,
        userId: actor.userId,
        card: dto.card,
      });
      await this.events.append(m, {
        teamId: access.teamId,
        type: 'poker.vote_cast',
        actorId: actor.userId,
        data: {
          sessionId,
          itemId: item.item_id,
          round: session.round,
          userId: actor.userId,
          replaced,
          votedCount,
        },
      });
      return this.sessions.view(m, session, actor, access);
    });
  }

  async reveal(actor: Actor, sessionId: string): Promise<PokerSessionDto> {
    const access = await this.access.facilitator(actor, sessionId);
    return this.tx.run(async (m) => {
      const { session, item } = await this.current(m, access.teamId, sessionId);
      if (session.round_state === 'revealed')
        throw new ConflictError('round-revealed', 'This round is already revealed');
      await this.repo.markRevealed(m, sessionId, item.item_id, session.round);
      const updated = await this.repo.updateSession(m, sessionId, session.version, {
        round_state: 'revealed',
      });
      const votes = (await this.repo.votes(sessionId, m)).filter(
        (v) => v.item_id === item.item_id && v.round === session.round,
      );
      await this.events.append(m, {
        teamId: access.teamId,
        type: 'poker.votes_revealed',
        actorId: actor.userId,
        data: {
          sessionId,
          itemId: item.item_id,
          round: session.round,
          votes: votes.map((v) => ({ userId: v.user_id, card: v.card })),
          stats: statsOf(votes.map((v) => v.card)),
          version: updated.version,
        },
      });
      return this.sessions.view(m, updated, actor, access);
    });
  }

  /** A new round on the same item; the revealed rounds stay in the history. */
  async revote(actor: Actor, sessionId: string): Promise<PokerSessionDto> {
    const access = await this.access.facilitator(actor, sessionId);
    return this.tx.run(async (m) => {
      const { session, item } = await this.current(m, access.teamId, sessionId);
      if (session.round_state !== 'revealed')
        throw new ConflictError('round-open', 'Reveal the votes of this round before a revote');
      const updated = await this.repo.updateSession(m, sessionId, session.version, {
        round: session.round + 1,
        round_state: 'voting',
      });
      await this.events.append(m, {
        teamId: access.teamId,
        type: 'poker.round_started',
        actorId: actor.userId,
        data: {
          sessionId,
          itemId: item.item_id,
          round: updated.round,
          version: updated.version,
        },
      });
      return this.sessions.view(m, updated, actor, access);
    });
  }

  async accept(actor: Actor, sessionId: string, dto: PokerCardDto): Promise<PokerSessionDto> {
    const access = await this.access.facilitator(actor, sessionId);
    return this.tx.run(async (m) => {
      const { session, item } = await this.current(m, access.teamId, sessionId);
      if (session.round_state !== 'revealed')
        throw new ConflictError('round-not-revealed', 'Reveal the votes before accepting a value');
      requireCard(session, dto.card);
      const estimate = pointsOf(dto.card);
      if (estimate === null)
        throw new ValidationFailedError([
          withTranslationKey(
            { field: 'card', message: `${dto.card} has no points and cannot be accepted` },
            'cardWithoutPoints',
            { card: dto.card },
          ),
        ]);
      const scale = (await this.repo.team(access.teamId, m)).point_scale.map(Number);
      if (!scale.includes(estimate))
        throw new ValidationFailedError([
          withTranslationKey(
            {
              field: 'card',
              message: `${dto.card} (${estimate} points) is not on the team's point scale (${scale.join(', ')})`,
            },
            'cardOffScale',
            { card: dto.card, scale: scale.join(', ') },
          ),
        ]);
      await this.backlog.setEstimateWithin(m, actor.userId, access.teamId, item.item_id, estimate, {
        kind: 'poker_session',
        id: sessionId,
      });
      await this.repo.setItemOutcome(m, sessionId, item.position, {
        outcome: 'accepted',
        acceptedCard: dto.card,
        estimate,
      });
      const updated = await this.repo.updateSession(m, sessionId, session.version, {});
      await this.events.append(m, {
        teamId: access.teamId,
        type: 'poker.estimate_accepted',
        actorId: actor.userId,
        data: {
          sessionId,
          itemId: item.item_id,
          round: session.round,
          card: dto.card,
          estimate,
          version: updated.version,
        },
      });
      return this.sessions.view(m, updated, actor, access);
    });
  }

  /** `next` leaves an accepted item; `skip` leaves one without an estimate. */
  async advance(actor: Actor, sessionId: string, how: 'next' | 'skip'): Promise<PokerSessionDto> {
    const access = await this.access.facilitator(actor, sessionId);
    return this.tx.run(async (m) => {
      const { session, item, items } = await this.current(m, access.teamId, sessionId);
      if (how === 'next' && item.outcome !== 'accepted')
        throw new ConflictError(
          'item-not-estimated',
          'Accept a value for this item first, or skip it',
        );
      if (how === 'skip' && item.outcome === 'accepted')
        throw new ConflictError('item-accepted', 'This item has an accepted value: use next');
      if (how === 'skip')
        await this.repo.setItemOutcome(m, sessionId, item.position, { outcome: 'skipped' });
      const next = items.find((i) => i.position > item.position) ?? null;
      const updated = await this.repo.updateSession(m, sessionId, session.version, {
        current_position: next?.position ?? null,
        round: 1,
        round_state: 'voting',
      });
      await this.events.append(m, {
        teamId: access.teamId,
        type: 'poker.current_item_changed',
        actorId: actor.userId,
        data: {
          sessionId,
          previousItemId: item.item_id,
          outcome: how === 'skip' ? 'skipped' : 'accepted',
          currentItemId: next?.item_id ?? null,
          round: 1,
          version: updated.version,
        },
      });
      return this.sessions.view(m, updated, actor, access);
    });
  }

  /** The open session, locked, and its current item; 409 when every item has been dealt with. */
  private async current(m: EntityManager, teamId: string, sessionId: string): Promise<Current> {
    const session = await this.sessions.open(m, teamId, sessionId);
    const items = await this.repo.items(teamId, sessionId, m);
    const item = items.find((i) => i.position === session.current_position);
    if (!item)
      throw new ConflictError('no-current-item', 'Every item of this session has been dealt with');
    return { session, item, items };
  }
}

function requireCard(session: SessionRow, card: string): void {
  if (!session.cards.includes(card))
    throw new ValidationFailedError([
      withTranslationKey(
        { field: 'card', message: `is not a card of this deck (${session.cards.join(', ')})` },
        'deckCard',
        { cards: session.cards.join(', ') },
      ),
    ]);
}
