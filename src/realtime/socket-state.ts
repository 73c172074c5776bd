import type { Socket } from 'socket.io';
import { Actor } from '../identity/actor';
import { EventEnvelope } from '../events/event-catalogue';

/** Per socket and team: what was sent, and live events held while replaying from the log. */
export interface TeamSubscription {
  teamId: string;
  lastSent: number;
  replaying: boolean;
  buffer: EventEnvelope[];
}

export interface SocketData {
  actor: Actor;
  subscriptions: Map<string, TeamSubscription>;
}

/** What the server sends; docs/realtime.md describes each. */
export interface ServerToClientEvents {
  event: (event: EventEnvelope) => void;
  'presence.changed': (presence: { teamId: string; members: unknown[] }) => void;
  unsubscribed: (notice: { teamId: string; reason: 'access_revoked' }) => void;
  /** To a ceremony's session room (src/ceremony/sessions/session-room.service.ts). */
  'ceremony.timer': (timer: { ceremonyId: string; session: unknown; serverTime: string }) => void;
  'session.expired': (notice: { reason: string }) => void;
}

export type RitmoSocket = Socket<
  Record<string, (...args: unknown[]) => void>,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const teamRoom = (teamId: string) => `team:${teamId}`;
