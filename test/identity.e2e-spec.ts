import request from 'supertest';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const STRONG = 'Rubiera-Tributi-2026!';

describe('identity: from sign-up to a removed member', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.url);

  it('register → login → workspace → team → invite → accept → role change → remove', async () => {
    const registered = await api()
      .post('/api/v1/auth/register')
      .send({
        email: '  Resp.Tributi@Comune.Rubiera.EXAMPLE ',
        displayName: 'Responsabile Tributi',
        password: STRONG,
      })
      .expect(201);
    expect(registered.body).toMatchObject({
      email: 'resp.tributi@comune.rubiera.example',
      displayName: 'Responsabile Tributi',
    });
    expect(JSON.stringify(registered.body)).not.toMatch(/hash|argon/i);

    const login = await api()
      .post('/api/v1/auth/login')
      .send({ email: 'RESP.TRIBUTI@comune.rubiera.example', password: STRONG })
      .expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const admin = `Bearer ${login.body.accessToken}`;

    const me = await api().get('/api/v1/me').set('Authorization', admin).expect(200);
    expect(me.body.id).toBe(registered.body.id);

    const workspace = await api()
      .post('/api/v1/workspaces')
      .set('Authorization', admin)
      .send({ name: 'Comune di Rubiera' })
      .expect(201);
    expect(workspace.body.myRole).toBe('admin');

    const team = await api()
      .post(`/api/v1/workspaces/${workspace.body.id}/teams`)
      .set('Authorization', admin)
      .send({ name: 'Ufficio Tributi', process: 'kanban' })
      .expect(201);
    expect(team.body).toMatchObject({
      name: 'Ufficio Tributi',
      process: 'kanban',
      locale: 'it',
      timezone: 'Europe/Rome',
      pointScale: [0, 1, 2, 3, 5, 8, 13, 21],
      version: 1,
      eventSeq: 1,
    });
    const teamId = team.body.id as string;

    const invite = await api()
      .post(`/api/v1/teams/${teamId}/invitations`)
      .set('Authorization', admin)
      .send({ email: 'operatore@comune.rubiera.example', role: 'developer' })
      .expect(201);
    expect(invite.body.token).toMatch(/^ritmo_inv_/);
    const pending = await api()
      .get(`/api/v1/teams/${teamId}/invitations`)
      .set('Authorization', admin)
      .expect(200);
    expect(pending.body).toHaveLength(1);
    expect(pending.body[0]).not.toHaveProperty('token');
    const [invited] = await t.db.query<{ type: string; data: Record<string, unknown> }[]>(
      `SELECT type, data FROM events WHERE team_id = $1 ORDER BY seq DESC LIMIT 1`,
      [teamId],
    );
    expect(invited).toEqual({
      type: 'team.invitation_created',
      data: { invitationId: invite.body.id, role: 'developer', expiresAt: invite.body.expiresAt },
    });

    const accepted = await api()
      .post('/api/v1/invitations/accept')
      .send({
        token: invite.body.token,
        displayName: 'Operatore Sportello',
        password: 'Sportello-Casalgrande-77',
      })
      .expect(200);
    expect(accepted.body).toMatchObject({
      teamId,
      role: 'developer',
      user: { email: 'operatore@comune.rubiera.example' },
    });
    const member = `Bearer ${accepted.body.session.accessToken}`;
    const memberId = accepted.body.user.id as string;

    // Single use.
    await api()
      .post('/api/v1/invitations/accept')
      .set('Authorization', member)
      .send({ token: invite.body.token })
      .expect(410);

    const members = await api()
      .get(`/api/v1/teams/${teamId}/members`)
      .set('Authorization', member)
      .expect(200);
    expect((members.body as { role: string }[]).map((m) => m.role)).toEqual(['developer']);

    const changed = await api()
      .patch(`/api/v1/teams/${teamId}/members/${memberId}`)
      .set('Authorization', admin)
      .send({ role: 'scrum_master' })
      .expect(200);
    expect(changed.body.role).toBe('scrum_master');

    // As scrum master the member may now change the team.
    const current = await api()
      .get(`/api/v1/teams/${teamId}`)
      .set('Authorization', member)
      .expect(200);
    expect(current.headers.etag).toBe('"1"');
    expect(current.body.myRole).toBe('scrum_master');
    await api()
      .patch(`/api/v1/teams/${teamId}`)
      .set('Authorization', member)
      .set('If-Match', '"1"')
      .send({ name: 'Tributi e Tariffe' })
      .expect(200);

    await api()
      .delete(`/api/v1/teams/${teamId}/members/${memberId}`)
      .set('Authorization', admin)
      .expect(204);
    await api().get(`/api/v1/teams/${teamId}`).set('Authorization', member).expect(404);

    const events = await t.db.query<
      { seq: string; type: string; actor_id: string; data: Record<string, unknown> }[]
    >('SELECT seq, type, actor_id, data FROM events WHERE team_id = $1 ORDER BY seq', [teamId]);
    expect(events.map((e) => [Number(e.seq), e.type])).toEqual([
      [1, 'team.created'],
      [2, 'team.invitation_created'],
      [3, 'team.member_added'],
      [4, 'team.member_role_changed'],
      [5, 'team.updated'],
      [6, 'team.member_removed'],
    ]);
    expect(events[3].data).toEqual({ userId: memberId, from: 'developer', to: 'scrum_master' });
    expect(events[4].data).toMatchObject({
      changes: ['name'],
      team: { name: 'Tributi e Tariffe', version: 2 },
    });
  });

  it('revokes a pending invitation once, with an event that does not name the invitee', async () => {
    const team = await f.team();
    const admin = `Bearer ${team.admin.token}`;
    const invite = await api()
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', admin)
      .send({ email: 'revocata@comune.scandiano.example', role: 'stakeholder' })
      .expect(201);
    await api()
      .delete(`/api/v1/teams/${team.id}/invitations/${invite.body.id}`)
      .set('Authorization', admin)
      .expect(204);
    const again = await api()
      .delete(`/api/v1/teams/${team.id}/invitations/${invite.body.id}`)
      .set('Authorization', admin)
      .expect(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    const events = await t.db.query<{ type: string; data: Record<string, unknown> }[]>(
      `SELECT type, data FROM events WHERE team_id = $1 ORDER BY seq`,
      [team.id],
    );
    expect(events.slice(-2)).toEqual([
      {
        type: 'team.invitation_created',
        data: {
          invitationId: invite.body.id,
          role: 'stakeholder',
          expiresAt: invite.body.expiresAt,
        },
      },
      { type: 'team.invitation_revoked', data: { invitationId: invite.body.id } },
    ]);
    expect(JSON.stringify(events)).not.toContain('revocata@');
    await api().post('/api/v1/invitations/accept').send({ token: invite.body.token }).expect(410);
  });

  it('lets an existing user accept while logged in, only for their own email', async () => {
    const team = await f.team();
    const invitee = await f.user();
    const other = await f.user();
    const invite = await api()
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', `Bearer ${team.admin.token}`)
      .send({ email: invitee.email, role: 'stakeholder' })
      .expect(201);
    await api().post('/api/v1/invitations/accept').send({ token: invite.body.token }).expect(401);
    await api()
      .post('/api/v1/invitations/accept')
      .set('Authorization', `Bearer ${other.token}`)
      .send({ token: invite.body.token })
      .expect(403);
    await api()
      .post('/api/v1/invitations/accept')
      .set('Authorization', `Bearer ${invitee.token}`)
      .send({ token: invite.body.token })
      .expect(200);
    await api().post('/api/v1/invitations/accept').send({ token: 'ritmo_inv_nope' }).expect(404);
  });

  it('refresh tokens rotate, and a reused one revokes the whole family', async () => {
    const user = await f.user();
    const first = await api()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const second = await api()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    const reused = await api()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(401);
    expect(reused.body.type).toBe('urn:ritmo:problem:refresh-token-reused');
    // The newest token of the family is revoked too.
    await api()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: second.body.refreshToken })
      .expect(401);
  });

  it('logout revokes the refresh token', async () => {
    const user = await f.user();
    await api().post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('changes a password: old one refused, sessions revoked, new pair returned', async () => {
    const user = await f.user();
    await api()
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ currentPassword: 'wrong-password-1234', newPassword: 'Castellarano-Anagrafe-31' })
      .expect(401);
    const weak = await api()
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ currentPassword: user.password, newPassword: 'password1234' })
      .expect(400);
    expect(weak.body.errors[0]).toMatchObject({
      field: 'newPassword',
      message: expect.stringContaining('troppo facile da indovinare'),
    });
    const changed = await api()
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ currentPassword: user.password, newPassword: 'Castellarano-Anagrafe-31' })
      .expect(200);
    expect(changed.body.accessToken).toEqual(expect.any(String));
    await api().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await api()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(401);
    await api()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'Castellarano-Anagrafe-31' })
      .expect(200);
  });

  it('API tokens: shown once, listed without secret, read-only scope, revocable', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const created = await api()
      .post('/api/v1/me/tokens')
      .set('Authorization', `Bearer ${dev.token}`)
      .send({ name: 'Cruscotto', scopes: ['read'] })
      .expect(201);
    expect(created.body.token).toMatch(/^ritmo_pat_/);
    const pat = `Bearer ${created.body.token}`;
    await api().get(`/api/v1/teams/${team.id}`).set('Authorization', pat).expect(200);
    const denied = await api()
      .delete(`/api/v1/teams/${team.id}/members/${dev.id}`)
      .set('Authorization', pat)
      .expect(403);
    expect(denied.body.type).toBe('urn:ritmo:problem:insufficient-scope');
    await api()
      .post('/api/v1/me/tokens')
      .set('Authorization', pat)
      .send({ name: 'x', scopes: ['write'] })
      .expect(403);

    const list = await api()
      .get('/api/v1/me/tokens')
      .set('Authorization', `Bearer ${dev.token}`)
      .expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      name: 'Cruscotto',
      scopes: ['read'],
      lastUsedAt: expect.any(String),
    });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const rows = await t.db.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [created.body.id],
    );
    expect(rows[0].token_hash).not.toContain(created.body.token);

    await api()
      .delete(`/api/v1/me/tokens/${created.body.id}`)
      .set('Authorization', `Bearer ${dev.token}`)
      .expect(204);
    const revoked = await api()
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', pat)
      .expect(401);
    expect(revoked.body.type).toBe('urn:ritmo:problem:token-revoked');
  });

  it('refuses a stale If-Match with 412 and the current state, a missing one with 428', async () => {
    const team = await f.team();
    const auth = `Bearer ${team.admin.token}`;
    await api()
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .send({ name: 'X' })
      .expect(428);
    await api()
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .set('If-Match', '"1"')
      .send({ name: 'Anagrafe' })
      .expect(200);
    const stale = await api()
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .set('If-Match', '"1"')
      .send({ name: 'Stato civile' })
      .expect(412);
    expect(stale.body.current).toMatchObject({ name: 'Anagrafe', version: 2 });
    await api()
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth)
      .set('If-Match', 'garbage')
      .send({ name: 'Y' })
      .expect(400);
  });
});
