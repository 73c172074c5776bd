import request from 'supertest';
import { InvitationsService } from '../src/identity/invitations/invitations.service';
import { SetupService } from '../src/identity/setup/setup.service';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const STRONG = 'Viano-Anagrafe-2026!';
const PROBLEM = /^application\/problem\+json/;

/** The server side of the web client's first screens: first run, invitation preview, my teams. */
describe('first run, invitation preview and my teams', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    // The copied template holds no users: this app starts as a brand-new installation.
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.url);
  const users = async () =>
    (await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM users'))[0].n;

  describe('first run', () => {
    it('refuses a wrong token with a localized 404 and writes nothing', async () => {
      expect(await users()).toBe(0);
      const token = t.ritmo.app.get(SetupService).pendingToken();
      expect(token).toMatch(/^[\w-]{43}$/);
      const wrong = await api()
        .post('/api/v1/setup/check')
        .set('Accept-Language', 'it')
        .send({ token: 'x'.repeat(43) })
        .expect(404);
      expect(wrong.headers['content-type']).toMatch(PROBLEM);
      expect(wrong.body).toMatchObject({ type: 'urn:ritmo:problem:setup-unavailable' });
      expect(wrong.body.detail).toContain('collegamento');
      await api()
        .post('/api/v1/setup')
        .send({ token: 'nope', email: 'a@b.example', displayName: 'A', password: STRONG })
        .expect(404);
      const missing = await api().post('/api/v1/setup/check').send({}).expect(400);
      expect(missing.headers['content-type']).toMatch(PROBLEM);
      expect(await users()).toBe(0);
    });

    it('checks the token, refuses a weak password, then creates the first administrator once', async () => {
      const token = t.ritmo.app.get(SetupService).pendingToken() as string;
      await api().post('/api/v1/setup/check').send({ token }).expect(200, { ok: true });
      const weak = await api()
        .post('/api/v1/setup')
        .set('Accept-Language', 'en')
        .send({ token, email: 'ced@unione.example', displayName: 'CED', password: 'password' })
        .expect(400);
      expect(weak.body.errors[0].field).toBe('password');
      expect(await users()).toBe(0);

      // Two at once: exactly one becomes the administrator.
      const body = (email: string) => ({
        token,
        email,
        displayName: 'Servizio Informatico',
        password: STRONG,
      });
      const [a, b] = await Promise.all([
        api().post('/api/v1/setup').send(body('ced@unione.example')),
        api().post('/api/v1/setup').send(body('altro@unione.example')),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([201, 404]);
      const done = a.status === 201 ? a : b;
      expect(done.body.user).toMatchObject({
        displayName: 'Servizio Informatico',
        isInstanceAdmin: true,
      });
      expect(done.body.session).toMatchObject({ tokenType: 'Bearer' });
      const rows = await t.db.query<{ email: string; is_instance_admin: boolean }[]>(
        'SELECT email, is_instance_admin FROM users',
      );
      expect(rows).toEqual([{ email: done.body.user.email, is_instance_admin: true }]);

      // Signed in at once, and the link is spent.
      const me = await api()
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${done.body.session.accessToken}`)
        .expect(200);
      expect(me.body.isInstanceAdmin).toBe(true);
      expect(t.ritmo.app.get(SetupService).pendingToken()).toBeUndefined();
      await api().post('/api/v1/setup/check').send({ token }).expect(404);
      await api().post('/api/v1/setup').send(body('terzo@unione.example')).expect(404);
      expect(await users()).toBe(1);
    });
  });

  describe('options', () => {
    it('says whether self-registration is on', async () => {
      const res = await api().get('/api/v1/auth/options').expect(200);
      expect(res.body).toEqual({ allowSignup: true });
    });
  });

  describe('invitation preview', () => {
    it('tells the invitee who invites them where, and whether their account exists', async () => {
      const team = await f.team();
      const [{ name: teamName }] = await t.db.query<{ name: string }[]>(
        'SELECT name FROM teams WHERE id = $1',
        [team.id],
      );
      const invitations = t.ritmo.app.get(InvitationsService);
      const fresh = await invitations.invite(team.admin.actor, team.id, {
        email: 'nuova.collega@comune.example',
        role: 'developer',
      });
      const before = await t.db.query('SELECT * FROM invitations ORDER BY id');
      const res = await api()
        .post('/api/v1/invitations/preview')
        .send({ token: fresh.token })
        .expect(200);
      expect(res.body).toEqual({
        email: 'nuova.collega@comune.example',
        role: 'developer',
        teamName,
        workspaceName: expect.stringMatching(/^Comune di /),
        inviterName: team.admin.displayName,
        accountExists: false,
        expiresAt: fresh.expiresAt,
      });
      // A look changes nothing.
      expect(await t.db.query('SELECT * FROM invitations ORDER BY id')).toEqual(before);

      const existing = await f.user();
      const forExisting = await invitations.invite(team.admin.actor, team.id, {
        email: existing.email,
        role: 'stakeholder',
      });
      const known = await api()
        .post('/api/v1/invitations/preview')
        .send({ token: forExisting.token })
        .expect(200);
      expect(known.body).toMatchObject({ accountExists: true, role: 'stakeholder' });

      await invitations.revoke(team.admin.actor, team.id, forExisting.id);
      const gone = await api()
        .post('/api/v1/invitations/preview')
        .set('Accept-Language', 'it')
        .send({ token: forExisting.token })
        .expect(410);
      expect(gone.headers['content-type']).toMatch(PROBLEM);
      expect(gone.body.detail).toContain('invito');
      await api().post('/api/v1/invitations/preview').send({ token: 'ritmo_inv_nope' }).expect(404);
      await api().post('/api/v1/invitations/preview').send({ token: 42 }).expect(400);
    });
  });

  describe('my teams', () => {
    it('lists the teams I am in and those of workspaces I administer, across workspaces', async () => {
      const admin = await f.user();
      const first = await f.team({ admin });
      const second = await f.team({ admin });
      const elsewhere = await f.team();
      const member = await f.member(elsewhere, 'developer', admin);
      expect(member.id).toBe(admin.id);
      const unrelated = await f.team();

      const res = await api()
        .get('/api/v1/me/teams')
        .set('Authorization', `Bearer ${admin.token}`)
        .expect(200);
      const teams = res.body as { id: string }[];
      const ids = teams.map((team) => team.id);
      expect(ids.sort()).toEqual([first.id, second.id, elsewhere.id].sort());
      expect(ids).not.toContain(unrelated.id);
      const byId = new Map(teams.map((team) => [team.id, team]));
      expect(byId.get(first.id)).toMatchObject({
        workspaceId: first.workspaceId,
        workspaceName: expect.stringMatching(/^Comune di /),
        workspaceRole: 'admin',
        myRole: null,
        eventSeq: expect.any(Number),
      });
      expect(byId.get(elsewhere.id)).toMatchObject({
        workspaceRole: 'member',
        myRole: 'developer',
      });

      const nobody = await f.user();
      await api()
        .get('/api/v1/me/teams')
        .set('Authorization', `Bearer ${nobody.token}`)
        .expect(200, []);
      const anonymous = await api().get('/api/v1/me/teams').expect(401);
      expect(anonymous.headers['content-type']).toMatch(PROBLEM);
    });
  });
});
