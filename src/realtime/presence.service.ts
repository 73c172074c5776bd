import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { RuntimeConfig } from '../config/runtime-config';
import { PresenceMember, PresenceTable } from './presence-table';
import { RitmoSocket, teamRoom } from './socket-state';

export type { PresenceMember } from './presence-table';

const PRESENCE = 'ritmo:presence';
const ASK = 'ritmo:presence-ask';
const GONE = 'ritmo:presence-gone';
/** Changes of one team within this window go out as one delta. */
const DEBOUNCE_MS = 100;
/** Each instance repeats its lists this often; one silent for 3 periods is taken for dead. */
const REFRESH_MS = 5_000;

interface PresenceMessage {
  instance: string;
  teams: Record<string, PresenceMember[]>;
}

/**
 * Who is connected to a team right now, across instances. Each instance counts its own sockets
 * and tells the others its list of a team when it changes (debounced), when asked, and every
 * REFRESH_MS; its sockets get one `presence.changed` snapshot when they subscribe and then
 * `presence.delta` frames — who joined, who left — batched per team. Presence is ephemeral: not
 * an event of the log, no seq.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly instance = randomUUID();
  private readonly table = new PresenceTable();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Teams whose local list changed since it was last sent to the other instances. */
  private readonly localChanged = new Set<string>();
  /** Sockets that subscribed and wait for their snapshot, by team. */
  private readonly snapshots = new Map<string, Set<string>>();
  private refresh?: NodeJS.Timeout;
  private closing = false;
  private namespace?: Namespace;

  constructor(private readonly config: RuntimeConfig) {}

  /** Called by the gateway once the namespace exists. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(PRESENCE, (message: PresenceMessage) => this.received(message));
    namespace.on(ASK, (message: { instance: string; teamId: string }) => {
      if (message.instance !== this.instance && this.table.hasLocal(message.teamId))
        this.publish([message.teamId]);
    });
    namespace.on(GONE, (message: { instance: string }) => {
      for (const teamId of this.table.dropInstances((i) => i === message.instance))
        this.schedule(teamId);
    });
    this.refresh = setInterval(() => this.refreshAll(), REFRESH_MS);
    this.refresh.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refresh);
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  /** The socket's subscription to the team succeeded (again, after a catch-up: counted once). */
  joined(socket: RitmoSocket, teamId: string): void {
    if (this.closing) return;
    const { userId, displayName } = socket.data.actor;
    if (this.table.join(teamId, socket.id, userId, displayName))
      this.emitToOthers(ASK, { instance: this.instance, teamId });
    const waiting = this.snapshots.get(teamId) ?? new Set<string>();
    waiting.add(socket.id);
    this.snapshots.set(teamId, waiting);
    this.localChanged.add(teamId);
    this.schedule(teamId);
  }

  /** Unsubscribed, disconnected, or lost access. */
  left(socket: RitmoSocket, teamId: string): void {
    if (this.closing) return;
    this.snapshots.get(teamId)?.delete(socket.id);
    if (!this.table.leave(teamId, socket.id)) return;
    this.localChanged.add(teamId);
    this.schedule(teamId);
  }

  /** Everyone connected to the team as this instance knows it (no request to the others). */
  members(teamId: string): PresenceMember[] {
    return this.table.members(teamId);
  }

  /** Ids of the users connected to the team right now, on any instance (live attendance). */
  async connectedUsers(teamId: string): Promise<string[]> {
    if (!this.namespace || this.closing) return [];
    try {
      // Once per session start or end, and the team may have no socket on this instance.
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
    if (this.closing) return;
    this.emitToOthers(GONE, { instance: this.instance });
    this.closing = true;
  }

  private schedule(teamId: string): void {
    if (this.closing || this.timers.has(teamId)) return;
    const timer = setTimeout(() => this.flush(teamId), DEBOUNCE_MS);
    timer.unref();
    this.timers.set(teamId, timer);
  }

  private flush(teamId: string): void {
    this.timers.delete(teamId);
    const namespace = this.namespace;
    if (this.closing || !namespace) return;
    if (this.localChanged.delete(teamId)) this.publish([teamId]);
    const { joined, left } = this.table.diff(teamId);
    const waiting = [...(this.snapshots.get(teamId) ?? [])];
    this.snapshots.delete(teamId);
    // New subscribers get the whole list instead, which already holds this delta.
    if (joined.length > 0 || left.length > 0)
      namespace.local
        .to(teamRoom(teamId))
        .except(waiting)
        .emit('presence.delta', { teamId, joined, left });
    if (waiting.length === 0) return;
    const snapshot = { teamId, members: this.table.members(teamId) };
    for (const id of waiting) namespace.sockets.get(id)?.emit('presence.changed', snapshot);
  }

  private received(message: PresenceMessage): void {
    if (message.instance === this.instance) return;
    const now = Date.now();
    for (const [teamId, members] of Object.entries(message.teams))
      if (this.table.setRemote(message.instance, teamId, members, now)) this.schedule(teamId);
  }

  private refreshAll(): void {
    if (this.closing) return;
    const before = Date.now() - 3 * REFRESH_MS;
    for (const teamId of this.table.dropInstances((_, seenAt) => seenAt < before))
      this.schedule(teamId);
    const teams = this.table.localTeams();
    if (teams.length > 0) this.publish(teams);
  }

  /** This instance's lists of these teams (empty: it has nobody there any more). */
  private publish(teamIds: string[]): void {
    const teams: Record<string, PresenceMember[]> = {};
    for (const teamId of teamIds) teams[teamId] = this.table.localMembers(teamId);
    this.emitToOthers(PRESENCE, { instance: this.instance, teams });
  }

  private emitToOthers(event: string, payload: unknown): void {
    // The in-memory adapter has no other instance (and warns on serverSideEmit).
    if (!this.config.redisUrl || !this.namespace) return;
    try {
      this.namespace.serverSideEmit(event, payload);
    } catch (error) {
      this.logger.warn(`Presence not sent to other instances: ${String(error)}`);
    }
  }
}
