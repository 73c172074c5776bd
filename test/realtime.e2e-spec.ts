import request from 'supertest';
import { io } from 'socket.io-client';
import { EventLog } from '../src/events/event-log';
import { TransactionService } from '../src/database/transaction.service';
import { Factory, TestTeam, TestUser } from './support/factories';
import {
  connectClient,
  presenceDeltas,
  presenceSeen,
  TestClient,
  waitFor,
} from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

describe('realtime sync', () => {
  let t: TestApp;
  let f: Factory;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.client.close();
  });
  afterAll(async () => {
    await t.close();
  });

  async function client(user: TestUser): Promise<TestClient> {
    const c = await connectClient(t.url, user.token);
    clients.push(c);
    return c;
  }

  async function rename(team: TestTeam, name: string): Promise<void> {
    const current = await request(t.url)
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', `Bearer ${team.admin.token}`)
      .expect(200);
    await request(t.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', `Bearer ${team.admin.token}`)
      .set('If-Match', current.headers.etag)
      .send({ name })
      .expect(200);
  }

  it('delivers a REST change to a subscribed socket with the envelope, and nothing to an outsider', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const outsider = await f.user();
    const member = await client(dev);
    const stranger = await client(outsider);

    const ack = await member.client.subscribe(team.id);
    // team.created, team.invitation_created, team.member_added
    expect(ack).toEqual({ ok: true, teamId: team.id, seq: 3 });
    const refused = await stranger.client.subscribe(team.id);
    expect(refused).toMatchObject({
      ok: false,
      error: { status: 404, type: 'urn:ritmo:problem:not-found' },
    });

    await rename(team, 'Servizi Demografici');
    await waitFor(() => member.events.length === 1, 5_000, 'the event');
    expect(member.events[0]).toEqual({
      seq: 4,
      id: expect.any(String),
      teamId: team.id,
      type: 'team.updated',
      occurredAt: expect.any(String),
      actorId: team.admin.id,
      data: {
        changes: ['name'],
        team: expect.objectContaining({ name: 'Servizi Demografici', version: 2 }),
      },
    });
    const [row] = await t.db.query<{ id: string }[]>(
      'SELECT id FROM events WHERE team_id = $1 AND seq = 4',
      [team.id],
    );
    expect(member.events[0].id).toBe(row.id);
    expect(stranger.raw.filter((frame) => JSON.stringify(frame).includes(team.id))).toEqual([]);
  });

  it('replays exactly the 50 missed events, in order, once', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const first = await client(dev);
    await first.client.subscribe(team.id);
    const lastSeq = first.client.seq(team.id) as number;
    first.client.close();

    for (let i = 1; i <= 50; i++) await rename(team, `Anagrafe ${i}`);

    const again = await client(dev);
    const ack = await again.client.subscribe(team.id, lastSeq);
    expect(ack).toMatchObject({ ok: true, seq: lastSeq + 50 });
    await waitFor(() => again.events.length >= 50, 5_000, '50 events');
    expect(again.events.map((e) => e.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => lastSeq + 1 + i),
    );
    expect(again.events.at(-1)?.data).toMatchObject({ team: { name: 'Anagrafe 50' } });
    const frames = again.raw.filter((frame) => (frame as unknown[])[0] === 'event');
    expect(frames).toHaveLength(50);
  });

  it('keeps live delivery gapless while a subscriber replays', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    for (let i = 1; i <= 20; i++) await rename(team, `Prima ${i}`);
    const c = await client(dev);
    const writes = (async () => {
      for (let i = 1; i <= 20; i++) await rename(team, `Durante ${i}`);
    })();
    await c.client.subscribe(team.id, 0);
    await writes;
    const [{ event_seq: seq }] = await t.db.query<{ event_seq: string }[]>(
      'SELECT event_seq FROM teams WHERE id = $1',
      [team.id],
    );
    await waitFor(() => c.events.length === Number(seq), 5_000, 'every event');
    expect(c.events.map((e) => e.seq)).toEqual(
      Array.from({ length: Number(seq) }, (_, i) => i + 1),
    );
    expect(c.raw.filter((frame) => (frame as unknown[])[0] === 'event')).toHaveLength(Number(seq));
  });

  it('keeps seqs gapless under 20 parallel writers; a rolled-back transaction leaves no event and no hole', async () => {
    const team = await f.team();
    const tx = t.ritmo.app.get(TransactionService);
    const log = t.ritmo.app.get(EventLog);
    const append = () =>
      tx.run((m) =>
        log.append(m, {
          teamId: team.id,
          type: 'team.updated',
          actorId: team.admin.id,
          data: { team: {} as never, changes: [] },
        }),
      );
    await Promise.all(Array.from({ length: 20 }, append));
    await expect(
      tx.run(async (m) => {
        await log.append(m, {
          teamId: team.id,
          type: 'team.updated',
          actorId: null,
          data: { team: {} as never, changes: ['rolled back'] },
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await append();
    const rows = await t.db.query<{ seq: string }[]>(
      'SELECT seq FROM events WHERE team_id = $1 ORDER BY seq',
      [team.id],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    const rolledBack = await t.db.query<unknown[]>(
      `SELECT 1 FROM events WHERE team_id = $1 AND data->'changes' ? 'rolled back'`,
      [team.id],
    );
    expect(rolledBack).toHaveLength(0);
  });

  it('serves catch-up over REST with a cursor, and 410 for a cursor beyond the log', async () => {
    const team = await f.team();
    for (let i = 1; i <= 5; i++) await rename(team, `Tributi ${i}`);
    const auth = `Bearer ${team.admin.token}`;
    const page = await request(t.url)
      .get(`/api/v1/teams/${team.id}/events?after=1&limit=3`)
      .set('Authorization', auth)
      .expect(200);
    expect((page.body.events as { seq: number }[]).map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(page.body).toMatchObject({ nextCursor: '4', currentSeq: 6 });
    const rest = await request(t.url)
      .get(`/api/v1/teams/${team.id}/events?after=${String(page.body.nextCursor)}`)
      .set('Authorization', auth)
      .expect(200);
    expect(rest.body).toMatchObject({ nextCursor: null, currentSeq: 6 });
    expect((rest.body.events as { seq: number }[]).map((e) => e.seq)).toEqual([5, 6]);
    const gone = await request(t.url)
      .get(`/api/v1/teams/${team.id}/events?after=99`)
      .set('Authorization', auth)
      .expect(410);
    expect(gone.body).toMatchObject({ type: 'urn:ritmo:problem:cursor-invalid', currentSeq: 6 });
    await request(t.url)
      .get(`/api/v1/teams/${team.id}/events?after=-1`)
      .set('Authorization', auth)
      .expect(400);
    const outsider = await f.user();
    await request(t.url)
      .get(`/api/v1/teams/${team.id}/events`)
      .set('Authorization', `Bearer ${outsider.token}`)
      .expect(404);
  });

  it('answers 410 for a cursor older than the retention window', async () => {
    const team = await f.team();
    await rename(team, 'Vecchio');
    await t.db.query(
      `UPDATE events SET occurred_at = now() - interval '40 days' WHERE team_id = $1`,
      [team.id],
    );
    await rename(team, 'Nuovo');
    const auth = `Bearer ${team.admin.token}`;
    const gone = await request(t.url)
      .get(`/api/v1/teams/${team.id}/events?after=1`)
      .set('Authorization', auth)
      .expect(410);
    expect(gone.body.type).toBe('urn:ritmo:problem:cursor-expired');
    await request(t.url)
      .get(`/api/v1/teams/${team.id}/events?after=2`)
      .set('Authorization', auth)
      .expect(200);
    const c = await client(team.admin);
    expect(await c.client.subscribe(team.id, 0)).toMatchObject({
      ok: false,
      error: { status: 410 },
    });
  });

  it('refuses a handshake without a valid token, with a reason', async () => {
    for (const auth of [{}, { token: 'not-a-jwt' }]) {
      const socket = io(`${t.url}/realtime`, {
        auth,
        transports: ['websocket'],
        reconnection: false,
      });
      const error = await new Promise<Error & { data?: { detail?: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      socket.close();
      expect(error.message).toBe('unauthenticated');
      expect(error.data?.detail).toEqual(expect.any(String));
    }
  });

  it('answers bad messages with an error ack and keeps the socket', async () => {
    const user = await f.user();
    const c = await client(user);
    const s = c.client.socket;
    expect(await s.emitWithAck('subscribe', { teamId: 'nope' })).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ field: 'teamId' }] },
    });
    expect(
      await s.emitWithAck('subscribe', {
        teamId: '9b2f4f1e-8f0e-4c55-9a55-3c6b2d1b1e11',
        extra: 1,
      }),
    ).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ field: 'extra', message: 'is not a known field' }] },
    });
    expect(await s.emitWithAck('subscribe', 'string')).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
    expect(
      await s.emitWithAck('subscribe', {
        teamId: '9b2f4f1e-8f0e-4c55-9a55-3c6b2d1b1e11',
        afterSeq: -3,
      }),
    ).toMatchObject({ ok: false });
    expect(s.connected).toBe(true);
    const replies = await Promise.all(
      Array.from({ length: 60 }, () =>
        s.emitWithAck('unsubscribe', { teamId: '9b2f4f1e-8f0e-4c55-9a55-3c6b2d1b1e11' }),
      ),
    );
    expect(
      replies.filter((r: { ok: boolean; error?: { status: number } }) => r.error?.status === 429)
        .length,
    ).toBeGreaterThan(0);
    expect(s.connected).toBe(true);
  });

  it('announces presence to the team room: a snapshot on subscribe, then who joined and left', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const a = await client(team.admin);
    const b = await client(dev);
    await a.client.subscribe(team.id);
    await waitFor(
      () => presenceSeen(a.raw, team.id).includes(team.admin.id),
      5_000,
      'the snapshot',
    );
    await b.client.subscribe(team.id);
    const both = [team.admin.id, dev.id].sort();
    await waitFor(() => presenceSeen(a.raw, team.id).length === 2, 5_000, 'two present');
    expect(presenceSeen(a.raw, team.id)).toEqual(both);
    await waitFor(() => presenceSeen(b.raw, team.id).length === 2, 5_000, "b's snapshot");
    expect(presenceSeen(b.raw, team.id)).toEqual(both);
    b.client.close();
    await waitFor(() => presenceSeen(a.raw, team.id).length === 1, 5_000, 'one present');
    expect(presenceSeen(a.raw, team.id)).toEqual([team.admin.id]);
    expect(presenceDeltas(a.raw, team.id)).toEqual([
      { joined: [dev.id], left: [] },
      { joined: [], left: [dev.id] },
    ]);
    // The snapshot came once, to the subscriber only.
    expect(a.raw.filter((frame) => (frame as unknown[])[0] === 'presence.changed')).toHaveLength(1);
  });

  it('drops a removed member from the room at once, and a revoked API token within 5 seconds', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const sm = await f.member(team, 'scrum_master');
    const member = await client(dev);
    await member.client.subscribe(team.id);
    await request(t.url)
      .delete(`/api/v1/teams/${team.id}/members/${dev.id}`)
      .set('Authorization', `Bearer ${sm.token}`)
      .expect(204);
    await waitFor(
      () => member.raw.some((frame) => (frame as unknown[])[0] === 'unsubscribed'),
      5_000,
      'unsubscribed',
    );
    await rename(team, 'Dopo la rimozione');
    const watcher = await client(sm);
    await watcher.client.subscribe(team.id, 0);
    await waitFor(
      () => watcher.events.some((e) => e.type === 'team.updated'),
      5_000,
      'watcher sees the rename',
    );
    expect(member.events.some((e) => e.type === 'team.updated')).toBe(false);

    const pat = await request(t.url)
      .post('/api/v1/me/tokens')
      .set('Authorization', `Bearer ${sm.token}`)
      .send({ name: 'bot', scopes: ['read'] })
      .expect(201);
    const bot = await client({ ...sm, token: pat.body.token as string });
    await bot.client.subscribe(team.id);
    await request(t.url)
      .delete(`/api/v1/me/tokens/${pat.body.id}`)
      .set('Authorization', `Bearer ${sm.token}`)
      .expect(204);
    await waitFor(() => !bot.client.socket.connected, 5_000, 'the bot disconnected');
    expect(bot.raw.some((frame) => (frame as unknown[])[0] === 'session.expired')).toBe(true);
  });
});
