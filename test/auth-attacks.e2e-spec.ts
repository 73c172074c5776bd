import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { PasswordService } from '../src/identity/auth/password.service';
import { ApiTokensService } from '../src/identity/tokens/api-tokens.service';
import { Factory } from './support/factories';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;
const STRONG = 'Scandiano-Anagrafe-2026!';

async function count(t: TestApp, table: string): Promise<number> {
  const rows = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

describe('attacks on identity and access', () => {
  let t: TestApp;
  let f: Factory;
  const api = () => request(t.url);

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an unknown email exactly like a wrong password, and still runs argon2', async () => {
    const user = await f.user();
    const verify = jest.spyOn(t.ritmo.app.get(PasswordService), 'verify');
    try {
      const unknown = await api()
        .post('/api/v1/auth/login')
        .send({ email: 'nessuno@comune.example', password: user.password })
        .expect(401)
        .expect('content-type', PROBLEM);
      expect(verify).toHaveBeenCalledWith(undefined, user.password);
      const wrong = await api()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'Not-The-Password-99' })
        .expect(401);
      expect(unknown.body.type).toBe('urn:ritmo:problem:invalid-credentials');
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      verify.mockRestore();
    }
  });

  it("answers 404 with no data for another team's or workspace's resources", async () => {
    const mine = await f.team();
    const theirs = await f.team();
    const theirMember = await f.member(theirs, 'developer');
    const invite = await api()
      .post(`/api/v1/teams/${theirs.id}/invitations`)
      .set('Authorization', `Bearer ${theirs.admin.token}`)
      .send({ email: 'segreto@comune.example', role: 'stakeholder' })
      .expect(201);
    const theirToken = await t.ritmo.app
      .get(ApiTokensService)
      .create(theirMember.actor, { name: 'Cruscotto', scopes: ['read'] });
    const me = `Bearer ${mine.admin.token}`;
    const attempts: [string, string, object?][] = [
      ['get', `/api/v1/teams/${theirs.id}`],
      ['get', `/api/v1/teams/${theirs.id}/members`],
      ['patch', `/api/v1/teams/${theirs.id}/members/${theirMember.id}`, { role: 'stakeholder' }],
      ['delete', `/api/v1/teams/${theirs.id}/members/${theirMember.id}`],
      ['get', `/api/v1/teams/${theirs.id}/invitations`],
      ['delete', `/api/v1/teams/${theirs.id}/invitations/${invite.body.id}`],
      // Their ids under my own team: the lookups are scoped by team.
      ['patch', `/api/v1/teams/${mine.id}/members/${theirMember.id}`, { role: 'stakeholder' }],
      ['delete', `/api/v1/teams/${mine.id}/members/${theirMember.id}`],
      ['delete', `/api/v1/teams/${mine.id}/invitations/${invite.body.id}`],
      ['delete', `/api/v1/me/tokens/${theirToken.id}`],
      ['get', `/api/v1/workspaces/${theirs.workspaceId}`],
      ['get', `/api/v1/workspaces/${theirs.workspaceId}/members`],
      ['get', `/api/v1/workspaces/${theirs.workspaceId}/teams`],
      ['post', `/api/v1/workspaces/${theirs.workspaceId}/teams`, { name: 'Intrusi' }],
      [
        'patch',
        `/api/v1/workspaces/${theirs.workspaceId}/members/${theirMember.id}`,
        { role: 'admin' },
      ],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api()[method as 'get'](path).set('Authorization', me).send(body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(res.body.type).toBe('urn:ritmo:problem:not-found');
      const text = JSON.stringify(res.body);
      for (const secret of [theirMember.email, theirMember.displayName, 'segreto@comune.example']) {
        expect(text).not.toContain(secret);
      }
    }
    const rows = await t.db.query<{ role: string }[]>(
      'SELECT role FROM team_members WHERE team_id = $1 AND user_id = $2',
      [theirs.id, theirMember.id],
    );
    expect(rows).toEqual([{ role: 'developer' }]);
    expect(
      await t.db.query('SELECT 1 FROM invitations WHERE id = $1 AND revoked_at IS NULL', [
        invite.body.id,
      ]),
    ).toHaveLength(1);
    await api().get('/api/v1/me').set('Authorization', `Bearer ${theirToken.token}`).expect(200);
  });

  it('rejects mass assignment with a 400 naming the field, and writes nothing', async () => {
    const team = await f.team();
    const user = await f.user();
    const auth = `Bearer ${team.admin.token}`;
    const forbidden = {
      role: 'admin',
      workspaceId: team.workspaceId,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$x$y',
      id: '00000000-0000-4000-8000-000000000000',
      isInstanceAdmin: true,
    };
    const cases: { path: string; method: 'post' | 'patch'; body: object; table: string }[] = [
      {
        path: '/api/v1/auth/register',
        method: 'post',
        body: { email: 'nuovo@comune.example', displayName: 'Nuovo', password: STRONG },
        table: 'users',
      },
      {
        path: `/api/v1/workspaces/${team.workspaceId}/teams`,
        method: 'post',
        body: { name: 'Protocollo' },
        table: 'teams',
      },
      {
        path: '/api/v1/workspaces',
        method: 'post',
        body: { name: 'Comune X' },
        table: 'workspaces',
      },
      { path: '/api/v1/me', method: 'patch', body: { displayName: 'Io' }, table: 'users' },
    ];
    for (const { path, method, body, table } of cases) {
      for (const [field, value] of Object.entries(forbidden)) {
        const before = await count(t, table);
        const res = await api()
          [method](path)
          .set('Authorization', path.includes('/me') ? `Bearer ${user.token}` : auth)
          .set('Accept-Language', 'en')
          .send({ ...body, [field]: value })
          .expect(400)
          .expect('content-type', PROBLEM);
        expect(res.body.errors).toEqual([{ field, message: 'is not a known field' }]);
        expect(await count(t, table)).toBe(before);
      }
    }
    const [row] = await t.db.query<{ is_instance_admin: boolean; version: number }[]>(
      'SELECT is_instance_admin, version FROM users WHERE id = $1',
      [user.id],
    );
    expect(row).toEqual({ is_instance_admin: false, version: 1 });
  });

  it('refuses expired, revoked, malformed, wrongly signed and non-access tokens with 401', async () => {
    const user = await f.user();
    const jwt = t.ritmo.app.get(JwtService);
    const claims = { sub: user.id, name: user.displayName, adm: false, typ: 'access' };
    const expired = await jwt.signAsync(claims, { expiresIn: -10 });
    const foreign = await new JwtService({ secret: `${TEST_JWT_SECRET}-other` }).signAsync(claims);
    const refreshTyped = await jwt.signAsync({ ...claims, typ: 'refresh' });
    const adminClaim = await new JwtService({ secret: 'x'.repeat(40) }).signAsync({
      ...claims,
      adm: true,
    });
    const token = await t.ritmo.app
      .get(ApiTokensService)
      .create(user.actor, { name: 'Revocato', scopes: ['read', 'write'] });
    await t.ritmo.app.get(ApiTokensService).revoke(user.actor, token.id);

    const cases: [string, string, string][] = [
      [`Bearer ${expired}`, 'token-expired', 'expired'],
      [`Bearer ${token.token}`, 'token-revoked', 'revoked API token'],
      ['Bearer ritmo_pat_doesnotexist', 'invalid-token', 'unknown API token'],
      ['Bearer abc', 'invalid-token', 'malformed'],
      ['Basic x', 'invalid-token', 'not Bearer'],
      ['Bearer', 'invalid-token', 'empty'],
      [`Bearer ${foreign}`, 'invalid-token', 'wrongly signed'],
      [`Bearer ${adminClaim}`, 'invalid-token', 'forged admin claim'],
      [`Bearer ${refreshTyped}`, 'invalid-token', 'typ is not access'],
    ];
    for (const [authorization, code, why] of cases) {
      const res = await api().get('/api/v1/me').set('Authorization', authorization);
      expect({ why, status: res.status, type: res.body.type }).toEqual({
        why,
        status: 401,
        type: `urn:ritmo:problem:${code}`,
      });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('an API token, even with write scope, cannot mint API tokens or change the password', async () => {
    const user = await f.user();
    const created = await api()
      .post('/api/v1/me/tokens')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ name: 'Script di integrazione', scopes: ['read', 'write'] })
      .expect(201);
    const pat = `Bearer ${created.body.token}`;
    const tokensBefore = await count(t, 'api_tokens');
    const hashBefore = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    for (const lang of ['it', 'en']) {
      const minted = await api()
        .post('/api/v1/me/tokens')
        .set('Authorization', pat)
        .set('Accept-Language', lang)
        .send({ name: 'Altro', scopes: ['read', 'write'] })
        .expect(403);
      expect(minted.headers['content-type']).toMatch(PROBLEM);
      expect(minted.body.type).toBe('urn:ritmo:problem:session-required');
      expect(minted.body.detail).toMatch(lang === 'it' ? /^Serve una sessione/ : /^This needs a/);
    }
    const password = await api()
      .post('/api/v1/me/password')
      .set('Authorization', pat)
      .send({ currentPassword: user.password, newPassword: 'Castellarano-Anagrafe-31' })
      .expect(403);
    expect(password.body.type).toBe('urn:ritmo:problem:session-required');
    expect(await count(t, 'api_tokens')).toBe(tokensBefore);
    expect(await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id])).toEqual(
      hashBefore,
    );
    // Reading with the token still works: only credential changes need the person.
    await api().get('/api/v1/me/tokens').set('Authorization', pat).expect(200);
  });

  it('locks a removed member out on the very next request', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    await api()
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', `Bearer ${dev.token}`)
      .expect(200);
    await api()
      .delete(`/api/v1/teams/${team.id}/members/${dev.id}`)
      .set('Authorization', `Bearer ${team.admin.token}`)
      .expect(204);
    // The same, still unexpired JWT: access is decided per request, not baked into the token.
    const res = await api()
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', `Bearer ${dev.token}`)
      .expect(404);
    expect(res.body.type).toBe('urn:ritmo:problem:not-found');
    await api()
      .get(`/api/v1/teams/${team.id}/members`)
      .set('Authorization', `Bearer ${dev.token}`)
      .expect(404);
  });

  it('refuses short and guessable passwords with a reason', async () => {
    const cases: [string, RegExp][] = [
      ['Corto-1!', /at least 12 characters/],
      ['password1234', /too easy to guess/],
      ['qwertyuiopasdf', /too easy to guess/],
    ];
    for (const [password, reason] of cases) {
      const before = await count(t, 'users');
      const res = await api()
        .post('/api/v1/auth/register')
        .set('Accept-Language', 'en')
        .send({ email: 'debole@comune.example', displayName: 'Debole', password })
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'password', message: expect.stringMatching(reason) },
      ]);
      expect(await count(t, 'users')).toBe(before);
    }
    // In Italian, zxcvbn's hints come from its Italian translations, not its English ones.
    const [en, it] = await Promise.all(
      ['en', 'it'].map((lang) =>
        api()
          .post('/api/v1/auth/register')
          .set('Accept-Language', lang)
          .send({ email: 'debole@comune.example', displayName: 'Debole', password: 'password1234' })
          .expect(400),
      ),
    );
    expect(it.body.errors[0].message).toMatch(/^è troppo facile da indovinare: \S/);
    const hintOf = (message: string) => message.slice(message.indexOf(':') + 1).trim();
    expect(hintOf(it.body.errors[0].message)).not.toBe(hintOf(en.body.errors[0].message));
    const short = await api()
      .post('/api/v1/auth/register')
      .set('Accept-Language', 'it')
      .send({ email: 'debole@comune.example', displayName: 'Debole', password: 'Corto-1!' })
      .expect(400);
    expect(short.body.errors[0].message).toBe('deve avere almeno 12 caratteri');
    const named = await api()
      .post('/api/v1/auth/register')
      .send({
        email: 'mario.rossi@comune.example',
        displayName: 'Mario Rossi',
        password: 'mario.rossi@comune.example',
      })
      .expect(400);
    expect(named.body.errors[0].field).toBe('password');
  });
});

describe('with self-registration switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_SIGNUP: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses register with 403 but lets an invitation create the account', async () => {
    const res = await request(t.url)
      .post('/api/v1/auth/register')
      .send({ email: 'auto@comune.example', displayName: 'Auto', password: STRONG })
      .expect(403)
      .expect('content-type', PROBLEM);
    expect(res.body.type).toBe('urn:ritmo:problem:signup-disabled');
    expect(await count(t, 'users')).toBe(0);

    const team = await new Factory(t).team();
    const invite = await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', `Bearer ${team.admin.token}`)
      .send({ email: 'invitata@comune.example', role: 'developer' })
      .expect(201);
    const accepted = await request(t.url)
      .post('/api/v1/invitations/accept')
      .send({ token: invite.body.token, displayName: 'Invitata', password: STRONG })
      .expect(200);
    expect(accepted.body.user.email).toBe('invitata@comune.example');
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ email: 'invitata@comune.example', password: STRONG })
      .expect(200);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '8' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits logins per IP and email: the 4th is a 429 with Retry-After, another email passes', async () => {
    const user = await new Factory(t).user();
    for (let i = 0; i < 3; i++) {
      await request(t.url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'Wrong-Password-123' })
        .expect(401);
    }
    // Even the right password: the limit is about attempts, not failures.
    const limited = await request(t.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email.toUpperCase(), password: user.password })
      .expect(429)
      .expect('content-type', PROBLEM);
    expect(limited.body.type).toBe('urn:ritmo:problem:rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await new Factory(t).user();
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ email: other.email, password: other.password })
      .expect(200);
  });

  it('limits every client per token', async () => {
    const user = await new Factory(t).user();
    const token = await t.ritmo.app
      .get(ApiTokensService)
      .create(user.actor, { name: 'Robot', scopes: ['read'] });
    for (let i = 0; i < 8; i++) {
      await request(t.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${token.token}`)
        .expect(200);
    }
    const limited = await request(t.url)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${token.token}`)
      .expect(429)
      .expect('content-type', PROBLEM);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // The person's own session is another client with its own budget.
    await request(t.url).get('/api/v1/me').set('Authorization', `Bearer ${user.token}`).expect(200);
  });
});
