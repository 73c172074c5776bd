import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { TransactionService } from '../src/database/transaction.service';
import { MailOutbox } from '../src/mail/mail-outbox';
import type { OutgoingMail } from '../src/mail/mail-message';
import { INTERRUPTED } from '../src/mail/mail-worker';
import { freePort, SMTP_USER, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const FAST = { MAIL_RETRY_BASE_MS: '100', MAIL_POLL_MS: '50' };

function message(n: number, extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    key: `test:${n}:${Math.random().toString(36).slice(2)}`,
    to: `ufficio.${n}@comune.example`,
    locale: 'it',
    kind: 'test',
    subject: `Pratica ${n}`,
    text: `Testo della pratica ${n}`,
    html: `<p>Testo della pratica ${n}</p>`,
    ...extra,
  };
}

/** In one transaction, one after the other (a transaction runs one query at a time). */
async function enqueue(t: TestApp, messages: OutgoingMail[]) {
  return t.ritmo.app.get(TransactionService).run(async (m) => {
    const results = [];
    for (const mail of messages) results.push(await t.ritmo.app.get(MailOutbox).enqueue(m, mail));
    return results;
  });
}

const rows = (t: TestApp) =>
  t.db.query<
    {
      dedupe_key: string;
      status: string;
      attempts: number;
      last_error: string | null;
      last_response_code: number | null;
      text_body: string | null;
    }[]
  >('SELECT * FROM mail_outbox ORDER BY created_at');

describe('the mail outbox', () => {
  let sink: SmtpSink;

  afterEach(async () => {
    await sink?.stop();
  });

  it('delivers over SMTP with STARTTLS and AUTH, once per key, only after commit', async () => {
    sink = await SmtpSink.start();
    const t = await startTestApp({
      env: { ...FAST, SMTP_URL: sink.url, MAIL_FROM: 'ritmo <ritmo@unione.example>' },
    });
    try {
      const first = message(1, {
        headers: {
          'List-Unsubscribe': '<https://ritmo.unione.example/unsubscribe#x>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
        subject: 'Riga uno\r\nBcc: intruso@example.com',
      });
      const [queued] = await enqueue(t, [first]);
      expect(queued.queued).toBe(true);
      // The same key again, in another transaction: nothing is added.
      const [again] = await enqueue(t, [{ ...first, subject: 'Un altro oggetto' }]);
      expect(again).toEqual({ id: null, queued: false });
      // A rolled back change takes its message with it.
      await expect(
        t.ritmo.app.get(TransactionService).run(async (m) => {
          await t.ritmo.app.get(MailOutbox).enqueue(m, message(2));
          throw new Error('the change fails');
        }),
      ).rejects.toThrow('the change fails');

      const [received] = await sink.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sink.received).toHaveLength(1);
      expect(received.secure).toBe(true);
      expect(received.user).toBe(SMTP_USER);
      expect(received.envelopeTo).toEqual(['ufficio.1@comune.example']);
      expect(received.mail.subject).toBe('Riga uno Bcc: intruso@example.com');
      expect(received.mail.bcc).toBeUndefined();
      expect(received.mail.from?.value).toEqual([
        { name: 'ritmo', address: 'ritmo@unione.example' },
      ]);
      expect(received.mail.text?.trim()).toBe('Testo della pratica 1');
      expect(received.mail.html).toContain('<p>Testo della pratica 1</p>');
      expect(received.mail.messageId).toBe(`<${queued.id}@unione.example>`);
      // mailparser folds List-* headers into `list`: read them from the raw message.
      expect(received.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      expect(received.raw).toMatch(
        /^List-Unsubscribe: <https:\/\/ritmo\.unione\.example\/unsubscribe#x>/m,
      );

      const stored = await rows(t);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ status: 'sent', attempts: 1, text_body: null });
    } finally {
      await t.close();
    }
  });

  it('two instances send each of 40 messages exactly once', async () => {
    sink = await SmtpSink.start();
    const env = { ...FAST, SMTP_URL: sink.url };
    const a = await startTestApp({ env });
    const b = await startTestApp({ databaseUrl: a.databaseUrl, env });
    try {
      // Committed by both instances, so both are kicked and race for the same rows.
      const batches = await Promise.all([
        enqueue(
          a,
          Array.from({ length: 20 }, (_, i) => message(i)),
        ),
        enqueue(
          b,
          Array.from({ length: 20 }, (_, i) => message(100 + i)),
        ),
      ]);
      const ids = batches.flat().map((r) => r.id);
      await sink.waitFor(40);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sink.received).toHaveLength(40);
      const messageIds = sink.received.map((r) => r.mail.messageId?.replace(/^<|@.*$/g, ''));
      expect(new Set(messageIds).size).toBe(40);
      expect([...messageIds].sort()).toEqual([...ids].sort());
      const stored = await rows(a);
      expect(stored.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('keeps retrying with backoff while the SMTP server is down, then delivers everything', async () => {
    sink = new SmtpSink(await freePort());
    const t = await startTestApp({ env: { ...FAST, SMTP_URL: sink.url } });
    try {
      await enqueue(t, [message(1), message(2), message(3)]);
      let stored = await rows(t);
      for (let i = 0; i < 200 && !stored.every((r) => r.attempts >= 2); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stored = await rows(t);
      }
      expect(stored.every((r) => r.status !== 'sent' && r.attempts >= 2)).toBe(true);
      expect(stored[0].last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(sink.received).toHaveLength(0);

      await sink.start();
      await sink.waitFor(3);
      for (let i = 0; i < 100 && !stored.every((r) => r.status === 'sent'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stored = await rows(t);
      }
      expect(stored.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
      expect(new Set(sink.received.map((r) => r.envelopeTo[0])).size).toBe(3);
    } finally {
      await t.close();
    }
  });

  it('fails at once on a permanent refusal, and never resends a message whose send was interrupted', async () => {
    sink = await SmtpSink.start();
    sink.reject = (address) => address.startsWith('inesistente');
    const t = await startTestApp({ env: { ...FAST, SMTP_URL: sink.url } });
    try {
      await enqueue(t, [message(1, { to: 'inesistente@comune.example' })]);
      let stored = await rows(t);
      for (let i = 0; i < 100 && stored[0].status !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stored = await rows(t);
      }
      expect(stored[0]).toMatchObject({ status: 'failed', attempts: 1, last_response_code: 550 });
      expect(stored[0].last_error).toMatch(/No such mailbox/);

      // A claim whose worker died mid-send (lease run out): failed, not sent again.
      await t.db.query(
        `INSERT INTO mail_outbox (dedupe_key, kind, locale, to_address, subject, text_body, html_body,
                                  status, attempts, claim_id, lease_until)
         VALUES ('interrupted', 'test', 'en', 'anagrafe@comune.example', 'x', 'x', 'x',
                 'sending', 1, gen_random_uuid(), now() - interval '1 second')`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [interrupted] = await t.db.query<{ status: string; last_error: string }[]>(
        `SELECT status, last_error FROM mail_outbox WHERE dedupe_key = 'interrupted'`,
      );
      expect(interrupted).toEqual({ status: 'failed', last_error: INTERRUPTED });
      expect(sink.to('anagrafe@comune.example')).toHaveLength(0);
    } finally {
      await t.close();
    }
  });

  it('without SMTP_URL writes each message as an .eml file that parses', async () => {
    sink = await SmtpSink.start();
    const t = await startTestApp({ env: FAST });
    try {
      await enqueue(t, [
        message(7, { html: '<p>Città di <b>Rubiera</b></p>', text: 'Città di Rubiera' }),
      ]);
      const dir = join(t.dataDir, 'outbox');
      let files: string[] = [];
      for (let i = 0; i < 100 && files.length === 0; i++) {
        files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
        if (files.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/-test-[0-9a-f-]{36}\.eml$/);
      const raw = await readFile(join(dir, files[0]));
      expect(raw.toString()).toContain('\r\n');
      const mail = await simpleParser(raw);
      expect(mail.to && 'text' in mail.to ? mail.to.text : undefined).toBe(
        'ufficio.7@comune.example',
      );
      expect(mail.text?.trim()).toBe('Città di Rubiera');
      expect(mail.html).toContain('<b>Rubiera</b>');
      expect(mail.subject).toBe('Pratica 7');
      const [row] = await rows(t);
      expect(row.status).toBe('sent');
    } finally {
      await t.close();
    }
  });
});
