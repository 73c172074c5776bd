import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { PresenceService } from '../../realtime/presence.service';
import { CeremonyAccess } from '../ceremony-access';
import { toCeremonyDto, toSessionDto, toSessionSnapshot } from '../ceremony.mapper';
import { CeremonyRepository, CeremonyRow } from '../ceremony.repository';
import type { SessionSnapshot } from '../ceremony.events';
import type { LiveSessionDto, StartSessionDto } from '../dto/ceremony.dto';

/**
 * Live sessions of a ceremony. The timer is the server's: a session ends its timebox at
 * `endsAt`, and every answer and event carries `serverTime` so that clients with skewed clocks
 * count down to the same instant. Attendance is who had a socket on the team when the session
 * started or ended (presence across instances), recorded when it ends.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly access: CeremonyAccess,
    private readonly repo: CeremonyRepository,
    private readonly presence: PresenceService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  async start(actor: Actor, ceremonyId: string, dto: StartSessionDto): Promise<LiveSessionDto> {
    const teamId = await this.access.ceremony(actor, ceremonyId, 'ceremony.manage');
    const connected = await this.presence.connectedUsers(teamId);
    return this.tx.run(async (m) => {
      const ceremony = await this.locked(m, teamId, ceremonyId);
      if (ceremony.status === 'cancelled')
        throw new ConflictError('ceremony-cancelled', 'A cancelled ceremony cannot start');
      if (await this.repo.liveSession(m, teamId, ceremonyId))
        throw new ConflictError('session-already-live', 'The ceremony is already live');
      const members = await this.repo.members(teamId, m);
      const ids = new Set(members.map((r) => r.user_id));
      const wanted = dto.facilitatorId?.toLowerCase();
      if (wanted && !ids.has(wanted))
        throw new ValidationFailedError([
          { field: 'facilitatorId', message: 'is not a member of this team' },
        ]);
      const facilitator =
        wanted ?? members.find((r) => r.role === 'scrum_master')?.user_id ?? actor.userId;
      const now = this.clock.now();
      const timebox = ceremony.ends_at.getTime() - ceremony.starts_at.getTime();
      const session = await this.repo.insertSession(m, {
        team_id: teamId,
        ceremony_id: ceremonyId,
        facilitator_id: facilitator,
        started_at: now,
        ends_at: new Date(now.getTime() + timebox),
        attendance: connected.filter((id) => ids.has(id)).sort(),
      });
      const snapshot = toSessionSnapshot(session);
      await this.events.append(m, {
        teamId,
        type: 'ceremony.started',
        actorId: actor.userId,
        data: {
          ceremonyId,
          session: snapshot,
          endsAt: snapshot.endsAt,
          serverTime: now.toISOString(),
        },
      });
      return {
        ceremony: toCeremonyDto(ceremony),
        session: toSessionDto(session),
        serverTime: now.toISOString(),
      };
    });
  }

  async end(actor: Actor, ceremonyId: string): Promise<LiveSessionDto> {
    const teamId = await this.access.ceremony(actor, ceremonyId, 'ceremony.manage');
    const connected = await this.presence.connectedUsers(teamId);
    return this.tx.run(async (m) => {
      const ceremony = await this.locked(m, teamId, ceremonyId);
      const live = await this.repo.liveSession(m, teamId, ceremonyId);
      if (!live) throw new ConflictError('session-not-live', 'The ceremony has no live session');
      const ids = new Set((await this.repo.members(teamId, m)).map((r) => r.user_id));
      const attendance = [...new Set([...live.attendance, ...connected])]
        .filter((id) => ids.has(id))
        .sort();
      const now = this.clock.now();
      const session = await this.repo.endSession(m, teamId, live.id, now, attendance);
      await this.events.append(m, {
        teamId,
        type: 'ceremony.ended',
        actorId: actor.userId,
        data: { ceremonyId, session: toSessionSnapshot(session), serverTime: now.toISOString() },
      });
      return {
        ceremony: toCeremonyDto(ceremony),
        session: toSessionDto(session),
        serverTime: now.toISOString(),
      };
    });
  }

  /** The running (or last) session with the server's time, for a client joining late. */
  async current(actor: Actor, ceremonyId: string): Promise<LiveSessionDto> {
    const teamId = await this.access.ceremony(actor, ceremonyId, 'team.read');
    const ceremony = await this.repo.ceremony(teamId, ceremonyId);
    const session = await this.repo.lastSession(teamId, ceremonyId);
    if (!ceremony || !session) throw new NotFoundError('Session of ceremony', ceremonyId);
    return {
      ceremony: toCeremonyDto(ceremony),
      session: toSessionDto(session),
      serverTime: this.clock.now().toISOString(),
    };
  }

  /** For the session room: the live (or last) session, null before the first; team.read. */
  async roomState(
    actor: Actor,
    ceremonyId: string,
  ): Promise<{ teamId: string; session: SessionSnapshot | null }> {
    const teamId = await this.access.ceremony(actor, ceremonyId, 'team.read');
    const session = await this.repo.lastSession(teamId, ceremonyId);
    return { teamId, session: session ? toSessionSnapshot(session) : null };
  }

  private async locked(m: EntityManager, teamId: string, id: string): Promise<CeremonyRow> {
    const row = await this.repo.lockCeremony(m, teamId, id);
    if (!row) throw new NotFoundError('Ceremony', id);
    return row;
  }
}
