import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import request from 'supertest';
import type { EventEnvelope } from '../src/events/event-catalogue';
import { toEnvelope, type EventRow } from '../src/events/event-log';
import { NotificationReactions } from '../src/notifications/notification-reactions';
import { DigestService } from '../src/notifications/digest.service';
import { NotificationScheduler } from '../src/notifications/notification-scheduler';
import { backlogApi } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;
const FAST_MAIL = { MAIL_POLL_MS: '50', MAIL_RETRY_BASE_MS: '100' };

/** Polls an async look-up until it finds something (the reactions run after the commit). */
async function until<T>(find: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() - started > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A header as the message carries it (mailparser folds the List-* ones into an object). */
function header(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((l) => l.key === name)?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}

interface NotificationRowT {
  id: string;
  user_id: string;
  kind: string;
  channel: string;
  source_key: string;
  digested_at: Date | null;
}

describe('notifications', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let po: TestUser;
  let dev: TestUser;
  let sm: TestUser;
  let stakeholder: TestUser;
  let dataDir: string;
  const clients: TestClient[] = [];

  const rowsOf = (user: TestUser, kind?: string) =>
    t.db.query<NotificationRowT[]>(
      `SELECT id, user_id, kind, channel, source_key, digested_at FROM notifications
        WHERE user_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at`,
      [user.id, kind ?? null],
    );
  const mails = (like: string) =>
    t.db.query<
      {
        id: string;
        dedupe_key: string;
        to_address: string;
        subject: string;
        headers: Record<string, string>;
        status: string;
      }[]
    >(
      `SELECT id, dedupe_key, to_address, subject, headers, status FROM mail_outbox
        WHERE dedupe_key LIKE $1 ORDER BY created_at`,
      [like],
    );
  /** The .eml the outbox wrote for a row (no SMTP_URL: DATA_DIR/outbox). */
  async function eml(outboxId: string): Promise<ParsedMail> {
    const file = await until(async () => {
      const names = await readdir(join(dataDir, 'outbox')).catch(() => [] as string[]);
      return names.find((n) => n.includes(outboxId) && n.endsWith('.eml'));
    }, `the .eml of ${outboxId}`);
    return simpleParser(await readFile(join(dataDir, 'outbox', file)));
  }
  const comment = (author: TestUser, itemId: string, body: string) =>
    api.post(author, `/backlog-items/${itemId}/comments`, { body }).expect(201);
  const newItem = async (author: TestUser, title: string, extra: object = {}) =>
    (await api.post(author, `/teams/${team.id}/backlog-items`, { title, ...extra }).expect(201))
      .body as { id: string; version: number };
  async function live(user: TestUser): Promise<unknown[][]> {
    const c = await connectClient(t.url, user.token);
    clients.push(c);
    return c.raw as unknown[][];
  }
  const frames = (raw: unknown[][], name: string) =>
    raw.filter((r) => r[0] === name).map((r) => r[1] as Record<string, unknown>);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ritmo-notify-'));
    t = await startTestApp({ env: { ...FAST_MAIL, DATA_DIR: dataDir } });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    po = await f.member(team, 'product_owner');
    dev = await f.member(team, 'developer');
    sm = await f.member(team, 'scrum_master');
    stakeholder = await f.member(team, 'stakeholder');
    // The scheduler's own timer stays out: the digest is driven explicitly below.
    jest
      .spyOn(t.ritmo.app.get<unknown, { kick(): void }>(NotificationScheduler), 'kick')
      .mockImplementation(() => undefined);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.client.close();
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a mention notifies the mentioned once, live, with one email (the default), never the author', async () => {
    const raw = await live(po);
    const item = await newItem(dev, 'Delibera sulle tariffe della mensa');
    const res = await comment(dev, item.id, `Può verificare @${po.email}? Anche @${dev.email}.`);
    expect(res.body.mentions).toEqual([po.id, dev.id]);
    await waitFor(() => frames(raw, 'notification.created').length === 1, 10_000, 'the frame');

    const [row] = await rowsOf(po, 'mentioned');
    expect(await rowsOf(po, 'mentioned')).toHaveLength(1);
    expect(row).toMatchObject({ channel: 'email', source_key: `comment:${res.body.id}` });
    expect(await rowsOf(dev, 'mentioned')).toHaveLength(0);
    const [frame] = frames(raw, 'notification.created');
    // Joining the team by invitation was a notification too (kind invited, unread).
    const invited = await rowsOf(po, 'invited');
    expect(invited).toHaveLength(1);
    expect(frame.unread).toBe(2);
    expect(frame.notification).toMatchObject({ id: row.id, kind: 'mentioned', actorId: dev.id });

    const list = await api.get(po, '/me/notifications').expect(200);
    expect((list.body.items as { kind: string }[]).map((n) => n.kind)).toEqual([
      'mentioned',
      'invited',
    ]);
    expect(list.body.items[0]).toMatchObject({
      id: row.id,
      kind: 'mentioned',
      title: 'Delibera sulle tariffe della mensa',
      subjectType: 'backlog_item',
      subjectId: item.id,
      readAt: null,
      link: `/teams/${team.id}/backlog?item=${item.id}`,
    });
    expect(list.body.items[0].text).toContain('Delibera sulle tariffe della mensa');
    expect((await api.get(po, '/me/notifications/unread-count').expect(200)).body).toEqual({
      unread: 2,
    });

    const sent = await mails(`notification:${row.id}`);
    expect(sent).toHaveLength(1);
    expect(sent[0].to_address).toBe(po.email);
    expect(sent[0].headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const parsed = await eml(sent[0].id);
    expect(parsed.subject).toContain('Delibera sulle tariffe della mensa');
    expect(header(parsed, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(parsed, 'list-unsubscribe')).toMatch(
      /^<http:\/\/.+\/api\/v1\/notifications\/unsubscribe\/[\w-]{66}>$/,
    );
    expect(parsed.text).toContain(`/teams/${team.id}/backlog?item=${item.id}`);

    // An edit without new mentions, and a replay of the same committed event: nothing more.
    await api
      .patch(dev, `/comments/${res.body.id}`, { body: `Può verificare @${po.email}? Grazie.` }, 1)
      .expect(200);
    const [eventRow] = await t.db.query<EventRow[]>(
      `SELECT seq, id, team_id, type, occurred_at, actor_id, data FROM events
        WHERE team_id = $1 AND type = 'comment.created' ORDER BY seq DESC LIMIT 1`,
      [team.id],
    );
    await t.ritmo.app
      .get(NotificationReactions)
      .mentioned(toEnvelope(eventRow) as EventEnvelope<'comment.created'>);
    await new Promise((r) => setTimeout(r, 300));
    expect(await rowsOf(po, 'mentioned')).toHaveLength(1);
    expect(await mails(`notification:%`)).toHaveLength(1);
    expect(frames(raw, 'notification.created')).toHaveLength(1);
  });

  it('marks one and all read, and tells the person’s other sockets', async () => {
    const raw = await live(po);
    const [row] = await rowsOf(po, 'mentioned');
    const read = await api.post(po, `/me/notifications/${row.id}/read`, {}).expect(200);
    expect(read.body.readAt).not.toBeNull();
    await waitFor(() => frames(raw, 'notification.read').length === 1, 5_000, 'read frame');
    expect(frames(raw, 'notification.read')[0]).toEqual({ ids: [row.id], unread: 1 });
    const [invited] = await rowsOf(po, 'invited');
    const unread = await api.get(po, '/me/notifications?unread=true').expect(200);
    expect((unread.body.items as { id: string }[]).map((n) => n.id)).toEqual([invited.id]);
    // Reading it again changes nothing (readAt stays the first time).
    const again = await api.post(po, `/me/notifications/${row.id}/read`, {}).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    const all = await api.post(po, '/me/notifications/read-all', {}).expect(200);
    expect(all.body).toEqual({ ids: [invited.id], unread: 0 });
    await waitFor(() => frames(raw, 'notification.read').length === 3, 5_000, 'read-all frame');
    expect(frames(raw, 'notification.read')[2]).toEqual({ ids: [invited.id], unread: 0 });
    expect((await api.get(po, '/me/notifications/unread-count').expect(200)).body.unread).toBe(0);
    // Someone else's notification is nobody's business: 404, unchanged.
    await api.post(dev, `/me/notifications/${row.id}/read`, {}).expect(404);
  });

  it('with the digest preference a mention sends no email and lands in the next digest, once', async () => {
    await api
      .patch(stakeholder, '/me/notification-preferences', {
        preferences: [{ teamId: null, kind: 'mentioned', channel: 'digest' }],
        digest: { digestTime: '07:30', timezone: 'Europe/Rome', digestDays: [1, 2, 3, 4, 5, 6, 7] },
      })
      .expect(200);
    const item = await newItem(po, 'Bando per i centri estivi');
    const res = await comment(po, item.id, `Serve il parere di @${stakeholder.email}.`);
    const rows = await until(async () => {
      const found = await rowsOf(stakeholder, 'mentioned');
      return found.length > 0 ? found : undefined;
    }, 'the mention');
    expect(rows).toHaveLength(1);
    expect(rows[0].channel).toBe('digest');
    expect(await mails(`notification:${rows[0].id}`)).toHaveLength(0);

    const digests = t.ritmo.app.get(DigestService);
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const day = tomorrow.toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });
    expect(await digests.send(stakeholder.id, day, 'Europe/Rome', tomorrow)).toBe(true);
    expect(await digests.send(stakeholder.id, day, 'Europe/Rome', tomorrow)).toBe(false);
    const [digest] = await mails(`digest:${stakeholder.id}:${day}`);
    const parsed = await eml(digest.id);
    const text = parsed.text ?? '';
    const lines = text.split('\n').filter((l) => l.includes('Bando per i centri estivi'));
    // "for you" holds the mention; the comment's event is not told again among the changes.
    expect(lines.filter((l) => l.includes('Menzione'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Commento di'))).toHaveLength(0);
    expect(lines.filter((l) => l.includes('Nuovo elemento'))).toHaveLength(1);
    expect(header(parsed, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect((await rowsOf(stakeholder, 'mentioned'))[0].digested_at).not.toBeNull();
    expect(res.body.mentions).toEqual([stakeholder.id]);
  });

  it('assigned, status changed, impediment resolved: to the right people, never the actor', async () => {
    const raw = await live(dev);
    const item = await newItem(po, 'Graduatoria dei nidi');
    const assigned = await api
      .patch(po, `/backlog-items/${item.id}`, { assigneeId: dev.id }, item.version)
      .expect(200);
    const [a] = await until(async () => {
      const found = await rowsOf(dev, 'assigned');
      return found.length > 0 ? found : undefined;
    }, 'the assignment');
    expect(a).toMatchObject({ channel: 'digest' });
    await waitFor(
      () =>
        frames(raw, 'notification.created').some(
          (fr) => (fr.notification as { id: string }).id === a.id,
        ),
      5_000,
      'assignment frame',
    );
    // The assignee moves it: the owner (its author) hears, the assignee (the actor) does not.
    await api
      .patch(dev, `/backlog-items/${item.id}`, { status: 'in_progress' }, assigned.body.version)
      .expect(200);
    const [changed] = await until(async () => {
      const found = await rowsOf(po, 'status_changed');
      return found.length > 0 ? found : undefined;
    }, 'the status change');
    expect(changed.channel).toBe('digest');
    expect(await rowsOf(dev, 'status_changed')).toHaveLength(0);
    // A card moved on the board to a column of another category is a status change too.
    const board = await api.get(dev, `/teams/${team.id}/board`).expect(200);
    const done = (board.body.columns as { statusId: string; category: string }[]).find(
      (c) => c.category === 'done',
    );
    await api
      .post(dev, `/teams/${team.id}/board/moves`, { itemId: item.id, statusId: done?.statusId })
      .expect(200);
    await until(async () => {
      const found = await rowsOf(po, 'status_changed');
      return found.length === 2 ? found : undefined;
    }, 'the card move');
    // Assigning oneself notifies nobody.
    const own = await newItem(dev, 'Modulistica online');
    await api
      .patch(dev, `/backlog-items/${own.id}`, { assigneeId: dev.id }, own.version)
      .expect(200);

    const impediment = await api
      .post(dev, `/teams/${team.id}/impediments`, { title: 'Manca la firma digitale' })
      .expect(201);
    await api
      .patch(
        sm,
        `/impediments/${impediment.body.id}`,
        { status: 'resolved' },
        impediment.body.version,
      )
      .expect(200);
    const [resolved] = await until(async () => {
      const found = await rowsOf(dev, 'impediment_resolved');
      return found.length > 0 ? found : undefined;
    }, 'the resolution');
    expect(resolved.source_key).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));
    expect(await rowsOf(dev, 'assigned')).toHaveLength(1);
    expect(await rowsOf(sm, 'impediment_resolved')).toHaveLength(0);
  });

  it('the one-click unsubscribe link of an email turns that kind off, without login', async () => {
    const item = await newItem(dev, 'Regolamento del mercato');
    await comment(dev, item.id, `Prego @${sm.email} di rivedere.`);
    const [n] = await until(async () => {
      const found = await rowsOf(sm, 'mentioned');
      return found.length > 0 ? found : undefined;
    }, 'the mention of sm');
    const [mail] = await mails(`notification:${n.id}`);
    const url = /^<(.+)>$/.exec(mail.headers['List-Unsubscribe'])?.[1] ?? '';
    const path = new URL(url).pathname;
    // A tampered token is nobody's: 404 problem, nothing written.
    const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await request(t.url).post(forged).set('Accept-Language', 'it').expect(404);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    // As mail clients send it (RFC 8058): a form POST, no credentials.
    const res = await request(t.url)
      .post(path)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(res.body).toEqual({
      kind: 'mentioned',
      teamId: team.id,
      teamName: expect.any(String),
      channel: 'off',
    });
    const [pref] = await t.db.query<{ channel: string }[]>(
      `SELECT channel FROM notification_preferences WHERE user_id = $1 AND team_id = $2 AND kind = 'mentioned'`,
      [sm.id, team.id],
    );
    expect(pref.channel).toBe('off');
    await request(t.url).post(path).expect(200);
    const prefs = await api.get(sm, '/me/notification-preferences').expect(200);
    expect(prefs.body.teams[0].overrides).toEqual({ mentioned: 'off' });
    await comment(dev, item.id, `Ancora @${sm.email}.`);
    await new Promise((r) => setTimeout(r, 400));
    expect(await rowsOf(sm, 'mentioned')).toHaveLength(1);
  });

  it('refuses bad preferences with localized problems naming the field, writing nothing', async () => {
    const before = await t.db.query(
      'SELECT * FROM notification_preferences ORDER BY user_id, kind',
    );
    const bad = await request(t.url)
      .patch('/api/v1/me/notification-preferences')
      .set('Authorization', `Bearer ${dev.token}`)
      .set('Accept-Language', 'it')
      .send({
        preferences: [{ teamId: null, kind: 'mentioned', channel: 'loud' }],
        digest: { digestTime: '25:00', timezone: 'Marte/Olympus', digestDays: [0] },
      })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    const fields = (bad.body.errors as { field: string; message: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'preferences.0.channel',
        'digest.digestTime',
        'digest.timezone',
        'digest.digestDays',
      ]),
    );
    const time = (bad.body.errors as { field: string; message: string }[]).find(
      (e) => e.field === 'digest.digestTime',
    );
    expect(time?.message).toBe('deve essere un orario HH:MM');
    const outsider = await f.team();
    const foreign = await request(t.url)
      .patch('/api/v1/me/notification-preferences')
      .set('Authorization', `Bearer ${dev.token}`)
      .set('Accept-Language', 'en')
      .send({ preferences: [{ teamId: outsider.id, kind: 'assigned', channel: 'email' }] })
      .expect(400);
    expect(foreign.body.errors).toEqual([
      { field: 'preferences.0.teamId', message: 'is not a team of yours' },
    ]);
    const cursor = await api.get(dev, '/me/notifications?cursor=nonsense').expect(400);
    expect(cursor.body.errors[0].field).toBe('cursor');
    expect(
      await t.db.query('SELECT * FROM notification_preferences ORDER BY user_id, kind'),
    ).toEqual(before);
  });
});
