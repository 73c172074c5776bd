import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import request from 'supertest';
import { Factory, TestTeam } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://ritmo.unione-tresinaro.example';
const FAST = { MAIL_RETRY_BASE_MS: '100', MAIL_POLL_MS: '50', PUBLIC_URL };

/** The join link of an invitation email, the same in its text and its HTML. */
function joinLink(mail: ParsedMail): { url: string; token: string } {
  const pattern = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/join#(ritmo_inv_[\\w-]+)`);
  const fromText = pattern.exec(mail.text ?? '');
  const fromHtml = pattern.exec(typeof mail.html === 'string' ? mail.html : '');
  if (!fromText || !fromHtml) throw new Error(`No join link in: ${mail.text}`);
  expect(fromHtml[0]).toBe(fromText[0]);
  return { url: fromText[0], token: fromText[1] };
}

describe('invitations by email', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let f: Factory;
  let team: TestTeam;
  let admin: string;
  let watcher: TestClient;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ env: { ...FAST, SMTP_URL: sink.url } });
    f = new Factory(t);
    team = await f.team();
    admin = `Bearer ${team.admin.token}`;
    const current = await request(t.url)
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', admin)
      .expect(200);
    // A name with markup, and the team's own word for sprints: the email escapes the one and speaks the other.
    await request(t.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', admin)
      .set('If-Match', current.headers.etag)
      .send({ name: 'Tributi <b>& "Co"</b>', vocabulary: { sprints: 'Cicli di lavoro' } })
      .expect(200);
    watcher = await connectClient(t.url, team.admin.token);
    await watcher.client.subscribe(team.id);
  });

  afterAll(async () => {
    watcher?.client.close();
    await t?.close();
    await sink?.stop();
  });

  it('emails the link, in Italian, escaped; a fresh client joins with it', async () => {
    const email = 'nuova.collega@comune.scandiano.example';
    const invite = await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', admin)
      .send({ email, role: 'developer' })
      .expect(201);
    const [received] = await sink.waitFor(1);
    expect(received.envelopeTo).toEqual([email]);
    const mail = received.mail;
    expect(mail.subject).toBe(
      `${team.admin.displayName} ti invita nel team «Tributi <b>& "Co"</b>» su ritmo`,
    );
    expect(mail.text).toContain('Tributi <b>& "Co"</b>');
    expect(mail.text).toContain('Cicli di lavoro');
    expect(mail.text).toContain('con il ruolo di componente del team');
    expect(mail.html).toContain('Tributi &lt;b&gt;&amp; &quot;Co&quot;&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>&');
    expect(mail.html).toContain('<html lang="it">');
    const link = joinLink(mail);
    expect(link.token).toBe(invite.body.token);

    // The row, committed with the event; marked sent right after the server took it.
    const outboxRow = () =>
      t.db.query<{ kind: string; workspace_id: string; status: string }[]>(
        `SELECT kind, workspace_id, status FROM mail_outbox WHERE to_address = $1`,
        [email],
      );
    let [row] = await outboxRow();
    for (let i = 0; i < 100 && row.status !== 'sent'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      [row] = await outboxRow();
    }
    expect(row).toEqual({ kind: 'invitation', workspace_id: team.workspaceId, status: 'sent' });
    await waitFor(
      () => watcher.events.some((e) => e.type === 'team.invitation_created'),
      5000,
      'team.invitation_created',
    );

    // A fresh client, with nothing but the link: what it is for, then joining.
    const fresh = request(t.url);
    const preview = await fresh
      .post('/api/v1/invitations/preview')
      .send({ token: link.token })
      .expect(200);
    expect(preview.body).toMatchObject({
      email,
      teamName: 'Tributi <b>& "Co"</b>',
      accountExists: false,
    });
    const joined = await fresh
      .post('/api/v1/invitations/accept')
      .send({
        token: link.token,
        displayName: 'Nuova Collega',
        password: 'Scandiano-Protocollo-2026!',
      })
      .expect(200);
    expect(joined.body).toMatchObject({ teamId: team.id, role: 'developer', user: { email } });
    const members = await request(t.url)
      .get(`/api/v1/teams/${team.id}/members`)
      .set('Authorization', `Bearer ${joined.body.session.accessToken}`)
      .expect(200);
    expect((members.body as { displayName: string }[]).map((m) => m.displayName)).toContain(
      'Nuova Collega',
    );
    await waitFor(
      () =>
        watcher.events.some(
          (e) =>
            e.type === 'team.member_added' &&
            (e.data as { userId: string }).userId === joined.body.user.id,
        ),
      5000,
      'team.member_added',
    );
  });

  it('writes to an existing account in its own language', async () => {
    const user = await f.user();
    await request(t.url)
      .patch('/api/v1/me')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ locale: 'en' })
      .expect(200);
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', admin)
      .send({ email: user.email, role: 'stakeholder' })
      .expect(201);
    await waitFor(() => sink.to(user.email).length === 1, 10_000, 'the English invitation');
    const { mail } = sink.to(user.email)[0];
    expect(mail.subject).toBe(
      `${team.admin.displayName} invites you to the team “Tributi <b>& "Co"</b>” on ritmo`,
    );
    expect(mail.text).toContain('as stakeholder (read only)');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('resends with a new token (the old link stops working), and a revoked link answers 410', async () => {
    const email = 'ufficio.anagrafe@comune.viano.example';
    const invite = await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', admin)
      .send({ email, role: 'scrum_master' })
      .expect(201);
    await waitFor(() => sink.to(email).length === 1, 10_000, 'the invitation');
    const resent = await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations/${invite.body.id}/resend`)
      .set('Authorization', admin)
      .expect(200);
    expect(resent.body).toMatchObject({ id: invite.body.id, email, role: 'scrum_master' });
    expect(resent.body.token).not.toBe(invite.body.token);
    await waitFor(() => sink.to(email).length === 2, 10_000, 'the second invitation');
    expect(joinLink(sink.to(email)[1].mail).token).toBe(resent.body.token);
    await request(t.url)
      .post('/api/v1/invitations/preview')
      .send({ token: invite.body.token })
      .expect(404);
    await request(t.url)
      .post('/api/v1/invitations/preview')
      .send({ token: resent.body.token })
      .expect(200);
    await waitFor(
      () =>
        watcher.events.some(
          (e) =>
            e.type === 'team.invitation_resent' &&
            (e.data as { invitationId: string }).invitationId === invite.body.id,
        ),
      5000,
      'team.invitation_resent',
    );
    const [event] = await t.db.query<{ data: unknown }[]>(
      `SELECT data FROM events WHERE team_id = $1 AND type = 'team.invitation_resent'`,
      [team.id],
    );
    expect(event.data).toEqual({ invitationId: invite.body.id, expiresAt: resent.body.expiresAt });

    // Only member managers resend.
    const developer = await f.member(team, 'developer');
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations/${invite.body.id}/resend`)
      .set('Authorization', `Bearer ${developer.token}`)
      .expect(403);

    await request(t.url)
      .delete(`/api/v1/teams/${team.id}/invitations/${invite.body.id}`)
      .set('Authorization', admin)
      .expect(204);
    const gone = await request(t.url)
      .post('/api/v1/invitations/preview')
      .send({ token: resent.body.token })
      .expect(410);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    // Revoked: nothing left to resend.
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations/${invite.body.id}/resend`)
      .set('Authorization', admin)
      .expect(404);
  });

  it('refuses a bad address with a localized problem, and writes nothing', async () => {
    const before = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM mail_outbox`);
    const it = await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', admin)
      .send({ email: 'non-un-indirizzo', role: 'developer' })
      .expect(400);
    expect(it.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(it.body.errors).toEqual([{ field: 'email', message: 'deve essere un indirizzo email' }]);
    const en = await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', admin)
      .set('Accept-Language', 'en')
      .send({ email: 'nobody@', role: 'developer' })
      .expect(400);
    expect(en.body.errors).toEqual([{ field: 'email', message: 'must be an email address' }]);
    const after = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM mail_outbox`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('shows undeliverable invitations to the workspace admins', async () => {
    sink.reject = (address) => address === 'casella.piena@comune.baiso.example';
    const invite = await request(t.url)
      .post(`/api/v1/teams/${team.id}/invitations`)
      .set('Authorization', admin)
      .send({ email: 'casella.piena@comune.baiso.example', role: 'developer' })
      .expect(201);
    let page: request.Response | undefined;
    for (let i = 0; i < 100; i++) {
      page = await request(t.url)
        .get(`/api/v1/workspaces/${team.workspaceId}/mail-failures`)
        .set('Authorization', admin)
        .expect(200);
      if (page.body.items.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(page?.body).toEqual({
      items: [
        expect.objectContaining({
          kind: 'invitation',
          to: 'casella.piena@comune.baiso.example',
          workspaceId: team.workspaceId,
          status: 'failed',
          attempts: 1,
          lastResponseCode: 550,
          lastError: expect.stringContaining('No such mailbox'),
        }),
      ],
      nextCursor: null,
    });
    expect(invite.status).toBe(201);
    const developer = await f.member(team, 'scrum_master');
    await request(t.url)
      .get(`/api/v1/workspaces/${team.workspaceId}/mail-failures`)
      .set('Authorization', `Bearer ${developer.token}`)
      .expect(403);
    const outsider = await f.user();
    await request(t.url)
      .get(`/api/v1/workspaces/${team.workspaceId}/mail-failures`)
      .set('Authorization', `Bearer ${outsider.token}`)
      .expect(404);
    // The whole installation's failures: instance administrators only.
    await request(t.url).get('/api/v1/mail-failures').set('Authorization', admin).expect(403);
    const root = await f.user({ admin: true });
    const all = await request(t.url)
      .get('/api/v1/mail-failures?limit=1')
      .set('Authorization', `Bearer ${root.token}`)
      .expect(200);
    expect((all.body.items as { to: string }[]).map((m) => m.to)).toEqual([
      'casella.piena@comune.baiso.example',
    ]);
    const bad = await request(t.url)
      .get('/api/v1/mail-failures?cursor=nope')
      .set('Authorization', `Bearer ${root.token}`)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('cursor');
  });
});

describe('invitations without SMTP_URL (the embedded default)', () => {
  it('writes an .eml to DATA_DIR/outbox that a mail client opens, with a link that works', async () => {
    const t = await startTestApp({ env: FAST });
    try {
      const team = await new Factory(t).team();
      const email = 'sportello@comune.rubiera.example';
      await request(t.url)
        .post(`/api/v1/teams/${team.id}/invitations`)
        .set('Authorization', `Bearer ${team.admin.token}`)
        .send({ email, role: 'developer' })
        .expect(201);
      const dir = join(t.dataDir, 'outbox');
      let files: string[] = [];
      for (let i = 0; i < 200 && files.length === 0; i++) {
        files = (await readdir(dir).catch(() => [] as string[])).filter((n) =>
          n.includes('-invitation-'),
        );
        if (files.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(files).toHaveLength(1);
      const mail = await simpleParser(await readFile(join(dir, files[0])));
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined).toBe(email);
      expect(mail.from && mail.from.value[0].address).toBe(
        'noreply@ritmo.unione-tresinaro.example',
      );
      const { token } = joinLink(mail);
      const joined = await request(t.url)
        .post('/api/v1/invitations/accept')
        .send({ token, displayName: 'Sportello Rubiera', password: 'Rubiera-Sportello-2026!' })
        .expect(200);
      expect(joined.body).toMatchObject({ teamId: team.id, user: { email } });
    } finally {
      await t.close();
    }
  });
});
