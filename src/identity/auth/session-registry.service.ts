import { Injectable, Logger } from '@nestjs/common';
import { TokensRepository } from '../tokens/tokens.repository';

/**
 * How long a "still signed in" answer is trusted without asking the database again. Revocation
 * clears it at once on every instance (the realtime relay carries the news); this bound only
 * matters if that news is lost (Redis down between instances).
 */
export const SESSION_CHECK_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

export type SessionsRevokedListener = (sessionIds: string[]) => void;

/**
 * Whether a sign-in session (a refresh-token family, the `sid` of its access tokens) is still
 * open. Checked on every request and socket handshake, so logout, password change and reset,
 * and refresh-token reuse end the session's access tokens at once rather than at their expiry.
 */
@Injectable()
export class SessionRegistry {
  private readonly logger = new Logger('SessionRegistry');
  /** sid → when the database last said it was open. */
  private readonly open = new Map<string, number>();
  /** Ended sessions never reopen: remembered so that a read racing the revocation cannot re-cache them. */
  private readonly ended = new Set<string>();
  private readonly listeners: SessionsRevokedListener[] = [];

  constructor(private readonly tokens: TokensRepository) {}

  async isOpen(sessionId: string): Promise<boolean> {
    if (this.ended.has(sessionId)) return false;
    const checked = this.open.get(sessionId);
    if (checked !== undefined && Date.now() - checked < SESSION_CHECK_TTL_MS) return true;
    const open = await this.tokens.isFamilyOpen(sessionId);
    if (this.ended.has(sessionId)) return false;
    if (open) remember(this.open, sessionId, Date.now());
    else this.forget([sessionId]);
    return open;
  }

  /** Local bookkeeping only (news from another instance lands here). */
  forget(sessionIds: readonly string[]): void {
    for (const id of sessionIds) {
      this.open.delete(id);
      remember(this.ended, id);
    }
  }

  /** After the revoking transaction committed: forget, and tell the sockets (and other instances). */
  revoked(sessionIds: readonly string[]): void {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) return;
    this.forget(ids);
    for (const listener of this.listeners) {
      try {
        listener(ids);
      } catch (error) {
        this.logger.warn(`A revocation listener failed: ${String(error)}`);
      }
    }
  }

  onRevoked(listener: SessionsRevokedListener): void {
    this.listeners.push(listener);
  }
}

/** Insertion-ordered and bounded: the oldest entry goes first. */
function remember<K>(store: Map<K, number> | Set<K>, key: K, value?: number): void {
  if (store instanceof Map) {
    store.delete(key);
    store.set(key, value ?? 0);
  } else store.add(key);
  if (store.size > MAX_ENTRIES) {
    const oldest = store.keys().next().value as K;
    store.delete(oldest);
  }
}
