/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

const DAY = '2026-12-01';

describe('ceremonies: a daily scrum over sockets, impediments', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let anna: TestUser;
  let bruno: TestUser;
  let po: TestUser;
  let clients: TestClient[];

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    anna = await f.member(team, 'developer');
    bruno = await f.member(team, 'developer');
    po = await f.member(team, 'product_owner');
    await f.member(team, 'stakeholder');
    clients = [];
    for (const user of [sm, anna, bruno]) {
      const client = await connectClient(t.url, user.token);
      await client.client.subscribe(team.id);
      clients.push(client);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.client.socket.disconnect();
    await t.close();
  });

  const entries = async () =>
    (
      await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM daily_scrum_entries WHERE team_id = $1`,
        [team.id],
      )
    )[0].n;

  it('runs a daily: live session, three members post, everyone sees everything', async () => {
    const daily = (
      await api
        .post(sm, `/teams/${team.id}/ceremonies`, {
          type: 'daily_scrum',
          startsAt: '2026-12-01T09:30:00+01:00',
          endsAt: '2026-12-01T09:45:00+01:00',
        })
        .expect(201)
    ).body;
    const timers: unknown[][] = clients.map(() => []);
    for (const [i, c] of clients.entries()) {
      c.client.socket.on('ceremony.timer', (m: unknown) => timers[i].push(m));
      const joined = (await c.client.socket
        .timeout(10_000)
        .emitWithAck('ceremony.join', { ceremonyId: daily.id })) as Record<string, unknown>;
      expect(joined).toMatchObject({ ok: true, ceremonyId: daily.id, session: null });
    }
    const started = await api.post(sm, `/ceremonies/${daily.id}/start`, {}).expect(200);
    const sessionId = started.body.session.id as string;
    expect(started.body.session.attendance.sort()).toEqual([sm.id, anna.id, bruno.id].sort());

    const answers = {
      [sm.id]: { done: 'Sbloccato il protocollo', plan: 'Retro', impediments: '' },
      [anna.id]: { done: 'Modulo mensa', plan: 'Pagamenti', impediments: 'Manca la firma' },
      [bruno.id]: { done: 'Anagrafe', plan: 'Test', impediments: '' },
    };
    // Each member posts over their socket; the acknowledgement carries the stored entry.
    for (const [i, user] of [sm, anna, bruno].entries()) {
      if (user === sm) continue;
      const reply = (await clients[i].client.socket
        .timeout(10_000)
        .emitWithAck('daily_scrum.post', {
          teamId: team.id,
          date: DAY,
          answers: answers[user.id],
        })) as { ok: boolean; entry: unknown };
      expect(reply).toMatchObject({
        ok: true,
        entry: { date: DAY, userId: user.id, answers: answers[user.id] },
      });
    }
    const wrong = (await clients[1].client.socket.timeout(10_000).emitWithAck('daily_scrum.post', {
      teamId: team.id,
      date: DAY,
      answers: { mood: 'ok' },
    })) as {
      ok: boolean;
      error: { status: number; errors: { field: string }[] };
    };
    expect(wrong.ok).toBe(false);
    expect(wrong.error.status).toBe(400);
    expect(wrong.error.errors.map((e) => e.field)).toEqual(['answers.mood']);
    const smReply = (await clients[0].client.socket
      .timeout(10_000)
      .emitWithAck('daily_scrum.post', {
        teamId: team.id,
        date: DAY,
        answers: answers[sm.id],
      })) as {
      ok: boolean;
    };
    expect(smReply.ok).toBe(true);
    // Posting again replaces the answers (a missing key is an empty answer).
    await api
      .put(bruno, `/teams/${team.id}/daily-scrums/${DAY}/entries/me`, {
        answers: { done: 'Anagrafe e tributi', plan: 'Test' },
      })
      .expect(200);
    answers[bruno.id] = { done: 'Anagrafe e tributi', plan: 'Test', impediments: '' };
    await api.post(sm, `/ceremonies/${daily.id}/end`, {}).expect(200);

    const expected = [
      'ceremony.scheduled',
      'ceremony.started',
      'daily_scrum.entry_posted',
      'daily_scrum.entry_posted',
      'daily_scrum.entry_posted',
      'daily_scrum.entry_posted',
      'ceremony.ended',
    ];
    for (const c of clients)
      await waitFor(
        () => c.events.filter((e) => e.type !== 'team.member_added').length >= expected.length,
        10_000,
        'every event on every client',
      );
    const seen = clients.map((c) =>
      c.events.filter((e) => e.type !== 'team.member_added').map((e) => [e.seq, e.type]),
    );
    expect(seen[0].map(([, type]) => type)).toEqual(expected);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    const posted = clients[1].events.filter((e) => e.type === 'daily_scrum.entry_posted');
    expect(posted.map((e) => e.actorId)).toEqual([anna.id, bruno.id, sm.id, bruno.id]);
    // The session room got the timer when the session started and when it ended.
    for (const received of timers) {
      await waitFor(() => received.length === 2, 10_000, 'two ceremony.timer messages');
      expect(received[0]).toMatchObject({
        ceremonyId: daily.id,
        session: { id: sessionId, endsAt: started.body.session.endsAt, endedAt: null },
        serverTime: started.body.serverTime,
      });
      expect(
        (received[1] as { session: { endedAt: string | null } }).session.endedAt,
      ).not.toBeNull();
    }
    for (const e of posted) expect(e.data).toMatchObject({ date: DAY, sessionId });
    const ended = clients[2].events.find((e) => e.type === 'ceremony.ended')!;
    expect((ended.data as { session: { attendance: string[] } }).session.attendance.sort()).toEqual(
      [sm.id, anna.id, bruno.id].sort(),
    );

    const summary = await api.get(po, `/teams/${team.id}/daily-scrums/${DAY}`).expect(200);
    expect(summary.body.prompts.map((p: { key: string; text: string }) => p.key)).toEqual([
      'done',
      'plan',
      'impediments',
    ]);
    expect(summary.body.prompts[0].text).toBe("Cosa ho fatto dall'ultima volta");
    const byUser = Object.fromEntries(
      (summary.body.entries as { userId: string; answers: unknown }[]).map((e) => [
        e.userId,
        e.answers,
      ]),
    );
    expect(byUser).toEqual(answers);
    // The product owner has not posted; the stakeholder is not expected at the daily.
    expect(summary.body.missing.map((m: { userId: string }) => m.userId)).toEqual([po.id]);
    const rows = await t.db.query<{ user_id: string; answers: unknown }[]>(
      `SELECT user_id, answers FROM daily_scrum_entries WHERE team_id = $1 AND day = $2`,
      [team.id, DAY],
    );
    expect(rows).toHaveLength(3);
  });

  it('follows the team prompts and refuses unknown keys and non-dates, writing nothing', async () => {
    const before = await entries();
    const seq = await api.lastSeq(team);
    const unknown = await api
      .put(anna, `/teams/${team.id}/daily-scrums/${DAY}/entries/me`, {
        answers: { done: 'x', mood: 'ok' },
      })
      .expect(400);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect(fieldsOf(unknown.body)).toEqual(['answers.mood']);
    const notText = await api
      .put(anna, `/teams/${team.id}/daily-scrums/${DAY}/entries/me`, { answers: { done: 3 } })
      .expect(400);
    expect(fieldsOf(notText.body)).toEqual(['answers.done']);
    for (const date of ['2026-02-30', 'domani', '2026-1-5', '20261201'])
      for (const res of [
        await api
          .put(anna, `/teams/${team.id}/daily-scrums/${date}/entries/me`, { answers: {} })
          .expect(400),
        await api.get(anna, `/teams/${team.id}/daily-scrums/${date}`).expect(400),
      ])
        expect(fieldsOf(res.body)).toEqual(['date']);
    const nowhere = (await clients[1].client.socket
      .timeout(10_000)
      .emitWithAck('ceremony.join', { ceremonyId: '6f1c7a52-2f0e-4d8e-9b7a-3c2d1e0f9a8b' })) as {
      ok: boolean;
      error: { status: number };
    };
    expect(nowhere).toMatchObject({ ok: false, error: { status: 404 } });
    const outsider = await f.user();
    await api
      .put(outsider, `/teams/${team.id}/daily-scrums/${DAY}/entries/me`, { answers: {} })
      .expect(404);
    expect(await entries()).toBe(before);
    expect(await api.lastSeq(team)).toBe(seq);

    const cadence = await api.get(sm, `/teams/${team.id}/cadence`).expect(200);
    const prompts = await api
      .put(sm, `/teams/${team.id}/cadence`, {
        dailyPrompts: [
          { key: 'yesterday', text: 'Ieri' },
          { key: 'today', text: 'Oggi' },
        ],
      })
      .set('If-Match', cadence.headers.etag)
      .expect(200);
    await api
      .put(anna, `/teams/${team.id}/daily-scrums/2026-12-02/entries/me`, {
        answers: { yesterday: 'Mensa', today: 'Pagamenti' },
      })
      .expect(200);
    await api
      .put(anna, `/teams/${team.id}/daily-scrums/2026-12-02/entries/me`, {
        answers: { done: 'Mensa' },
      })
      .expect(400);
    const summary = await api.get(sm, `/teams/${team.id}/daily-scrums/2026-12-02`).expect(200);
    expect(summary.body.prompts).toEqual([
      { key: 'yesterday', text: 'Ieri' },
      { key: 'today', text: 'Oggi' },
    ]);
    await api
      .put(sm, `/teams/${team.id}/cadence`, { dailyPrompts: null })
      .set('If-Match', prompts.headers.etag)
      .expect(200);
  });

  it('tracks impediments: raised, linked to items of the team only, owned, resolved', async () => {
    const [item] = await api.items(anna, team, ['Firma digitale del dirigente']);
    const other = await f.team();
    const otherDev = await f.member(other, 'developer');
    const [foreign] = await api.items(otherDev, other, ['Pratica di un altro comune']);
    const count = async () =>
      (
        await t.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM impediments WHERE team_id = $1`,
          [team.id],
        )
      )[0].n;
    const seq = await api.lastSeq(team);
    const bad = await api
      .post(anna, `/teams/${team.id}/impediments`, {
        title: 'Manca la firma',
        itemIds: [item.id, foreign.id],
      })
      .expect(400);
    expect(fieldsOf(bad.body)).toEqual(['itemIds.1']);
    expect(await count()).toBe(0);
    expect(await api.lastSeq(team)).toBe(seq);

    const first = (
      await api
        .post(anna, `/teams/${team.id}/impediments`, {
          title: 'Manca la firma',
          itemIds: [item.id],
        })
        .expect(201)
    ).body;
    expect(first).toMatchObject({ status: 'open', reportedBy: anna.id, itemIds: [item.id] });
    const second = (
      await api.post(bruno, `/teams/${team.id}/impediments`, { title: 'VPN lenta' }).expect(201)
    ).body;

    await api.patch(sm, `/impediments/${first.id}`, { status: 'resolved' }).expect(428);
    await api
      .patch(sm, `/impediments/${first.id}`, { itemIds: [foreign.id] }, first.version)
      .expect(400);
    const resolved = await api
      .patch(sm, `/impediments/${first.id}`, { status: 'resolved', ownerId: sm.id }, first.version)
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', ownerId: sm.id, version: 2 });
    expect(resolved.body.resolvedAt).not.toBeNull();
    await api
      .patch(sm, `/impediments/${first.id}`, { title: 'Vecchio' }, first.version)
      .expect(412);
    await api.patch(otherDev, `/impediments/${first.id}`, { title: 'Altrui' }, 2).expect(404);

    const list = await api.get(sm, `/teams/${team.id}/impediments`).expect(200);
    expect(list.body.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    const open = await api.get(sm, `/teams/${team.id}/impediments?status=open`).expect(200);
    expect(open.body.map((i: { id: string }) => i.id)).toEqual([second.id]);
    for (const c of clients)
      await waitFor(() => c.events.some((e) => e.type === 'impediment.updated'));
    const updated = clients[0].events.find((e) => e.type === 'impediment.updated')!;
    expect((updated.data as { changes: string[] }).changes.sort()).toEqual([
      'ownerId',
      'resolvedAt',
      'status',
    ]);
  });
});
