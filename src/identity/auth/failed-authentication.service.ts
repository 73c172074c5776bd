import { Injectable } from '@nestjs/common';
import { DomainError, UnauthorizedError } from '../../common/errors/domain-error';
import { RateLimitStore } from './rate-limit.store';

/** Failed authentications one IP may make per minute before it is refused for a minute. */
export const FAILED_AUTH_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

/**
 * Wrong passwords and unknown tokens are counted per client IP, across instances (the
 * rate-limit store). Past the budget a login from that IP is refused before its password is
 * even checked (guessing stops), and an invalid token gets 429 instead of 401; valid tokens
 * from the same address (an office behind one NAT) keep working.
 */
@Injectable()
export class FailedAuthentication {
  constructor(private readonly store: RateLimitStore) {}

  /** Throws 429 while the IP is over its budget. */
  async refuseIfBlocked(ip: string): Promise<void> {
    const seconds = await this.store.blockedSeconds(key(ip));
    if (seconds > 0) throw tooMany(seconds);
  }

  /** Counts a failure; the one that exhausts the budget is answered 429 already. */
  async failed(ip: string, error: unknown): Promise<never> {
    if (counts(error)) {
      const [, , blockedMs] = await this.store.hit(
        key(ip),
        WINDOW_MS,
        FAILED_AUTH_PER_MINUTE,
        WINDOW_MS,
      );
      if (blockedMs > 0) throw tooMany(Math.ceil(blockedMs / 1000));
    }
    throw error;
  }
}

const key = (ip: string) => `authfail:${ip}`;

/** An expired or signed-out token is a client that must refresh, not a guess. */
function counts(error: unknown): boolean {
  return (
    error instanceof UnauthorizedError &&
    !['token-expired', 'signed-out', 'unauthenticated'].includes(error.code)
  );
}

function tooMany(retryAfter: number): DomainError {
  return new DomainError(
    'rate-limited',
    'rate_limited',
    `Too many requests: retry in ${retryAfter} s`,
    { retryAfter },
  );
}
