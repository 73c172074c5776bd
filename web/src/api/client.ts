import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session, type TokenPair } from './session';

/** The language problems and texts come back in: set by the i18n layer (the user's choice). */
let language = 'it';
export function setApiLanguage(lang: string): void {
  language = lang;
}

const AUTH_ROUTES =
  /\/api\/v1\/auth\/(login|refresh|register|logout|password-reset|password-reset\/confirm)$/;

let refreshing: Promise<boolean> | undefined;

/**
 * Exchanges the refresh token for a new pair, once: concurrent 401s wait for the same
 * exchange (a second exchange with the same refresh token would be refused as a replay).
 */
export function refreshSession(fetcher: typeof fetch = fetch): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.refreshToken();
    if (!refreshToken) {
      session.expire();
      return false;
    }
    try {
      const response = await fetcher(
        new Request(`${location.origin}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
          body: JSON.stringify({ refreshToken }),
        }),
      );
      if (!response.ok) {
        // 4xx: the token is spent or revoked. A 5xx or 429 is not the person's fault; keep
        // the refresh token for the next try.
        if (response.status < 500 && response.status !== 429) session.expire();
        return false;
      }
      session.start((await response.json()) as TokenPair);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** A signed-in tab has a refresh token but, after a reload, no access token yet. */
export async function ensureAccessToken(): Promise<boolean> {
  if (session.accessToken()) return true;
  if (!session.refreshToken()) return false;
  return refreshSession();
}

export function authMiddleware(fetcher: typeof fetch = (input) => fetch(input)): Middleware {
  const retries = new Map<string, Request>();
  return {
    async onRequest({ request, id }) {
      request.headers.set('Accept-Language', language);
      if (AUTH_ROUTES.test(new URL(request.url).pathname)) return request;
      if (!session.accessToken() && session.refreshToken()) await refreshSession(fetcher);
      const token = session.accessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      // Keep a copy to send again after a refresh (a body can be read once).
      retries.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id }) {
      const retry = retries.get(id);
      retries.delete(id);
      if (response.status !== 401 || !retry) return response;
      const used = retry.headers.get('Authorization');
      const current = session.accessToken();
      // Another request already refreshed: send again with the new token.
      const refreshed =
        current && used !== `Bearer ${current}` ? true : await refreshSession(fetcher);
      if (!refreshed) return response;
      retry.headers.set('Authorization', `Bearer ${session.accessToken() ?? ''}`);
      return fetcher(retry);
    },
    onError({ id }) {
      retries.delete(id);
    },
  };
}

export function createApi(fetcher?: typeof fetch) {
  const client = createClient<paths>({
    baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
    // Looked up at each call, not at import: component tests route the global fetch.
    fetch: fetcher ?? ((request: Request) => globalThis.fetch(request)),
  });
  client.use(authMiddleware(fetcher));
  return client;
}

export const api = createApi();
