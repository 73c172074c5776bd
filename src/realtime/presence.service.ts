import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { teamRoom } from './socket-state';

export interface PresenceMember {
  userId: string;
  displayName: string;
  connections: number;
}

/**
 * Who is connected to a team right now, across instances (fetchSockets goes through the
 * adapter). Presence is ephemeral: it is not an event of the log and carries no seq.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger('Presence');
  private closing = false;
  private namespace?: Namespace;

  /** Called by the gateway once the namespace exists. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** Ids of the users connected to the team right now, on any instance (live attendance). */
  async connectedUsers(teamId: string): Promise<string[]> {
    if (!this.namespace || this.closing) return [];
    try {
      const sockets = await this.namespace.in(teamRoom(teamId)).fetchSockets();
      const ids = sockets.map((s) => (s.data as { actor?: { userId: string } }).actor?.userId);
      return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
    } catch (error) {
      // Attendance is best effort: another instance not answering must not fail the request.
      this.logger.warn(`Presence of team ${teamId} not read: ${String(error)}`);
      return [];
    }
  }

  /** After this, nothing is announced: the adapter's Redis clients are about to close. */
  stop(): void {
    this.closing = true;
  }

  async announce(namespace: Namespace, teamId: string): Promise<void> {
    if (this.closing) return;
    try {
      const sockets = await namespace.in(teamRoom(teamId)).fetchSockets();
      if (this.closing) return;
      const members = new Map<string, PresenceMember>();
      for (const socket of sockets) {
        const actor = (socket.data as { actor?: { userId: string; displayName: string } }).actor;
        if (!actor) continue;
        const member = members.get(actor.userId) ?? {
          userId: actor.userId,
          displayName: actor.displayName,
          connections: 0,
        };
        member.connections += 1;
        members.set(actor.userId, member);
      }
      namespace.to(teamRoom(teamId)).emit('presence.changed', {
        teamId,
        members: [...members.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)),
      });
    } catch (error) {
      this.logger.warn(`Presence of team ${teamId} not announced: ${String(error)}`);
    }
  }
}
