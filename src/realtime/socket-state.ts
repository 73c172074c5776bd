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
  /** Rooms joined through a team's access (a ceremony's session room), by team. */
  teamRooms?: Map<string, Set<string>>;
}

/** What the server sends; docs/realtime.md describes each. */
export interface ServerToClientEvents {
  event: (event: EventEnvelope) => void;
  /** The team's current seq, every REALTIME_HEARTBEAT_MS: behind it, ask for the rest. */
  heartbeat: (beat: { teamId: string; seq: number }) => void;
  /** The whole list, once per subscribe; then deltas. */
  'presence.changed': (presence: { teamId: string; members: unknown[] }) => void;
  'presence.delta': (delta: { teamId: string; joined: unknown[]; left: string[] }) => void;
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

export const TEAM_ROOM_PREFIX = 'team:';
export const teamRoom = (teamId: string) => `${TEAM_ROOM_PREFIX}${teamId}`;

interface RoomSocket {
  data: Partial<Pick<SocketData, 'teamRooms'>>;
}

/** Remembers that `room` was joined through `teamId`'s access, so losing it leaves the room. */
export function trackTeamRoom(socket: RoomSocket, teamId: string, room: string): void {
  const rooms = (socket.data.teamRooms ??= new Map<string, Set<string>>());
  const ofTeam = rooms.get(teamId) ?? new Set<string>();
  ofTeam.add(room);
  rooms.set(teamId, ofTeam);
}

export function untrackRoom(socket: RoomSocket, room: string): void {
  for (const [teamId, rooms] of socket.data.teamRooms ?? []) {
    rooms.delete(room);
    if (rooms.size === 0) socket.data.teamRooms!.delete(teamId);
  }
}

/** Every team a socket holds something of: its subscriptions and its rooms. */
export function teamsOf(socket: RitmoSocket): string[] {
  return [
    ...new Set([...socket.data.subscriptions.keys(), ...(socket.data.teamRooms?.keys() ?? [])]),
  ];
}
