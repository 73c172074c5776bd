import { Client } from 'pg';
import { adminQuery, uniqueDatabaseName, withDatabase } from './support/database';
import { freePort, RitmoProcess, spawnRitmo, waitForReady } from './support/process';
import { TEST_JWT_SECRET } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

interface Exchange {
  label: string;
  status: number;
  /** Body and headers of the response, as text. */
  text: string;
}

/**
 * Security review, as a test: a real `npm start`-like process logging at info level (pino
 * JSON on stdout) is driven through every flow that handles a secret. No password, hash,
 * refresh token, API token, invitation token or webhook secret may appear in any log line,
 * nor in any response but the one that creates it.
 */
describe('secrets never reach logs or other responses', () => {
  const baseUrl = process.env.DATABASE_URL as string;
  const database = uniqueDatabaseName('ritmo_secrets');
  let ritmo: RitmoProcess;
  let url: string;
  const receiver = new WebhookReceiver();
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    await adminQuery(
      baseUrl,
      `CREATE DATABASE ${database} TEMPLATE ${process.env.RITMO_TEST_TEMPLATE as string}`,
    );
    await receiver.start();
    const port = await freePort();
    ritmo = spawnRitmo({
      DATABASE_URL: withDatabase(baseUrl, database),
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ALLOW_SIGNUP: 'true',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_POLL_MS: '50',
    });
    url = `http://127.0.0.1:${port}`;
    // ts-node compiles the whole server first: slow on a loaded 2-core machine.
    await waitForReady(url, 90_000);
  }, 120_000);

  afterAll(async () => {
    ritmo?.child.kill('SIGTERM');
    await ritmo?.exited;
    await receiver.stop?.();
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  async function call(
    label: string,
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    exchanges.push({
      label,
      status: res.status,
      text: `${JSON.stringify([...res.headers.entries()])}\n${text}`,
    });
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  it('exercises every secret-bearing flow, then finds no secret where it must not be', async () => {
    const password = 'Rubiera-Sportello-Tributi-2026!';
    const email = 'segreti@comune.example';
    const created = await call('register', 'POST', '/auth/register', {
      email,
      displayName: 'Ufficio Segreti',
      password,
    });
    expect(created.status).toBe(201);
    await call('register again', 'POST', '/auth/register', { email, displayName: 'X', password });
    await call('bad login', 'POST', '/auth/login', { email, password: `${password}x` });
    const login = await call('login', 'POST', '/auth/login', { email, password });
    const refresh1 = login.json.refreshToken as string;
    const refreshed = await call('refresh', 'POST', '/auth/refresh', { refreshToken: refresh1 });
    const refreshedAccess = refreshed.json.accessToken as string;
    const refresh2 = refreshed.json.refreshToken as string;
    // Reusing a refresh token ends its session at once, the access tokens it issued included.
    await call('refresh reuse', 'POST', '/auth/refresh', { refreshToken: refresh1 });
    expect((await call('ended session', 'GET', '/me', undefined, refreshedAccess)).status).toBe(
      401,
    );
    const relogin = await call('login 2', 'POST', '/auth/login', { email, password });
    const access = relogin.json.accessToken as string;
    const token = await call(
      'create token',
      'POST',
      '/me/tokens',
      { name: 'Protocollo', scopes: ['read', 'write'] },
      access,
    );
    expect(token.status).toBe(201);
    const apiToken = token.json.token as string;
    await call('list tokens', 'GET', '/me/tokens', undefined, access);
    await call('me via token', 'GET', '/me', undefined, apiToken);
    const ws = await call('workspace', 'POST', '/workspaces', { name: 'Comune' }, apiToken);
    const team = await call(
      'team',
      'POST',
      `/workspaces/${ws.json.id as string}/teams`,
      { name: 'Tributi' },
      apiToken,
    );
    const teamPath = `/teams/${team.json.id as string}`;
    const invitation = await call(
      'invite',
      'POST',
      `${teamPath}/invitations`,
      { email: 'collega@comune.example', role: 'developer' },
      access,
    );
    await call('list invitations', 'GET', `${teamPath}/invitations`, undefined, access);
    const hook = await call(
      'create webhook',
      'POST',
      `${teamPath}/webhooks`,
      { url: receiver.url, events: ['*'] },
      access,
    );
    expect(hook.status).toBe(201);
    const hookPath = `${teamPath}/webhooks/${hook.json.id as string}`;
    await call('ping', 'POST', `${hookPath}/ping`, {}, access);
    const rotated = await call('rotate', 'POST', `${hookPath}/rotate-secret`, {}, access);
    await call('get webhook', 'GET', hookPath, undefined, access);
    await call('list webhooks', 'GET', `${teamPath}/webhooks`, undefined, access);
    await call('deliveries', 'GET', `${hookPath}/deliveries`, undefined, access);
    await call('events', 'GET', `${teamPath}/events`, undefined, access);
    // A calendar app fetches the feed with its token in the query: the access log must not
    // keep it (issue 20, item 10).
    // The feed is a participant's: the administrator joins the team through an invitation.
    const self = await call(
      'invite self',
      'POST',
      `${teamPath}/invitations`,
      { email, role: 'scrum_master' },
      access,
    );
    const joined = await call(
      'accept',
      'POST',
      '/invitations/accept',
      { token: self.json.token as string },
      access,
    );
    expect(joined.status).toBe(200);
    const feed = await call('create feed', 'POST', `${teamPath}/calendar-feed`, {}, access);
    expect(feed.status).toBe(201);
    const feedToken = feed.json.token as string;
    const ics = await fetch(
      `${url}/api/v1${teamPath}/calendar.ics?token=${encodeURIComponent(feedToken)}`,
    );
    expect(ics.status).toBe(200);
    await call(
      'change password',
      'POST',
      '/me/password',
      {
        currentPassword: password,
        newPassword: `${password}-nuova`,
      },
      access,
    );
    await call('logout', 'POST', '/auth/logout', { refreshToken: refresh2 });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const db = new Client({ connectionString: withDatabase(baseUrl, database) });
    await db.connect();
    const stored = await db.query<{ s: string }>(`
      SELECT password_hash AS s FROM users
      UNION ALL SELECT token_hash FROM api_tokens
      UNION ALL SELECT token_hash FROM refresh_tokens
      UNION ALL SELECT token_hash FROM invitations
      UNION ALL SELECT secret_encrypted FROM webhook_subscriptions
      UNION ALL SELECT previous_secret_encrypted FROM webhook_subscriptions
        WHERE previous_secret_encrypted IS NOT NULL`);
    await db.end();
    expect(stored.rows.length).toBeGreaterThan(5);

    // Each secret, and the only response allowed to show it.
    const secrets: [string, string, string | string[] | undefined][] = [
      ['password', password, undefined],
      ['new password', `${password}-nuova`, undefined],
      ['refresh token 1', refresh1, 'login'],
      ['refresh token 2', refresh2, 'refresh'],
      ['refresh token 3', relogin.json.refreshToken as string, 'login 2'],
      // JWTs carry no nonce: the same user issued tokens within one second (login, refresh,
      // password change) gets the same one. Only those issuing responses may show it.
      ['ended session access token', refreshedAccess, ['login', 'refresh']],
      ['access token', access, ['login 2', 'change password']],
      ['API token', apiToken, 'create token'],
      ['calendar feed token', feedToken, 'create feed'],
      ['own invitation token', self.json.token as string, 'invite self'],
      ['invitation token', invitation.json.token as string, 'invite'],
      ['webhook secret', hook.json.secret as string, 'create webhook'],
      ['rotated webhook secret', rotated.json.secret as string, 'rotate'],
      ...stored.rows.map((row, i): [string, string, undefined] => [
        `stored hash ${i}`,
        row.s,
        undefined,
      ]),
    ];
    const logs = ritmo.output();
    const logLines = logs.split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(20);
    expect(receiver.received.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const [name, secret, allowed] of secrets) {
      expect(typeof secret === 'string' && secret.length >= 12).toBe(true);
      logLines
        .filter((line) => line.includes(secret))
        .forEach((line) => leaks.push(`${name} in log: ${line.slice(0, 200)}`));
      exchanges
        .filter((e) => ![allowed ?? []].flat().includes(e.label) && e.text.includes(secret))
        .forEach((e) => leaks.push(`${name} in response "${e.label}"`));
      receiver.received
        .filter((r) => JSON.stringify(r).includes(secret))
        .forEach(() => leaks.push(`${name} in a webhook delivery`));
    }
    expect(leaks).toEqual([]);
    console.log(
      `secrets: ${secrets.length} secrets × (${logLines.length} log lines + ${exchanges.length} responses + ${receiver.received.length} deliveries): no leak`,
    );
  });
});
