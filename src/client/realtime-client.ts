import { io, Socket } from 'socket.io-client';
import type { EventEnvelope } from './event-types';

export interface SubscribeAck {
  ok: boolean;
  teamId?: string;
  seq?: number;
  error?: { type: string; status: number; detail: string };
}

export interface RealtimeClientOptions {
  /** Called for every event, exactly once, in seq order per team. */
  onEvent?: (event: EventEnvelope) => void;
  /** The team's log moved past our cursor's window: reload the team over REST, then subscribe(teamId). */
  onReloadNeeded?: (teamId: string) => void;
  transports?: ('websocket' | 'polling')[];
  /** Sent with the handshake, e.g. a client id a load balancer hashes on. */
  extraHeaders?: Record<string, string>;
}

/**
 * The reference client of docs/realtime.md. It keeps the last applied seq per team, drops
 * anything at or below it, and on a gap, a reconnect or a heartbeat ahead of it asks the server
 * again from that seq.
 * Third parties can copy it; the tests use it.
 */
export class RealtimeClient {
  readonly socket: Socket;
  private readonly lastSeq = new Map<string, number>();
  private readonly resyncing = new Set<string>();
  /** Teams with a subscribe in flight: its replay is still arriving. */
  private readonly pending = new Map<string, number>();

  constructor(
    baseUrl: string,
    token: string,
    private readonly options: RealtimeClientOptions = {},
  ) {
    this.socket = io(`${baseUrl}/realtime`, {
      auth: { token },
      transports: options.transports ?? ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 1_000,
      extraHeaders: options.extraHeaders,
    });
    this.socket.on('event', (event: EventEnvelope) => this.receive(event));
    // The team's current seq, every few seconds: an event lost on its way (the server's own
    // Redis blip) leaves no gap to notice when the team goes quiet, so compare and catch up.
    this.socket.on('heartbeat', (beat: { teamId: string; seq: number }) => {
      const last = this.lastSeq.get(beat.teamId);
      if (last !== undefined && beat.seq > last && !this.pending.has(beat.teamId))
        void this.resync(beat.teamId);
    });
    // Every connection after the first (automatic reconnect or connect() after a disconnect)
    // starts with no subscriptions on the server: ask again from the last applied seq.
    let connections = 0;
    this.socket.on('connect', () => {
      if (connections++ === 0) return;
      for (const teamId of this.lastSeq.keys()) void this.resync(teamId);
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
    });
  }

  /** Without afterSeq: start live from now (load your snapshot over REST first). */
  async subscribe(teamId: string, afterSeq?: number): Promise<SubscribeAck> {
    if (afterSeq !== undefined) this.lastSeq.set(teamId, afterSeq);
    this.pending.set(teamId, (this.pending.get(teamId) ?? 0) + 1);
    let reply: SubscribeAck;
    try {
      reply = (await this.socket.timeout(10_000).emitWithAck('subscribe', {
        teamId,
        ...(afterSeq !== undefined ? { afterSeq } : {}),
      })) as SubscribeAck;
    } finally {
      const left = (this.pending.get(teamId) ?? 1) - 1;
      if (left > 0) this.pending.set(teamId, left);
      else this.pending.delete(teamId);
    }
    if (
      reply.ok &&
      afterSeq === undefined &&
      typeof reply.seq === 'number' &&
      !this.lastSeq.has(teamId)
    ) {
      this.lastSeq.set(teamId, reply.seq);
    }
    if (!reply.ok && reply.error?.status === 410) this.options.onReloadNeeded?.(teamId);
    return reply;
  }

  async unsubscribe(teamId: string): Promise<void> {
    this.lastSeq.delete(teamId);
    await this.socket.timeout(10_000).emitWithAck('unsubscribe', { teamId });
  }

  seq(teamId: string): number | undefined {
    return this.lastSeq.get(teamId);
  }

  close(): void {
    this.socket.disconnect();
  }

  private receive(event: EventEnvelope): void {
    const last = this.lastSeq.get(event.teamId);
    if (last === undefined) {
      // Replayed before the subscribe acknowledgement told us where we start.
      this.lastSeq.set(event.teamId, event.seq);
      this.options.onEvent?.(event);
      return;
    }
    if (event.seq <= last) return;
    if (event.seq !== last + 1) {
      void this.resync(event.teamId);
      return;
    }
    this.lastSeq.set(event.teamId, event.seq);
    this.options.onEvent?.(event);
  }

  private async resync(teamId: string): Promise<void> {
    if (this.resyncing.has(teamId)) return;
    this.resyncing.add(teamId);
    let failed = false;
    try {
      const reply = await this.subscribe(teamId, this.lastSeq.get(teamId));
      failed = !reply.ok && reply.error?.status !== 410;
    } catch {
      failed = true;
    } finally {
      this.resyncing.delete(teamId);
    }
    // A request lost to a disconnect: try again once connected (a reconnect may have come and
    // gone while this one was pending).
    if (failed && this.lastSeq.has(teamId)) {
      setTimeout(() => {
        if (this.socket.connected) void this.resync(teamId);
      }, 250);
    }
  }
}
