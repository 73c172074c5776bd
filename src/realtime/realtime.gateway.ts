import { BeforeApplicationShutdown } from '@nestjs/common';
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
import { SubscribeDto, UnsubscribeDto } from './dto/realtime.dto';
import { EventRelay } from './event-relay.service';
import { PresenceService } from './presence.service';
import { RevocationService } from './revocation.service';
import { MAX_SOCKET_MESSAGE_BYTES } from './ritmo-io.adapter';
import { RitmoSocket } from './socket-state';
import { SubscriptionsService } from './subscriptions.service';
import { handshakeAuthentication, messageRateLimit, messageSizeLimit } from './socket-middleware';
import { ack, parseMessage } from './ws-ack';

export const REALTIME_NAMESPACE = '/realtime';
const MESSAGES_PER_SECOND = 20;
const BURST = 40;
/** Sockets one session or API token may hold open on one instance (a tab each, and then some). */
export const MAX_SOCKETS_PER_CREDENTIAL = 20;

/** Thin: authenticates the handshake and maps messages to SubscriptionsService. */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown
{
  private namespace: Namespace;
  /** While closing, sockets drop by the hundred: announcing presence then only adds noise. */
  private closing = false;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly subscriptions: SubscriptionsService,
    private readonly relay: EventRelay,
    private readonly presence: PresenceService,
    private readonly revocation: RevocationService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.presence.attach(namespace);
    namespace.use(handshakeAuthentication(this.authenticator, MAX_SOCKETS_PER_CREDENTIAL));
    this.relay.attach(namespace);
    this.revocation.attach(namespace);
  }

  handleConnection(socket: RitmoSocket): void {
    socket.use(messageRateLimit(MESSAGES_PER_SECOND, BURST));
    socket.use(messageSizeLimit(MAX_SOCKET_MESSAGE_BYTES));
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
}
