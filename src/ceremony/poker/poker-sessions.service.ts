import { Injectable } from '@nestjs/common';
import { CeremonyLinks } from '../ceremony-links.service';
import { EntityManager } from 'typeorm';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '../../common/errors/domain-error';
import { Clock } from '../../common/clock';
import { TransactionService } from '../../database/transaction.service';
import { TeamAccess } from '../../identity/access/access.policy';
import { roleMayDo } from '../../identity/access/permissions';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { Localizer } from '../../i18n/localizer.service';
import {
  CreatePokerSessionDto,
  JoinPokerSessionDto,
  PokerSessionDto,
  PokerSessionSummaryDto,
} from './dto/poker.dto';
import { cardsOf } from './poker-decks';
import type { PokerRole } from './poker.events';
import { PokerAccess } from './poker-access';
import { toSessionDto, toSessionSnapshot, toSummary } from './poker.mapper';
import { PokerRepository, SessionRow } from './poker.repository';

/** Whether a member may vote: poker.vote, unless they joined this session as a spectator. */
export function roleIn(access: TeamAccess, joined: PokerRole | undefined): PokerRole {
  if (joined) return joined;
  return access.role !== null && roleMayDo(access.role, 'poker.vote') ? 'participant' : 'spectator';
}

/** Planning poker sessions: open, join, read (as the caller may see it), end. */
@Injectable()
export class PokerSessionsService {
  constructor(
    private readonly access: PokerAccess,
    private readonly ceremonies: CeremonyLinks,
    private readonly repo: PokerRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly localizer: Localizer,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, teamId: string, dto: CreatePokerSessionDto): Promise<PokerSessionDto> {
    const access = await this.access.team(actor, teamId, 'ceremony.manage');
    const ids = dto.itemIds.map((id) => id.toLowerCase());
    return this.tx.run(async (m) => {
      const team = await this.repo.team(teamId, m);
      const live = await this.repo.liveItems(m, teamId, ids);
      const errors = ids
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => !live.has(id))
        .map(({ index }) => ({
          field: `itemIds.${index}`,
          message: 'is not an item of this team',
        }));
      if (errors.length > 0) throw new ValidationFailedError(errors);
      await this.ceremonies.check(m, teamId, dto.ceremonyId?.toLowerCase(), [
        'sprint_planning',
        'backlog_refinement',
      ]);
      const session = await this.repo.insertSession(m, {
        teamId,
        ceremonyId: dto.ceremonyId?.toLowerCase() ?? null,
        facilitatorId: actor.userId,
        title: dto.title ?? this.localizer.t(team.locale, 'poker.defaultTitle'),
        deck: dto.deck,
        cards: cardsOf(dto.deck, team.point_scale.map(Number)),
        currentPosition: 1,
      });
      await this.repo.insertItems(m, teamId, session.id, ids);
      const items = await this.repo.items(teamId, session.id, m);
      await this.events.append(m, {
        teamId,
        type: 'poker.session_started',
        actorId: actor.userId,
        data: { session: toSessionSnapshot(session, items) },
      });
      return this.view(m, session, actor, access);
    });
  }

  async list(actor: Actor, teamId: string): Promise<PokerSessionSummaryDto[]> {
    await this.access.team(actor, teamId, 'team.read');
    return (await this.repo.sessions(teamId)).map((s) => toSummary(s, s.current_item_id));
  }

  async get(actor: Actor, sessionId: string): Promise<PokerSessionDto> {
    const access = await this.access.session(actor, sessionId, 'team.read');
    const session = await this.repo.session(access.teamId, sessionId);
    if (!session) throw new NotFoundError('Poker session', sessionId);
    return this.view(undefined, session, actor, access);
  }

  async join(actor: Actor, sessionId: string, dto: JoinPokerSessionDto): Promise<PokerSessionDto> {
    const access = await this.access.session(
      actor,
      sessionId,
      dto.as === 'participant' ? 'poker.vote' : 'ceremony.participate',
    );
    return this.tx.run(async (m) => {
      const session = await this.open(m, access.teamId, sessionId);
      const before = await this.repo.join(m, sessionId, actor.userId, dto.as);
      if (before !== dto.as)
        await this.events.append(m, {
          teamId: access.teamId,
          type: 'poker.participant_joined',
          actorId: actor.userId,
          data: { sessionId, userId: actor.userId, role: dto.as },
        });
      return this.view(m, session, actor, access);
    });
  }

  async end(actor: Actor, sessionId: string): Promise<PokerSessionDto> {
    const access = await this.access.facilitator(actor, sessionId);
    const teamId = access.teamId;
    return this.tx.run(async (m) => {
      const current = await this.open(m, teamId, sessionId);
      const items = await this.repo.items(teamId, sessionId, m);
      const session = await this.repo.updateSession(m, sessionId, current.version, {
        state: 'ended',
        ended_at: this.clock.now(),
      });
      await this.events.append(m, {
        teamId,
        type: 'poker.session_ended',
        actorId: actor.userId,
        data: {
          sessionId,
          endedAt: session.ended_at!.toISOString(),
          accepted: items.filter((i) => i.outcome === 'accepted').length,
          skipped: items.filter((i) => i.outcome === 'skipped').length,
          unestimated: items.filter((i) => i.outcome === null).length,
          version: session.version,
        },
      });
      return this.view(m, session, actor, access);
    });
  }

  /** The session locked for a command; an ended session takes none (409). */
  async open(m: EntityManager, teamId: string, sessionId: string): Promise<SessionRow> {
    const session = await this.repo.lockSession(m, teamId, sessionId);
    if (!session) throw new NotFoundError('Poker session', sessionId);
    if (session.state === 'ended')
      throw new ConflictError('session-ended', 'This poker session has ended');
    return session;
  }

  /** Refuses a spectator's vote: 403, whatever their team role. */
  async requireVoter(m: EntityManager, access: TeamAccess, sessionId: string, userId: string) {
    const joined = (await this.repo.participants(sessionId, m)).find((p) => p.user_id === userId);
    if (roleIn(access, joined?.role) === 'spectator')
      throw new ForbiddenError(
        'spectator',
        'You joined this session as a spectator: spectators do not vote',
      );
  }

  async view(
    m: EntityManager | undefined,
    session: SessionRow,
    actor: Actor,
    access: TeamAccess,
  ): Promise<PokerSessionDto> {
    const items = await this.repo.items(session.team_id, session.id, m);
    const votes = await this.repo.votes(session.id, m);
    const participants = await this.repo.participants(session.id, m);
    const revealed = await this.repo.revealedRounds(session.id, m);
    const joined = participants.find((p) => p.user_id === actor.userId)?.role;
    return toSessionDto(
      { session, items, votes, participants, revealed },
      actor.userId,
      roleIn(access, joined),
    );
  }
}
