import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { REALTIME_NAMESPACE } from '../../realtime/realtime.gateway';
import type { RitmoSocket } from '../../realtime/socket-state';
import { ack, parseMessage } from '../../realtime/ws-ack';
import { CardMessageDto, JoinMessageDto, SessionMessageDto } from './dto/poker.dto';
import { PokerRoundsService } from './poker-rounds.service';
import { PokerSessionsService } from './poker-sessions.service';

/**
 * The socket door to planning poker, on the authenticated `/realtime` namespace: the same
 * services, the same policy and the same problems as REST. Each acknowledgement carries the
 * session as the sender may see it; everyone else learns of the change through the team's
 * events.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class PokerGateway {
  constructor(
    private readonly sessions: PokerSessionsService,
    private readonly rounds: PokerRoundsService,
  ) {}

  @SubscribeMessage('poker.join')
  join(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(JoinMessageDto, body);
      return { session: await this.sessions.join(socket.data.actor, id(m), { as: m.as }) };
    }, 'poker.join');
  }

  @SubscribeMessage('poker.vote')
  vote(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(CardMessageDto, body);
      return { session: await this.rounds.vote(socket.data.actor, id(m), { card: m.card }) };
    }, 'poker.vote');
  }

  @SubscribeMessage('poker.reveal')
  reveal(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(SessionMessageDto, body);
      return { session: await this.rounds.reveal(socket.data.actor, id(m)) };
    }, 'poker.reveal');
  }

  @SubscribeMessage('poker.revote')
  revote(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(SessionMessageDto, body);
      return { session: await this.rounds.revote(socket.data.actor, id(m)) };
    }, 'poker.revote');
  }

  @SubscribeMessage('poker.accept')
  accept(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(CardMessageDto, body);
      return { session: await this.rounds.accept(socket.data.actor, id(m), { card: m.card }) };
    }, 'poker.accept');
  }

  @SubscribeMessage('poker.next')
  next(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(SessionMessageDto, body);
      return { session: await this.rounds.advance(socket.data.actor, id(m), 'next') };
    }, 'poker.next');
  }

  @SubscribeMessage('poker.skip')
  skip(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(SessionMessageDto, body);
      return { session: await this.rounds.advance(socket.data.actor, id(m), 'skip') };
    }, 'poker.skip');
  }

  @SubscribeMessage('poker.end')
  end(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const m = await parseMessage(SessionMessageDto, body);
      return { session: await this.sessions.end(socket.data.actor, id(m)) };
    }, 'poker.end');
  }
}

const id = (m: SessionMessageDto) => m.sessionId.toLowerCase();
