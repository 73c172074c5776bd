/**
 * The signed-in session. The access token lives in memory only; the refresh token is kept in
 * localStorage so a reload (or a second tab) can start a new session without the password.
 * Each refresh rotates it: the server revokes the old one, so exactly one copy stays useful.
 */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

type Listener = () => void;

const REFRESH_KEY = 'ritmo.refreshToken';

export type SessionState = 'anonymous' | 'signed-in' | 'expired';

class SessionStore {
  private access: string | undefined;
  private state: SessionState;
  private readonly listeners = new Set<Listener>();

  constructor() {
    this.state = this.refreshToken() ? 'signed-in' : 'anonymous';
  }

  accessToken(): string | undefined {
    return this.access;
  }

  refreshToken(): string | undefined {
    try {
      return globalThis.localStorage?.getItem(REFRESH_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  }

  current(): SessionState {
    return this.state;
  }

  start(pair: TokenPair): void {
    this.access = pair.accessToken;
    globalThis.localStorage?.setItem(REFRESH_KEY, pair.refreshToken);
    this.set('signed-in');
  }

  /** Signed out on purpose. */
  clear(): void {
    this.access = undefined;
    globalThis.localStorage?.removeItem(REFRESH_KEY);
    this.set('anonymous');
  }

  /** The refresh token was refused: the person must sign in again (and come back here). */
  expire(): void {
    this.access = undefined;
    globalThis.localStorage?.removeItem(REFRESH_KEY);
    this.set('expired');
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export const session = new SessionStore();
