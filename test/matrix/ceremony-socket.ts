import { freshCeremony } from './ceremony';
import { socketOwn, socketTeamAction, type SocketRow } from './socket';

/**
 * The ceremony module's socket messages (src/ceremony/sessions/ceremony.gateway.ts), spread
 * into SOCKET_ROWS. socket.ts imports this file and this file its helpers, so the expectations
 * are read lazily (getters): the helpers exist only once socket.ts has loaded.
 */
export const CEREMONY_SOCKET_ROWS: SocketRow[] = [
  {
    message: '/realtime ceremony.join',
    get expected() {
      return socketTeamAction('team.read');
    },
    build: async (c) => ({ ceremonyId: (await freshCeremony(c)).id }),
  },
  {
    // Leaving a room you were never in is harmless and says nothing about the ceremony.
    message: '/realtime ceremony.leave',
    get expected() {
      return socketOwn();
    },
    build: async (c) => ({ ceremonyId: (await freshCeremony(c)).id }),
  },
  {
    message: '/realtime daily_scrum.post',
    get expected() {
      return socketTeamAction('ceremony.participate');
    },
    build: (c) => ({
      teamId: c.team.id,
      date: '2026-12-01',
      answers: { done: 'Protocollo', plan: 'Mensa' },
    }),
  },
];
