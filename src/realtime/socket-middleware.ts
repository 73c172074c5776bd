import type { Socket } from 'socket.io';
import type { Actor } from '../identity/actor';
import { Authenticator } from '../identity/auth/authenticator.service';
import { RATE_LIMITED, TOO_LARGE } from './ws-ack';

type Next = (error?: Error) => void;

/**
 * Sockets authenticate once, at the handshake, with the same credentials as REST (a JWT or an
 * API token in `auth.token`); a refusal reaches the client as `connect_error` 'unauthenticated'.
 */
export function handshakeAuthentication(authenticator: Authenticator, maxPerCredential: number) {
  return (socket: Socket, next: Next): void => {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0) {
      next(unauthenticated('Send auth: { token } (JWT or API token)'));
      return;
    }
    authenticator.authenticate(token).then(
      (actor) => {
        const credential = credentialOf(actor);
        let open = 0;
        for (const other of socket.nsp.sockets.values()) {
          const held = (other.data as { actor?: Actor }).actor;
          if (held && credentialOf(held) === credential) open += 1;
        }
        if (open >= maxPerCredential) {
          next(
            Object.assign(new Error('too-many-connections'), {
              data: {
                detail: `At most ${maxPerCredential} sockets per session or API token on one server: close one first`,
              },
            }),
          );
          return;
        }
        Object.assign(socket.data, { actor, subscriptions: new Map() });
        next();
      },
      (error: unknown) =>
        next(unauthenticated(error instanceof Error ? error.message : 'invalid token')),
    );
  };
}

/** Sockets are counted per session (a person's sign-in) or API token, not per person. */
function credentialOf(actor: Actor): string {
  return actor.sessionId ?? actor.tokenId ?? `user:${actor.userId}`;
}

function unauthenticated(detail: string): Error {
  return Object.assign(new Error('unauthenticated'), { data: { detail } });
}

/**
 * A token bucket per socket: a runaway client gets `rate-limited` acknowledgements instead of
 * starving the event loop. Messages without an acknowledgement are dropped silently.
 */
export function messageRateLimit(perSecond: number, burst: number) {
  let tokens = burst;
  let refilled = Date.now();
  return (packet: unknown[], next: Next): void => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - refilled) / 1000) * perSecond);
    refilled = now;
    if (tokens >= 1) {
      tokens -= 1;
      next();
      return;
    }
    const callback: unknown = packet.at(-1);
    if (typeof callback === 'function') (callback as (reply: unknown) => void)(RATE_LIMITED);
  };
}

/**
 * Messages over `maxBytes` get a `payload-too-large` acknowledgement. The transport's own limit
 * (socket.io's maxHttpBufferSize, set higher) closes the connection instead, which a client
 * sees as a network failure and retries with the same message.
 */
export function messageSizeLimit(maxBytes: number) {
  return (packet: unknown[], next: Next): void => {
    const callback: unknown = packet.at(-1);
    const args = typeof callback === 'function' ? packet.slice(1, -1) : packet.slice(1);
    if (Buffer.byteLength(JSON.stringify(args) ?? '') <= maxBytes) {
      next();
      return;
    }
    if (typeof callback === 'function') (callback as (reply: unknown) => void)(TOO_LARGE);
  };
}
