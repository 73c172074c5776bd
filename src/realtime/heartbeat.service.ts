import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { RuntimeConfig } from '../config/runtime-config';
import { EventsReader } from '../events/events.reader';
import { EventRelay } from './event-relay.service';
import { TEAM_ROOM_PREFIX, teamRoom } from './socket-state';

/**
 * Bounds how long a client can stay stale without noticing. Relayed events travel through Redis
 * pub/sub, which drops messages while an instance's connection is down and says nothing: the
 * sockets stay connected, no gap shows, and a team that goes quiet would stay stale for good.
 * Every `REALTIME_HEARTBEAT_MS` (and at once when the adapter's Redis connection comes back)
 * each instance reads the current seq of every team it has subscribers for — one indexed query,
 * straight from PostgreSQL — fans out from the log whatever it has not delivered, then tells
 * each team room its current seq (`heartbeat`), so a client still behind asks for the rest.
 */
@Injectable()
export class RealtimeHeartbeat implements BeforeApplicationShutdown {
  private readonly logger = new Logger('RealtimeHeartbeat');
  private namespace?: Namespace;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly relay: EventRelay,
    private readonly reader: EventsReader,
    private readonly config: RuntimeConfig,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    this.timer = setInterval(() => void this.beat(), this.config.realtimeHeartbeatMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One beat at a time: a beat asked for while one runs joins it. */
  beat(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.tick().finally(() => (this.running = undefined));
    return this.running;
  }

  private async tick(): Promise<void> {
    const namespace = this.namespace;
    if (!namespace) return;
    const teams: string[] = [];
    for (const room of namespace.adapter.rooms.keys())
      if (room.startsWith(TEAM_ROOM_PREFIX)) teams.push(room.slice(TEAM_ROOM_PREFIX.length));
    if (teams.length === 0) return;
    let seqs: Map<string, number>;
    try {
      seqs = await this.reader.currentSeqs(teams);
      if (this.failing) this.logger.log('Heartbeat reads the event counters again');
      this.failing = false;
    } catch (error) {
      // Once per outage, not every beat.
      if (!this.failing) this.logger.warn(`Heartbeat could not read seqs: ${String(error)}`);
      this.failing = true;
      return;
    }
    await Promise.all(
      [...seqs].map(async ([teamId, seq]) => {
        try {
          await this.relay.catchUp(teamId, seq);
        } catch (error) {
          this.logger.warn(`Team ${teamId}: missed events not read: ${String(error)}`);
        }
        // After the catch-up's events, on the same sockets: a client that is still behind
        // (it was replaying, or its own delivery failed) asks for the rest itself.
        if (!this.stopped) namespace.local.to(teamRoom(teamId)).emit('heartbeat', { teamId, seq });
      }),
    );
  }
}
