import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../identity/access/access.policy';
import { EventEnvelope } from '../events/event-catalogue';
import { EventCursor } from '../events/event-cursor';
import { toEnvelope } from '../events/event-log';
import { EventsReader } from '../events/events.reader';
import { RitmoSocket, TeamSubscription, teamRoom } from './socket-state';

const REPLAY_PAGE = 500;

/**
 * Exactly-once, in-order delivery per socket and team. On subscribe the socket joins the room
 * first and holds live events while it replays the log after `afterSeq`; then it drains what
 * it held, dropping what the replay already sent. A gap in live delivery (it should not happen
 * after the relay's ordering, but a socket must never skip) is filled from the log the same way.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly cursor: EventCursor,
    private readonly repository: EventsReader,
  ) {}

  async subscribe(
    socket: RitmoSocket,
    teamId: string,
    afterSeq: number | undefined,
  ): Promise<{ seq: number }> {
    const { actor, subscriptions } = socket.data;
    await this.access.requireTeamPermission(actor, teamId, 'team.read');
    const subscription: TeamSubscription = { teamId, lastSent: 0, replaying: true, buffer: [] };
    subscriptions.set(teamId, subscription);
    await socket.join(teamRoom(teamId));
    try {
      const current = await this.cursor.check(teamId, afterSeq ?? 0);
      subscription.lastSent = afterSeq ?? current;
      await this.drain(socket, subscription);
      return { seq: subscription.lastSent };
    } catch (error) {
      this.unsubscribe(socket, teamId);
      throw error;
    }
  }

  unsubscribe(socket: RitmoSocket, teamId: string): boolean {
    const had = socket.data.subscriptions.delete(teamId);
    void socket.leave(teamRoom(teamId));
    return had;
  }

  /**
   * True when the socket is up to date just before `event`: it can take the event in a shared
   * broadcast (encoded once for all such sockets) — its cursor is advanced here.
   */
  takeInBroadcast(socket: RitmoSocket, event: EventEnvelope): boolean {
    const subscription = socket.data.subscriptions?.get(event.teamId);
    if (!subscription || subscription.replaying || subscription.lastSent !== event.seq - 1)
      return false;
    subscription.lastSent = event.seq;
    return true;
  }

  /** Called by the relay, in seq order, for a local socket that could not take the broadcast. */
  deliver(socket: RitmoSocket, event: EventEnvelope): void {
    const subscription = socket.data.subscriptions?.get(event.teamId);
    if (!subscription) return;
    if (subscription.replaying) {
      subscription.buffer.push(event);
      return;
    }
    if (event.seq <= subscription.lastSent) return;
    if (event.seq === subscription.lastSent + 1) {
      this.send(socket, subscription, event);
      return;
    }
    subscription.replaying = true;
    subscription.buffer.push(event);
    void this.drain(socket, subscription).catch(() => socket.disconnect(true));
  }

  private send(socket: RitmoSocket, subscription: TeamSubscription, event: EventEnvelope): void {
    socket.emit('event', event);
    subscription.lastSent = event.seq;
  }

  private async drain(socket: RitmoSocket, subscription: TeamSubscription): Promise<void> {
    for (;;) {
      await this.replay(socket, subscription);
      const held = subscription.buffer
        .filter((e) => e.seq > subscription.lastSent)
        .sort((a, b) => a.seq - b.seq);
      subscription.buffer = [];
      let gap = false;
      for (const event of held) {
        if (event.seq <= subscription.lastSent) continue;
        if (event.seq !== subscription.lastSent + 1) {
          gap = true;
          subscription.buffer.push(event);
          continue;
        }
        this.send(socket, subscription, event);
      }
      if (!gap && subscription.buffer.length === 0) {
        subscription.replaying = false;
        return;
      }
    }
  }

  private async replay(socket: RitmoSocket, subscription: TeamSubscription): Promise<void> {
    for (;;) {
      const rows = await this.repository.after(
        subscription.teamId,
        subscription.lastSent,
        REPLAY_PAGE,
      );
      if (socket.data.subscriptions.get(subscription.teamId) !== subscription) return;
      for (const row of rows) this.send(socket, subscription, toEnvelope(row));
      if (rows.length < REPLAY_PAGE) return;
    }
  }
}
