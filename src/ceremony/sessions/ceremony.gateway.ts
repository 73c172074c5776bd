import {
  ConnectedSocket,
  MessageBody,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import { REALTIME_NAMESPACE } from '../../realtime/realtime.gateway';
import type { RitmoSocket } from '../../realtime/socket-state';
import { ack, parseMessage } from '../../realtime/ws-ack';
import { DailyService } from '../daily/daily.service';
import { CeremonyRoomDto, DailyPostMessageDto } from '../dto/socket.dto';
import { SessionRoomService } from './session-room.service';

/**
 * Ceremony messages on the realtime namespace (the realtime gateway authenticates the
 * handshake and rate-limits every message). Thin: each maps to one service call.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class CeremonyGateway implements OnGatewayInit {
  constructor(
    private readonly rooms: SessionRoomService,
    private readonly daily: DailyService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.rooms.attach(namespace);
  }

  @SubscribeMessage('ceremony.join')
  join(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const { ceremonyId } = await parseMessage(CeremonyRoomDto, body);
      return this.rooms.join(socket, ceremonyId.toLowerCase());
    }, 'ceremony.join');
  }

  @SubscribeMessage('ceremony.leave')
  leave(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const { ceremonyId } = await parseMessage(CeremonyRoomDto, body);
      return this.rooms.leave(socket, ceremonyId.toLowerCase());
    }, 'ceremony.leave');
  }

  @SubscribeMessage('daily_scrum.post')
  post(@ConnectedSocket() socket: RitmoSocket, @MessageBody() body: unknown) {
    return ack(async () => {
      const { teamId, date, answers } = await parseMessage(DailyPostMessageDto, body);
      const entry = await this.daily.post(socket.data.actor, teamId.toLowerCase(), date, answers);
      return { entry };
    }, 'daily_scrum.post');
  }
}
