import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { RuntimeConfig } from '../config/runtime-config';
import { SessionRegistry } from '../identity/auth/session-registry.service';
import { AccessSweeper } from './access-sweeper.service';
import { EventRelay } from './event-relay.service';
import { PresenceService } from './presence.service';
import { RitmoSocket } from './socket-state';
import { SubscriptionsService } from './subscriptions.service';

const SESSIONS_ENDED = 'ritmo:sessions-ended';

/**
 * Access that ends must end on open sockets too, not at the next reconnect. Three paths lead
 * here: a `team.member_removed` event about to reach the removed user's own sockets (instant),
 * a sign-in session that ended (instant), and the sweeper's periodic check of revoked tokens,
 * ended sessions and lost memberships (within seconds, should the instant news be lost).
 */
@Injectable()
export class RevocationService {
  private readonly logger = new Logger('RealtimeGateway');

  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly relay: EventRelay,
    private readonly presence: PresenceService,
    private readonly sweeper: AccessSweeper,
    private readonly sessions: SessionRegistry,
    private readonly config: RuntimeConfig,
  ) {}

  attach(namespace: Namespace): void {
    this.relay.onDelivered((event, sockets) => {
      if (event.type !== 'team.member_removed') return;
      const removed = (event.data as { userId: string }).userId;
      for (const socket of sockets) {
        if (socket.data.actor.userId === removed) this.revoke(namespace, socket, event.teamId);
      }
      // Sockets in one of the team's rooms without following its log did not get the event.
      for (const socket of namespace.sockets.values() as Iterable<RitmoSocket>) {
        if (socket.data.actor?.userId === removed && socket.data.teamRooms?.has(event.teamId))
          this.revoke(namespace, socket, event.teamId);
      }
    });
    this.sweeper.start(namespace, (socket, teamId) => this.revoke(namespace, socket, teamId));
    // A session ended here (logout, password, refresh reuse): its sockets go now, on every
    // instance, and the other instances stop trusting their cached "still signed in".
    this.sessions.onRevoked((ids) => {
      if (this.config.redisUrl) namespace.serverSideEmit(SESSIONS_ENDED, ids);
      this.dropSessions(namespace, ids);
    });
    namespace.on(SESSIONS_ENDED, (ids: unknown) => {
      if (!Array.isArray(ids)) return;
      const sessionIds = ids.filter((id): id is string => typeof id === 'string');
      this.sessions.forget(sessionIds);
      this.dropSessions(namespace, sessionIds);
    });
  }

  private dropSessions(namespace: Namespace, sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds);
    for (const socket of namespace.sockets.values() as Iterable<RitmoSocket>) {
      const sessionId = socket.data.actor?.sessionId;
      if (!sessionId || !ended.has(sessionId)) continue;
      socket.emit('session.expired', { reason: 'session ended' });
      socket.disconnect(true);
    }
  }

  private revoke(namespace: Namespace, socket: RitmoSocket, teamId: string): void {
    const rooms = socket.data.teamRooms?.get(teamId);
    socket.data.teamRooms?.delete(teamId);
    for (const room of rooms ?? []) void socket.leave(room);
    if (!this.subscriptions.unsubscribe(socket, teamId) && !rooms) return;
    socket.emit('unsubscribed', { teamId, reason: 'access_revoked' });
    this.logger.log(`Socket of user ${socket.data.actor.userId} lost access to team ${teamId}`);
    this.presence.left(socket, teamId);
  }
}
