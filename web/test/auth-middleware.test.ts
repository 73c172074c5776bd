import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../src/api/client';
import { session } from '../src/api/session';

/** A stand-in server: one valid access token at a time, refresh tokens single use. */
function fakeServer() {
  let current = 'access-1';
  let refresh = 'refresh-1';
  let n = 1;
  const calls = { refresh: 0, me: 0 };
  const fetcher = async (input: RequestInfo | URL): Promise<Response> => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/auth/refresh') {
      calls.refresh += 1;
      const body = (await request.json()) as { refreshToken: string };
      if (body.refreshToken !== refresh) return new Response('{}', { status: 401 });
      n += 1;
      current = `access-${n}`;
      refresh = `refresh-${n}`;
      return Response.json({ accessToken: current, refreshToken: refresh, expiresIn: 900 });
    }
    calls.me += 1;
    if (request.headers.get('Authorization') !== `Bearer ${current}`)
      return new Response(JSON.stringify({ status: 401, detail: 'Token scaduto' }), {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    return Response.json({
      id: 'u1',
      displayName: 'Anna',
      acceptLanguage: request.headers.get('Accept-Language'),
    });
  };
  return {
    fetcher: fetcher,
    calls,
    expireAccess: () => {
      current = `rotated-${n}`;
    },
    revokeRefresh: () => {
      refresh = 'revoked';
    },
  };
}

afterEach(() => session.clear());

describe('auth middleware', () => {
  it('refreshes once for concurrent 401s and sends every request again', async () => {
    const server = fakeServer();
    const api = createApi(server.fetcher);
    session.start({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 });
    server.expireAccess();
    const results = await Promise.all([1, 2, 3].map(() => api.GET('/api/v1/me')));
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(server.calls.refresh).toBe(1);
    expect(session.accessToken()).toBe('access-2');
    expect(session.refreshToken()).toBe('refresh-2');
  });

  it('starts from the stored refresh token after a reload (no access token in memory)', async () => {
    const server = fakeServer();
    localStorage.setItem('ritmo.refreshToken', 'refresh-1');
    const api = createApi(server.fetcher);
    const { data } = await api.GET('/api/v1/me');
    expect(data?.displayName).toBe('Anna');
    expect(server.calls.refresh).toBe(1);
  });

  it('ends the session when the refresh token is refused', async () => {
    const server = fakeServer();
    const api = createApi(server.fetcher);
    session.start({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 });
    server.expireAccess();
    server.revokeRefresh();
    const { response, error } = await api.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ detail: 'Token scaduto' });
    expect(session.current()).toBe('expired');
    expect(session.refreshToken()).toBeUndefined();
  });
});
