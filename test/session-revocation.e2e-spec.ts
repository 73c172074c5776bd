import request from 'supertest';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PUBLIC_URL = 'https://ritmo.unione-tresinaro.example';
const NEW_PASSWORD = 'Scandiano-Protocollo-2027!';

interface Pair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Issue 20, item 3: logout and password change left access tokens (REST and sockets) working
 * until they expired. The access token now names its session; ending the session ends them.
 */
describe('ending a session ends its access tokens and sockets at once', () => {
  let sink: SmtpSink;
  let a: TestApp;
  let b: TestApp;
  let f: Factory;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    const env = { REDIS_URL, SMTP_URL: sink.url, PUBLIC_URL, MAIL_POLL_MS: '50' };
    a = await startTestApp({ env });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env });
    f = new Factory(a);
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await b?.close();
    await a?.close();
    await sink?.stop();
  });

  const login = async (base: string, user: TestUser): Promise<Pair> =>
    (
      await request(base)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200)
    ).body as Pair;

  const me = (base: string, token: string) =>
    request(base).get('/api/v1/me').set('Authorization', `Bearer ${token}`);

  async function expectSignedOut(base: string, token: string): Promise<void> {
    const res = await me(base, token).set('Accept-Language', 'en');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:ritmo:problem:signed-out',
      detail: 'This session has ended (signed out, or the password changed): sign in again',
    });
  }

  /** A subscribed socket that records why it was closed. */
  async function socketOf(base: string, token: string, team: TestTeam) {
    const c = await connectClient(base, token);
    clients.push(c);
    await c.client.subscribe(team.id);
    const closed: string[] = [];
    c.client.socket.on('disconnect', (reason) => closed.push(reason));
    return { c, closed };
  }

  const expired = (c: TestClient) =>
    c.raw.filter((frame) => (frame as unknown[])[0] === 'session.expired');

  async function handshakeRefused(base: string, token: string): Promise<string> {
    const c = await connectClient(base, token).then(
      () => undefined,
      (error: Error & { data?: { detail: string } }) => error.data?.detail ?? error.message,
    );
    if (c === undefined) throw new Error('the handshake was accepted');
    return c;
  }

  it('logout: the access token gets 401 on every instance and the session’s sockets are closed', async () => {
    const team = await f.team();
    const user = team.admin;
    const session = await login(a.url, user);
    const other = await login(a.url, user);
    // Both instances have just found the session open (and cached it).
    await me(a.url, session.accessToken).expect(200);
    await me(b.url, session.accessToken).expect(200);
    const onA = await socketOf(a.url, session.accessToken, team);
    const onB = await socketOf(b.url, session.accessToken, team);
    const otherSocket = await socketOf(b.url, other.accessToken, team);

    await request(a.url)
      .post('/api/v1/auth/logout')
      .send({ refreshToken: session.refreshToken })
      .expect(204);

    await expectSignedOut(a.url, session.accessToken);
    await expectSignedOut(b.url, session.accessToken);
    await waitFor(() => onA.closed.length > 0 && onB.closed.length > 0, 5_000, 'both sockets');
    for (const s of [onA, onB]) {
      expect(s.closed).toEqual(['io server disconnect']);
      expect(expired(s.c)).toEqual([['session.expired', { reason: 'session ended' }]]);
    }
    expect(await handshakeRefused(b.url, session.accessToken)).toMatch(/session has ended/);

    // The other session of the same person is untouched.
    await me(b.url, other.accessToken).expect(200);
    expect(otherSocket.c.client.socket.connected).toBe(true);
    const rows = await a.db.query<{ revoked: boolean }[]>(
      `SELECT revoked_at IS NOT NULL AS revoked FROM refresh_tokens
        WHERE token_hash IN (encode(sha256(convert_to($1, 'UTF8')), 'hex'), encode(sha256(convert_to($2, 'UTF8')), 'hex'))
        ORDER BY revoked_at NULLS LAST`,
      [session.refreshToken, other.refreshToken],
    );
    expect(rows).toEqual([{ revoked: true }, { revoked: false }]);
  });

  it('password change: every other session ends; the one that changed it goes on', async () => {
    const team = await f.team();
    const user = team.admin;
    const mine = await login(a.url, user);
    const stolen = await login(b.url, user);
    await me(b.url, stolen.accessToken).expect(200);
    const mySocket = await socketOf(a.url, mine.accessToken, team);
    const stolenSocket = await socketOf(b.url, stolen.accessToken, team);

    const changed = await request(a.url)
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${mine.accessToken}`)
      .send({ currentPassword: user.password, newPassword: NEW_PASSWORD })
      .expect(200);

    await expectSignedOut(b.url, stolen.accessToken);
    await waitFor(() => stolenSocket.closed.length > 0, 5_000, 'the other session’s socket');
    expect(expired(stolenSocket.c)).toEqual([['session.expired', { reason: 'session ended' }]]);
    await request(b.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: stolen.refreshToken })
      .expect(401);

    // Same session, renewed: the old access token and socket keep working, the old refresh token does not.
    await me(a.url, mine.accessToken).expect(200);
    await me(b.url, (changed.body as Pair).accessToken).expect(200);
    expect(mySocket.c.client.socket.connected).toBe(true);
    expect(expired(mySocket.c)).toEqual([]);
    await request(a.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: mine.refreshToken })
      .expect(401);
    await request(a.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: (changed.body as Pair).refreshToken })
      .expect(200);
  });

  it('password reset: every session ends, REST and sockets, on both instances', async () => {
    const team = await f.team();
    const user = team.admin;
    const session = await login(a.url, user);
    await me(b.url, session.accessToken).expect(200);
    await me(b.url, user.token).expect(200);
    const socket = await socketOf(b.url, session.accessToken, team);
    const factorySocket = await socketOf(a.url, user.token, team);

    await request(a.url)
      .post('/api/v1/auth/password-reset')
      .send({ email: user.email })
      .expect(202);
    await waitFor(() => sink.to(user.email).length === 1, 10_000, 'the reset email');
    const token = /reset-password#(ritmo_pwr_[\w-]+)/.exec(sink.to(user.email)[0].mail.text ?? '');
    const fresh = await request(b.url)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: token?.[1], password: NEW_PASSWORD })
      .expect(200);

    for (const old of [session.accessToken, user.token]) {
      await expectSignedOut(a.url, old);
      await expectSignedOut(b.url, old);
    }
    await waitFor(
      () => socket.closed.length > 0 && factorySocket.closed.length > 0,
      5_000,
      'the sockets',
    );
    expect(expired(socket.c)).toEqual([['session.expired', { reason: 'session ended' }]]);
    await me(a.url, (fresh.body as Pair).accessToken).expect(200);
    const [open] = await a.db.query<{ open: number }[]>(
      `SELECT count(*)::int AS open FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [user.id],
    );
    expect(open).toEqual({ open: 1 });
  });

  it('refresh-token reuse: the whole login ends, its current access token too', async () => {
    const team = await f.team();
    const first = await login(a.url, team.admin);
    const second = (
      await request(a.url)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200)
    ).body as Pair;
    await me(b.url, second.accessToken).expect(200);
    const socket = await socketOf(b.url, second.accessToken, team);

    const replay = await request(a.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(replay.body.type).toBe('urn:ritmo:problem:refresh-token-reused');

    await expectSignedOut(b.url, second.accessToken);
    await waitFor(() => socket.closed.length > 0, 5_000, 'the socket');
    expect(expired(socket.c)).toEqual([['session.expired', { reason: 'session ended' }]]);
  });
});
