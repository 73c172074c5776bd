import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { AccessSweeper } from './access-sweeper.service';
import { EventRelay } from './event-relay.service';
import { PresenceService } from './presence.service';
import { RitmoSocket } from './socket-state';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Access that ends must end on open sockets too, not at the next reconnect. Two paths lead
 * here: a `team.member_removed` event about to reach the removed user's own sockets (instant),
 * and the sweeper's periodic check of revoked tokens and lost memberships (within seconds).
 */
@Injectable()
export class RevocationService {
  private readonly logger = new Logger('RealtimeGateway');

  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly relay: EventRelay,
    private readonly presence: PresenceService,
    private readonly sweeper: AccessSweeper,
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
