import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { Clock } from '../src/common/clock';
import { DigestService } from '../src/notifications/digest.service';
import { NotificationScheduler } from '../src/notifications/notification-scheduler';
import { backlogApi } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ENV = { MAIL_POLL_MS: '50', MAIL_RETRY_BASE_MS: '100', REDIS_URL };

async function until<T>(find: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() - started > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Two instances of one deployment (one database, one Redis): the scheduler runs on both. */
describe('ceremony reminders and the daily digest, on two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let po: TestUser;
  let sm: TestUser;
  let dev: TestUser;
  let reader: TestUser;
  let dataDir: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ritmo-schedule-'));
    a = await startTestApp({ env: { ...ENV, DATA_DIR: dataDir } });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: { ...ENV, DATA_DIR: dataDir } });
    f = new Factory(a);
    api = backlogApi(a);
    team = await f.team();
    po = await f.member(team, 'product_owner');
    sm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
    reader = await f.member(team, 'developer');
    // The tests drive the scheduler's clock themselves: the 30-second timer stays out of it.
    for (const app of [a, b])
      jest
        .spyOn(app.ritmo.app.get<unknown, { kick(): void }>(NotificationScheduler), 'kick')
        .mockImplementation(() => undefined);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.client.close();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a notification lost between COMMIT and its reaction is made by the sweep, once', async () => {
    const scheduler = a.ritmo.app.get(NotificationScheduler);
    await scheduler.sweep(new Date());
    const item = (
      await api
        .post(po, `/teams/${team.id}/backlog-items`, { title: 'Scarichi industriali' })
        .expect(201)
    ).body;
    // Committed to the log without the bus: as if the process died right after COMMIT.
    const now = new Date();
    const commentId = randomUUID();
    await a.db.query(
      `WITH next AS (UPDATE teams SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq)
       INSERT INTO events (team_id, seq, type, actor_id, data, occurred_at)
       SELECT $1, next.event_seq, 'comment.created', $2, $3, $4 FROM next`,
      [
        team.id,
        dev.id,
        JSON.stringify({
          comment: {
            id: commentId,
            teamId: team.id,
            targetType: 'backlog_item',
            targetId: item.id,
            authorId: dev.id,
            body: `@${po.email}`,
            html: '',
            mentions: [po.id],
            version: 1,
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
            editedAt: null,
          },
        }),
        now,
      ],
    );
    const mentions = () =>
      a.db.query<{ source_key: string }[]>(
        `SELECT source_key FROM notifications WHERE user_id = $1 AND kind = 'mentioned'`,
        [po.id],
      );
    expect(await mentions()).toEqual([]);
    const later = new Date(now.getTime() + 2 * 60_000);
    // Both instances at once: one holds the watermark, the other skips it.
    const swept = await Promise.all(
      [a, b].map((app) => app.ritmo.app.get(NotificationScheduler).sweep(later)),
    );
    expect(swept.filter((n) => n > 0)).toHaveLength(1);
    expect(await mentions()).toEqual([{ source_key: `comment:${commentId}` }]);
    await scheduler.sweep(new Date(later.getTime() + 60_000));
    expect(await mentions()).toHaveLength(1);
  });

  it('sends "starts in 15 minutes" once per occurrence, whichever instance ticks, live on the other', async () => {
    await api
      .patch(dev, '/me/notification-preferences', {
        preferences: [{ teamId: team.id, kind: 'ceremony_starting', channel: 'email' }],
      })
      .expect(200);
    const now = new Date();
    const start = new Date(now.getTime() + 10 * 60_000);
    const ceremony = await api
      .post(sm, `/teams/${team.id}/ceremonies`, {
        type: 'backlog_refinement',
        title: 'Affinamento delle pratiche SUAP',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 45 * 60_000).toISOString(),
        attendeeIds: [po.id, dev.id],
      })
      .expect(201);
    // A ceremony an hour away is not due yet.
    await api
      .post(sm, `/teams/${team.id}/ceremonies`, {
        type: 'sprint_review',
        title: 'Revisione più tardi',
        startsAt: new Date(now.getTime() + 60 * 60_000).toISOString(),
        endsAt: new Date(now.getTime() + 90 * 60_000).toISOString(),
      })
      .expect(201);
    const onB = await connectClient(b.url, po.token);
    clients.push(onB);
    const schedulers = [a, b, a, b].map((app) => app.ritmo.app.get(NotificationScheduler));
    const counts = await Promise.all(schedulers.map((s) => s.reminders(now)));
    expect(counts.reduce((x, y) => x + y, 0)).toBe(2);

    const rows = await a.db.query<{ user_id: string; source_key: string; channel: string }[]>(
      `SELECT user_id, source_key, channel FROM notifications WHERE kind = 'ceremony_starting'
        ORDER BY user_id`,
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([po.id, dev.id].sort());
    expect(new Set(rows.map((r) => r.source_key))).toEqual(
      new Set([`ceremony:${ceremony.body.id}:${new Date(ceremony.body.startsAt).toISOString()}`]),
    );
    const mails = await a.db.query<{ id: string; to_address: string }[]>(
      `SELECT id, to_address FROM mail_outbox WHERE kind = 'notification.ceremony_starting'`,
    );
    expect(mails).toEqual([{ id: expect.any(String), to_address: dev.email }]);
    await waitFor(
      () => onB.raw.some((r) => (r as unknown[])[0] === 'notification.created'),
      10_000,
      'the reminder on instance B',
    );
    // A restart (or a later tick) finds it done.
    await a.ritmo.app.get(NotificationScheduler).reminders(new Date(now.getTime() + 60_000));
    expect(
      (await a.db.query(`SELECT 1 FROM notifications WHERE kind = 'ceremony_starting'`)).length,
    ).toBe(2);
    const frames = onB.raw.filter((r) => (r as unknown[])[0] === 'notification.created');
    expect(frames).toHaveLength(1);
    expect(
      (frames[0] as [string, { notification: { text: string } }])[1].notification.text,
    ).toContain('Affinamento delle pratiche SUAP');
  });

  it('a day of activity reaches the digest once: every change once, at most one digest per day', async () => {
    // 8 December is a national holiday (Immacolata): without a choice of days, no digest.
    const holiday = await a.ritmo.app
      .get(NotificationScheduler)
      .tick(new Date('2026-12-08T08:05:00+01:00'));
    expect(holiday.digests).toBe(0);
    expect(
      (await a.db.query(`SELECT 1 FROM notification_runs WHERE key LIKE 'digest:%'`)).length,
    ).toBe(0);
    // The activity happens on 10 December (Rome), the digest goes out on the 11th at 08:00.
    const clock = a.ritmo.app.get(Clock);
    let now = new Date('2026-12-10T09:00:00+01:00');
    jest.spyOn(clock, 'now').mockImplementation(() => now);
    const tick = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

    const first = (
      await api.post(po, `/teams/${team.id}/backlog-items`, { title: 'Albo pretorio' }).expect(201)
    ).body;
    tick(5);
    const second = (
      await api
        .post(po, `/teams/${team.id}/backlog-items`, { title: 'Anagrafe canina' })
        .expect(201)
    ).body;
    tick(5);
    await api
      .patch(po, `/backlog-items/${first.id}`, { title: 'Albo pretorio online' }, first.version)
      .expect(200);
    tick(5);
    await api
      .post(po, `/backlog-items/${second.id}/comments`, { body: 'Sentito il veterinario.' })
      .expect(201);
    tick(5);
    // Assigned to the reader: theirs, so "for you", not repeated among the changes.
    const third = (
      await api
        .post(po, `/teams/${team.id}/backlog-items`, { title: 'Passi carrabili' })
        .expect(201)
    ).body;
    await api
      .patch(po, `/backlog-items/${third.id}`, { assigneeId: reader.id }, third.version)
      .expect(200);
    tick(5);
    const imp = (
      await api
        .post(dev, `/teams/${team.id}/impediments`, { title: 'Stampante guasta' })
        .expect(201)
    ).body;
    tick(5);
    await api.patch(sm, `/impediments/${imp.id}`, { status: 'resolved' }, imp.version).expect(200);
    await api
      .post(sm, `/teams/${team.id}/ceremonies`, {
        type: 'daily_scrum',
        title: 'Daily del giorno 11',
        startsAt: '2026-12-11T09:30:00+01:00',
        endsAt: '2026-12-11T09:45:00+01:00',
      })
      .expect(201);
    // The reader's own change is not news to them.
    tick(5);
    await api.post(reader, `/teams/${team.id}/backlog-items`, { title: 'Mia pratica' }).expect(201);
    await until(async () => {
      const r = await a.db.query<unknown[]>(
        `SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'assigned'`,
        [reader.id],
      );
      return r.length === 1 ? r : undefined;
    }, 'the assignment');

    // 11 December, 08:05 in Rome: both instances tick at once, twice.
    now = new Date('2026-12-11T08:05:00+01:00');
    jest.spyOn(b.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    const sent = await Promise.all(
      [a, b, a, b].map((app) => app.ritmo.app.get(NotificationScheduler).tick(now)),
    );
    expect(sent.every((s) => s.reminders === 0)).toBe(true);
    const digests = await a.db.query<{ id: string; dedupe_key: string }[]>(
      `SELECT id, dedupe_key FROM mail_outbox WHERE kind = 'notification.digest' AND user_id = $1`,
      [reader.id],
    );
    expect(digests).toEqual([
      { id: expect.any(String), dedupe_key: `digest:${reader.id}:2026-12-11` },
    ]);
    const file = await until(async () => {
      const names = await readdir(join(dataDir, 'outbox')).catch(() => [] as string[]);
      return names.find((n) => n.includes(digests[0].id) && n.endsWith('.eml'));
    }, 'the digest .eml');
    const mail = await simpleParser(await readFile(join(dataDir, 'outbox', file)));
    const lines = (mail.text ?? '').split('\n').filter((l) => l.startsWith('- '));
    const expected = [
      '- Assegnazione di «Passi carrabili» da parte di',
      '- Nuovo elemento «Albo pretorio»',
      '- Nuovo elemento «Anagrafe canina»',
      '- «Albo pretorio online» modificato',
      '- Commento di',
      '- Nuovo elemento «Passi carrabili»',
      '- Nuovo impedimento: «Stampante guasta»',
      '- Impedimento risolto: «Stampante guasta»',
      '- In calendario: «Daily del giorno 11»',
      '- 09:30 Daily del giorno 11',
    ];
    for (const start of expected)
      expect([start, lines.filter((l) => l.startsWith(start)).length]).toEqual([start, 1]);
    // Nothing else: the assignment's own event and the reader's item are not repeated.
    expect(lines).toHaveLength(expected.length);
    expect(lines.some((l) => l.includes('Mia pratica'))).toBe(false);
    expect(mail.subject).toContain('Riepilogo del giorno');

    // Later that day, and again on either instance: no second digest.
    const digest = a.ritmo.app.get(DigestService);
    expect(await digest.send(reader.id, '2026-12-11', 'Europe/Rome', now)).toBe(false);
    await b.ritmo.app.get(NotificationScheduler).tick(new Date('2026-12-11T18:00:00+01:00'));
    expect(
      (
        await a.db.query(
          `SELECT 1 FROM mail_outbox WHERE kind = 'notification.digest' AND user_id = $1`,
          [reader.id],
        )
      ).length,
    ).toBe(1);
  });
});
