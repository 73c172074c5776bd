import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { session } from '../api/session';
import { useSession } from '../app/auth';
import { LiveConnection, type ConnectionState } from './connection';
import './team-reducers';
import './sprint-reducers';
import './poker-reducers';
import './retro-reducers';
import './daily-reducers';
import './review-reducers';

const LiveContext = createContext<LiveConnection | undefined>(undefined);

export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connection] = useState(() => new LiveConnection(queryClient));
  const state = useSession();
  const [token, setToken] = useState(session.accessToken());
  useEffect(() => session.subscribe(() => setToken(session.accessToken())), []);
  useEffect(() => {
    if (state === 'signed-in' && token) connection.start(token);
    else if (state !== 'signed-in') connection.stop();
  }, [connection, state, token]);
  useEffect(() => () => connection.stop(), [connection]);
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveConnection | undefined {
  return useContext(LiveContext);
}

/** Keeps the team's events flowing into the cache while the calling screen is mounted. */
export function useLiveTeam(teamId: string | undefined): void {
  const live = useLive();
  useEffect(() => {
    if (!live || !teamId) return;
    return live.watchTeam(teamId);
  }, [live, teamId]);
}

const noop = () => () => {};

export function useConnectionState(): ConnectionState {
  const live = useLive();
  return useSyncExternalStore(
    live?.subscribeState ?? noop,
    () => live?.connectionState() ?? 'offline',
    () => 'offline',
  );
}
