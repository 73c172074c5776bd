import type { QueryClient } from '@tanstack/react-query';
import { RealtimeClient } from '@ritmo/realtime-client';
import { session } from '../api/session';
import { meKeys, teamKeys } from '../api/keys';
import { applyCreated, applyRead, type Notification } from '../api/notifications';
import type { EventEnvelope } from './events';
import { applyEvent } from './registry';

export type ConnectionState = 'online' | 'reconnecting' | 'offline';

/** Failed attempts in a row after which "Riconnessione…" becomes "Non in linea". */
const OFFLINE_AFTER_ATTEMPTS = 3;

type Listener = () => void;

/**
 * One socket per signed-in session. Screens subscribe the teams they show (counted, so two
 * screens of one team share one subscription); events go through the registry into the
 * query cache. After a reconnect, a gap, or a heartbeat ahead of its seq (an event lost on the
 * server's side while the team went quiet) the reference client asks again from the last seq,
 * and the missing events reach the cache like any other; when the log moved past it (410) the
 * team's queries are refetched.
 */
export class LiveConnection {
  private client: RealtimeClient | undefined;
  private state: ConnectionState = 'reconnecting';
  private failures = 0;
  private readonly listeners = new Set<Listener>();
  private readonly teams = new Map<string, number>();

  constructor(private readonly queryClient: QueryClient) {}

  start(token: string): void {
    if (this.client) {
      this.client.socket.auth = { token };
      return;
    }
    const client = new RealtimeClient(location.origin, token, {
      onEvent: (event: EventEnvelope) => applyEvent(event, this.queryClient),
      onReloadNeeded: (teamId: string) => this.reload(teamId),
      transports: ['websocket', 'polling'],
    });
    this.client = client;
    const socket = client.socket;
    socket.on('connect', () => {
      this.failures = 0;
      this.setState('online');
      // Frames sent while disconnected are gone: the bell asks the server again.
      void this.queryClient.invalidateQueries({ queryKey: meKeys.notifications });
    });
    // The person's own room (docs/notifications.md): applied once by id, count as sent.
    socket.on('notification.created', (frame: { notification: Notification; unread: number }) =>
      applyCreated(this.queryClient, frame.notification, frame.unread),
    );
    socket.on('notification.read', (frame: { ids: string[]; unread: number }) =>
      applyRead(this.queryClient, frame.ids, frame.unread),
    );
    socket.on('disconnect', () => this.setState(socket.active ? 'reconnecting' : 'offline'));
    socket.on('connect_error', () => {
      // The access token may have expired: hand the socket the current one for the retry.
      const current = session.accessToken();
      if (current) socket.auth = { token: current };
      this.failures += 1;
      this.setState(this.failures >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting');
    });
    socket.io.on('reconnect_attempt', () => {
      if (this.failures < OFFLINE_AFTER_ATTEMPTS) this.setState('reconnecting');
    });
    for (const teamId of this.teams.keys()) void this.subscribe(teamId);
  }

  stop(): void {
    this.client?.close();
    this.client = undefined;
    this.setState('offline');
  }

  /** Returns the release function. */
  watchTeam(teamId: string): () => void {
    const count = this.teams.get(teamId) ?? 0;
    this.teams.set(teamId, count + 1);
    if (count === 0) void this.subscribe(teamId);
    return () => {
      const left = (this.teams.get(teamId) ?? 1) - 1;
      if (left > 0) {
        this.teams.set(teamId, left);
        return;
      }
      this.teams.delete(teamId);
      if (this.client?.socket.connected) void this.client.unsubscribe(teamId).catch(() => {});
    };
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  subscribeState = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async subscribe(teamId: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await client.connected();
      if (client.seq(teamId) !== undefined) return;
      const reply = await client.subscribe(teamId);
      // Live from now on: whatever happened before the subscription is in a fresh snapshot.
      if (reply.ok) this.reload(teamId);
    } catch {
      // Not connected yet: the reference client resubscribes on connect.
    }
  }

  private reload(teamId: string): void {
    void this.queryClient.invalidateQueries({ queryKey: teamKeys.all(teamId) });
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
