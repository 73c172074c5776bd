import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { Actor } from '../identity/actor';
import { REALTIME_NAMESPACE } from '../realtime/realtime.gateway';
import type { NotificationDto } from './dto/notification.dto';

export const userRoom = (userId: string) => `user:${userId}`;

/**
 * Each socket joins its person's own room when it connects (the realtime gateway has
 * authenticated the handshake by then), so notifications reach every tab and device of that
 * person, on whichever instance: the adapter carries a room emit to the others.
 *
 * Frames: `notification.created` { notification, unread } and `notification.read`
 * { ids, unread }. A client applies a notification once by its id, and takes `unread` as the
 * count (not an increment), so a frame received twice or late changes nothing.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class NotificationsGateway implements OnGatewayInit, OnGatewayConnection {
  private namespace?: Namespace;

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
  }

  async handleConnection(socket: Socket): Promise<void> {
    const actor = (socket.data as { actor?: Actor }).actor;
    if (actor) await socket.join(userRoom(actor.userId));
  }

  created(userId: string, notification: NotificationDto, unread: number): void {
    this.namespace?.to(userRoom(userId)).emit('notification.created', { notification, unread });
  }

  read(userId: string, ids: string[], unread: number): void {
    this.namespace?.to(userRoom(userId)).emit('notification.read', { ids, unread });
  }
}
