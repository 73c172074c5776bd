import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { Clock } from '../../common/clock';
import type { Actor } from '../../identity/actor';
import type { EventEnvelope } from '../../events/event-catalogue';
import { OnCommitted } from '../../events/on-committed.decorator';
import { trackTeamRoom, untrackRoom } from '../../realtime/socket-state';
import type { SessionSnapshot } from '../ceremony.events';
import { SessionsService } from './sessions.service';

export const sessionRoom = (ceremonyId: string) => `ceremony:${ceremonyId}`;

export interface SessionRoomState {
  ceremonyId: string;
  session: SessionSnapshot | null;
  serverTime: string;
}

interface JoinableSocket {
  data: { actor: Actor; teamRooms?: Map<string, Set<string>> };
  join(room: string): void | Promise<void>;
  leave(room: string): void | Promise<void>;
}

/**
 * The session room of a ceremony over sockets. The log's `ceremony.*` events reach the team
 * room as every event does; the session room adds `ceremony.timer`, an ephemeral message (no
 * seq) with the timebox and the server's time, sent when the session starts or ends, so that a
 * client showing the session need not follow the whole team's log to run its countdown.
 */
@Injectable()
export class SessionRoomService {
  private namespace?: Namespace;

  constructor(
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  async join(socket: JoinableSocket, ceremonyId: string): Promise<SessionRoomState> {
    const { teamId, session } = await this.sessions.roomState(socket.data.actor, ceremonyId);
    await socket.join(sessionRoom(ceremonyId));
    // Leaving the team leaves the room too (RevocationService).
    trackTeamRoom(socket, teamId, sessionRoom(ceremonyId));
    return { ceremonyId, session, serverTime: this.clock.now().toISOString() };
  }

  async leave(socket: JoinableSocket, ceremonyId: string): Promise<{ ceremonyId: string }> {
    await socket.leave(sessionRoom(ceremonyId));
    untrackRoom(socket, sessionRoom(ceremonyId));
    return { ceremonyId };
  }

  /** Runs on the instance that committed; the adapter carries the emit to the others. */
  @OnCommitted('ceremony.started', 'ceremony.ended')
  relay(event: EventEnvelope<'ceremony.started' | 'ceremony.ended'>): void {
    if (!this.namespace) return;
    const data = event.data;
    this.namespace.to(sessionRoom(data.ceremonyId)).emit('ceremony.timer', {
      ceremonyId: data.ceremonyId,
      session: data.session,
      serverTime: data.serverTime,
    });
  }
}
