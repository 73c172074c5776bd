import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import { Authenticator } from '../identity/auth/authenticator.service';
import { AccessSweeper } from './access-sweeper.service';
import { SubscribeDto, UnsubscribeDto } from './dto/realtime.dto';
import { EventRelay } from './event-relay.service';
import { PresenceService } from './presence.service';
import { RitmoSocket } from './socket-state';
import { SubscriptionsService } from './subscriptions.service';
import { ack, parseMessage, RATE_LIMITED } from './ws-ack';

export const REALTIME_NAMESPACE = '/realtime';
const MESSAGES_PER_SECOND = 20;
const BURST = 40;

/** Thin: authenticates the handshake and maps messages to SubscriptionsService. */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown
{
  private readonly logger = new Logger('RealtimeGateway');
  private namespace: Namespace;
  /** While closing, sockets drop by the hundred: announcing presence then only adds noise. */
  private closing = false;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly subscriptions: SubscriptionsService,
    private readonly relay: EventRelay,
    private readonly presence: PresenceService,
    private readonly sweeper: AccessSweeper,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0) {
        next(
          Object.assign(new Error('unauthenticated'), {
            data: { detail: 'Send auth: { token } (JWT or API token)' },
          }),
        );
        return;
      }
      this.authenticator.authenticate(token).then(
        (actor) => {
          Object.assign(socket.data, { actor, subscriptions: new Map() });
          next();
        },
        (error: unknown) =>
          next(
            Object.assign(new Error('unauthenticated'), {
              data: { detail: error instanceof Error ? error.message : 'invalid token' },
            }),
          ),
      );
    });
    this.relay.attach(namespace);
    this.relay.onDelivered((event, sockets) => {
      if (event.type !== 'team.member_removed') return;
      const removed = (event.data as { userId: string }).userId;
      for (const socket of sockets) {
        if (socket.data.actor.userId === removed) this.revoke(socket, event.teamId);
      }
    });
    this.sweeper.start(namespace, (socket, teamId) => this.revoke(socket, teamId));
  }

  handleConnection(socket: RitmoSocket): void {
    let tokens = BURST;
    let refilled = Date.now();
    socket.use((packet, next) => {
      const now = Date.now();
      tokens = Math.min(BURST, tokens + ((now - refilled) / 1000) * MESSAGES_PER_SECOND);
      refilled = now;
      if (tokens >= 1) {
        tokens -= 1;
        next();
        return;
      }
      const callback: unknown = packet.at(-1);
      if (typeof callback === 'function') (callback as (reply: unknown) => void)(RATE_LIMITED);
    });
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
    this.presence.stop();
  }

  handleDisconnect(socket: RitmoSocket): void {
    const teams = [...(socket.data.subscriptions?.keys() ?? [])];
    socket.data.subscriptions?.clear();
    if (this.closing) return;
    for (const teamId of teams) void this.presence.announce(this.namespace, teamId);
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const { teamId, afterSeq } = await parseMessage(SubscribeDto, body);
      const result = await this.subscriptions.subscribe(socket, teamId, afterSeq);
      void this.presence.announce(this.namespace, teamId);
      return { teamId, seq: result.seq };
    }, 'subscribe');
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const { teamId } = await parseMessage(UnsubscribeDto, body);
      if (this.subscriptions.unsubscribe(socket, teamId))
        void this.presence.announce(this.namespace, teamId);
      return { teamId };
    }, 'unsubscribe');
  }

  private revoke(socket: RitmoSocket, teamId: string): void {
    if (!this.subscriptions.unsubscribe(socket, teamId)) return;
    socket.emit('unsubscribed', { teamId, reason: 'access_revoked' });
    this.logger.log(`Socket of user ${socket.data.actor.userId} lost access to team ${teamId}`);
    void this.presence.announce(this.namespace, teamId);
  }
}
