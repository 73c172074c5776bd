import { createHash } from 'node:crypto';
import request from 'supertest';
import { Factory, TestUser } from './support/factories';
import { waitFor } from './support/realtime';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://ritmo.unione-tresinaro.example';
const ENV = { MAIL_RETRY_BASE_MS: '100', MAIL_POLL_MS: '50', PUBLIC_URL };
const NEW_PASSWORD = 'Castellarano-Archivio-2027!';

function resetToken(text: string | undefined): string {
  const match = new RegExp(
    `${PUBLIC_URL.replace(/[.]/g, '\\.')}/reset-password#(ritmo_pwr_[\\w-]+)`,
  ).exec(text ?? '');
  if (!match) throw new Error(`No reset link in: ${text}`);
  return match[1];
}

describe('password reset by email', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ env: { ...ENV, SMTP_URL: sink.url } });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const ask = (email: string, lang = 'it') =>
    request(t.url).post('/api/v1/auth/password-reset').set('Accept-Language', lang).send({ email });

  async function mailFor(user: TestUser, count = 1) {
    await waitFor(() => sink.to(user.email).length >= count, 10_000, 'the reset email');
    return sink.to(user.email)[count - 1].mail;
  }

  it('works once, signs out every other session, and answers an unknown address the same', async () => {
    const user = await f.user();
    // A second session, from another device.
    const other = await request(t.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);

    const known = await ask(user.email.toUpperCase()).expect(202);
    const unknown = await ask('nessuno@comune.example').expect(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.text).toBe(known.text);
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);

    const mail = await mailFor(user);
    expect(mail.subject).toBe('Reimposta la password di ritmo');
    expect(mail.text).toContain(`Buongiorno ${user.displayName},`);
    expect(mail.html).toContain('<html lang="it">');
    const token = resetToken(mail.text);
    expect(resetToken(typeof mail.html === 'string' ? mail.html : '')).toBe(token);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.to('nessuno@comune.example')).toHaveLength(0);

    // Only the token's hash is stored.
    const rows = await t.db.query<{ token_hash: string | null; user_id: string | null }[]>(
      'SELECT token_hash, user_id FROM password_resets ORDER BY created_at',
    );
    expect(rows).toEqual([
      { token_hash: createHash('sha256').update(token).digest('hex'), user_id: user.id },
      { token_hash: null, user_id: null },
    ]);
    const stored = JSON.stringify(await t.db.query('SELECT * FROM password_resets'));
    expect(stored).not.toContain(token);

    // A weak password: refused, naming the field, and the link still works.
    const weak = await request(t.url)
      .post('/api/v1/auth/password-reset/confirm')
      .set('Accept-Language', 'en')
      .send({ token, password: 'short' })
      .expect(400);
    expect(weak.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(weak.body.errors[0].field).toBe('password');

    const confirmed = await request(t.url)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: NEW_PASSWORD })
      .expect(200);
    expect(confirmed.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });

    // Every earlier session is over; the new one works.
    for (const refreshToken of [user.refreshToken, other.body.refreshToken as string]) {
      await request(t.url).post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
    }
    await request(t.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: confirmed.body.refreshToken })
      .expect(200);
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(401);
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: NEW_PASSWORD })
      .expect(200);

    // Once only.
    const again = await request(t.url)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'Un-altra-Password-2028!' })
      .expect(410);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.headers['content-language']).toBe('it');
    expect(again.body.type).toBe('urn:ritmo:problem:password-reset-invalid');
    expect(again.body.detail).toMatch(/non vale più/);
    // An unknown token answers the same.
    const unknownToken = await request(t.url)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: 'ritmo_pwr_nope', password: 'Un-altra-Password-2028!' })
      .expect(410);
    expect(unknownToken.body.type).toBe(again.body.type);
  });

  it('writes in the account’s language; a newer link replaces the older; one hour only', async () => {
    const user = await f.user();
    await request(t.url)
      .patch('/api/v1/me')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ locale: 'en' })
      .expect(200);
    await ask(user.email, 'it').expect(202);
    const first = resetToken((await mailFor(user, 1)).text);
    await ask(user.email, 'it').expect(202);
    const mail = await mailFor(user, 2);
    expect(mail.subject).toBe('Reset your ritmo password');
    const second = resetToken(mail.text);
    await request(t.url)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: first, password: NEW_PASSWORD })
      .expect(410);
    await t.db.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL`,
      [user.id],
    );
    await request(t.url)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: second, password: NEW_PASSWORD })
      .expect(410);
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
  });

  it('limits requests per address, for accounts and unknown addresses alike', async () => {
    const user = await f.user();
    for (const email of [user.email, 'sconosciuto@comune.baiso.example']) {
      for (let i = 0; i < 5; i++) await ask(email).expect(202);
      const limited = await ask(email).expect(429);
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
    }
    await waitFor(() => sink.to(user.email).length === 5, 10_000, 'five emails');
  });

  it('refuses bad input with a localized problem naming the field, and writes nothing', async () => {
    const before = await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM password_resets');
    const it = await ask('non-un-indirizzo').expect(400);
    expect(it.body.errors).toEqual([{ field: 'email', message: 'deve essere un indirizzo email' }]);
    const en = await request(t.url)
      .post('/api/v1/auth/password-reset')
      .set('Accept-Language', 'en')
      .send({})
      .expect(400);
    expect(en.body.errors[0]).toMatchObject({ field: 'email' });
    const extra = await request(t.url)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: 'x', password: NEW_PASSWORD, admin: true })
      .expect(400);
    expect(extra.body.errors[0].field).toBe('admin');
    const after = await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM password_resets');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('password reset limits per IP', () => {
  it('answers 429 after 20 requests from one address in an hour, whatever the email', async () => {
    const t = await startTestApp({ env: ENV });
    try {
      for (let i = 0; i < 20; i++)
        await request(t.url)
          .post('/api/v1/auth/password-reset')
          .send({ email: `ufficio.${i}@comune.viano.example` })
          .expect(202);
      const limited = await request(t.url)
        .post('/api/v1/auth/password-reset')
        .send({ email: 'ancora.uno@comune.viano.example' })
        .expect(429);
      expect(limited.body.type).toBe('urn:ritmo:problem:rate-limited');
      expect(limited.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
