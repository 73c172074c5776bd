import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { RuntimeConfig } from '../config/runtime-config';
import { EventEnvelope } from '../events/event-catalogue';
import { toEnvelope } from '../events/event-log';
import { EventsReader } from '../events/events.reader';
import { OnCommitted } from '../events/on-committed.decorator';
import { RitmoSocket, teamRoom } from './socket-state';
import { SubscriptionsService } from './subscriptions.service';

const RELAY_EVENT = 'ritmo:committed';
/** How long an out-of-order event waits for the missing ones before they are read from the log. */
const GAP_WAIT_MS = 30;

interface TeamSequence {
  last: number;
  held: Map<number, EventEnvelope>;
  timer?: NodeJS.Timeout;
}

export type AccessListener = (event: EventEnvelope, sockets: RitmoSocket[]) => void;

/**
 * Carries committed events from whichever instance committed them to the sockets of this
 * instance. Transport: the socket.io adapter (serverSideEmit through Redis when REDIS_URL is set).
 * Publications of concurrent transactions can arrive out of seq order: each team's events are
 * put back in order here once per instance, not once per socket.
 */
@Injectable()
export class EventRelay implements OnModuleDestroy {
  private readonly logger = new Logger('EventRelay');
  private namespace?: Namespace;
  private readonly sequences = new Map<string, TeamSequence>();
  private readonly listeners: AccessListener[] = [];
  /** Teams whose missing events are being read for the heartbeat. */
  private readonly healing = new Set<string>();

  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly repository: EventsReader,
    private readonly config: RuntimeConfig,
  ) {}

  onModuleDestroy(): void {
    for (const sequence of this.sequences.values()) clearTimeout(sequence.timer);
  }

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(RELAY_EVENT, (event: EventEnvelope) => this.receive(event));
  }

  /** Reacts to delivered events that change access (member removed…). */
  onDelivered(listener: AccessListener): void {
    this.listeners.push(listener);
  }

  /** Every committed event, on the instance that committed it. */
  @OnCommitted()
  publish(event: EventEnvelope): void {
    if (this.config.redisUrl && this.namespace) this.namespace.serverSideEmit(RELAY_EVENT, event);
    this.receive(event);
  }

  private receive(event: EventEnvelope): void {
    const sockets = this.localSockets(event.teamId);
    let sequence = this.sequences.get(event.teamId);
    if (!sequence) {
      if (sockets.length === 0) return;
      // Anything before this event reached subscribers through their own replay.
      sequence = { last: event.seq - 1, held: new Map() };
      this.sequences.set(event.teamId, sequence);
    }
    if (event.seq <= sequence.last) return;
    sequence.held.set(event.seq, event);
    this.flush(event.teamId, sequence);
  }

  /**
   * The heartbeat read `current` from the log's counter: anything this instance has not fanned
   * out up to it was lost on the way (a Redis blip drops pub/sub messages without a trace) and
   * is read from the log, in order, once for all local sockets of the team.
   */
  async catchUp(teamId: string, current: number): Promise<void> {
    let sequence = this.sequences.get(teamId);
    if (!sequence) {
      const behind = this.localSockets(teamId)
        .map((socket) => socket.data.subscriptions?.get(teamId))
        .filter((s) => s !== undefined && !s.replaying)
        .map((s) => s!.lastSent);
      if (behind.length === 0) return;
      const oldest = Math.min(...behind);
      if (oldest >= current) return;
      sequence = { last: oldest, held: new Map() };
      this.sequences.set(teamId, sequence);
    }
    if (sequence.last >= current || this.healing.has(teamId)) return;
    this.healing.add(teamId);
    try {
      const rows = await this.repository.between(teamId, sequence.last, current + 1);
      if (this.sequences.get(teamId) !== sequence) return;
      const missed = rows.filter((row) => Number(row.seq) > sequence.last);
      for (const row of missed) sequence.held.set(Number(row.seq), toEnvelope(row));
      // Usually an event still on its way from the committing instance; after a blip, lost.
      if (missed.length > 0)
        this.logger.debug(`Team ${teamId}: ${missed.length} event(s) read from the log`);
    } finally {
      this.healing.delete(teamId);
    }
    this.flush(teamId, sequence);
  }

  private flush(teamId: string, sequence: TeamSequence): void {
    let next = sequence.held.get(sequence.last + 1);
    while (next) {
      sequence.held.delete(next.seq);
      sequence.last = next.seq;
      this.fanOut(next);
      next = sequence.held.get(sequence.last + 1);
    }
    if (sequence.held.size === 0) {
      clearTimeout(sequence.timer);
      sequence.timer = undefined;
      if (this.localSockets(teamId).length === 0) this.sequences.delete(teamId);
      return;
    }
    sequence.timer ??= setTimeout(() => void this.fillGap(teamId, sequence), GAP_WAIT_MS);
  }

  private async fillGap(teamId: string, sequence: TeamSequence): Promise<void> {
    sequence.timer = undefined;
    const firstHeld = Math.min(...sequence.held.keys());
    try {
      const rows = await this.repository.between(teamId, sequence.last, firstHeld);
      for (const row of rows) sequence.held.set(Number(row.seq), toEnvelope(row));
    } catch (error) {
      this.logger.warn(`Could not read missing events of team ${teamId}: ${String(error)}`);
    }
    this.flush(teamId, sequence);
  }

  private fanOut(event: EventEnvelope): void {
    const sockets = this.localSockets(event.teamId);
    const ready: string[] = [];
    for (const socket of sockets) {
      if (this.subscriptions.takeInBroadcast(socket, event)) ready.push(socket.id);
      else this.subscriptions.deliver(socket, event);
    }
    // One encoding for every up-to-date socket of this instance (each instance relays its own).
    if (ready.length > 0) this.namespace?.local.to(ready).emit('event', event);
    for (const listener of this.listeners) listener(event, sockets);
  }

  private localSockets(teamId: string): RitmoSocket[] {
    const ids = this.namespace?.adapter.rooms.get(teamRoom(teamId));
    if (!ids || !this.namespace) return [];
    const sockets: RitmoSocket[] = [];
    for (const id of ids) {
      const socket = this.namespace.sockets.get(id) as RitmoSocket | undefined;
      if (socket) sockets.push(socket);
    }
    return sockets;
  }
}
