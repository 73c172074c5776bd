import request from 'supertest';
import { Factory, TestTeam } from './support/factories';
import { waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';
import { verifySignature, WebhookReceiver } from './support/webhook-receiver';

const ENV = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_POLL_MS: '50',
};

describe('webhooks', () => {
  let t: TestApp;
  let f: Factory;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    f = new Factory(t);
  });
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });
  afterEach(async () => {
    await receiver.stop();
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (team: TestTeam) => `Bearer ${team.admin.token}`;

  async function subscribe(team: TestTeam, events: string[]) {
    const res = await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks`)
      .set('Authorization', auth(team))
      .send({ url: receiver.url, events })
      .expect(201);
    return res.body as { id: string; secret: string; cursorSeq: number };
  }

  async function rename(team: TestTeam, name: string) {
    const current = await request(t.url)
      .get(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth(team))
      .expect(200);
    await request(t.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', auth(team))
      .set('If-Match', current.headers.etag)
      .send({ name })
      .expect(200);
  }

  it('delivers every event type, signed, with filters applied', async () => {
    const team = await f.team();
    const all = await subscribe(team, ['*']);
    expect(all.secret).toMatch(/^whsec_/);
    const onlyMembers = await new WebhookReceiver().start();
    try {
      await request(t.url)
        .post(`/api/v1/teams/${team.id}/webhooks`)
        .set('Authorization', auth(team))
        .send({ url: onlyMembers.url, events: ['team.member_*'.replace('_*', '_added')] })
        .expect(201);
      await rename(team, 'Servizi Scolastici');
      const dev = await f.member(team, 'developer');
      const sm = await f.member(team, 'scrum_master');
      await request(t.url)
        .patch(`/api/v1/teams/${team.id}/members/${dev.id}`)
        .set('Authorization', `Bearer ${sm.token}`)
        .send({ role: 'product_owner' })
        .expect(200);
      await request(t.url)
        .delete(`/api/v1/teams/${team.id}/members/${dev.id}`)
        .set('Authorization', `Bearer ${sm.token}`)
        .expect(204);

      const expected = [
        'webhook.created',
        'webhook.created',
        'team.updated',
        'team.invitation_created',
        'team.member_added',
        'team.invitation_created',
        'team.member_added',
        'team.member_role_changed',
        'team.member_removed',
      ];
      await waitFor(() => receiver.succeeded().length >= expected.length, 10_000, 'all deliveries');
      const got = receiver.succeeded();
      expect(got.map((r) => r.json.type)).toEqual(expected);
      expect(got.map((r) => r.json.seq)).toEqual(
        [...got.map((r) => r.json.seq)].sort((a, b) => (a ?? 0) - (b ?? 0)),
      );
      for (const r of got) {
        expect(r.headers['ritmo-event']).toBe(r.json.type);
        expect(r.headers['ritmo-delivery']).toMatch(/^[0-9a-f-]{36}$/);
        expect(verifySignature(r.headers['ritmo-signature'] as string, r.body, all.secret)).toBe(
          true,
        );
        expect(verifySignature(r.headers['ritmo-signature'] as string, r.body, 'whsec_wrong')).toBe(
          false,
        );
      }
      expect(JSON.stringify(got)).not.toContain(all.secret);

      await waitFor(() => onlyMembers.succeeded().length >= 2, 10_000, 'filtered deliveries');
      expect(onlyMembers.succeeded().map((r) => r.json.type)).toEqual([
        'team.member_added',
        'team.member_added',
      ]);
    } finally {
      await onlyMembers.stop();
    }
  });

  it('delivers every event the team logged, of every module, each signed and in seq order', async () => {
    const team = await f.team();
    const hook = await subscribe(team, ['*']);
    const dev = await f.member(team, 'developer');
    const devAuth = `Bearer ${dev.token}`;
    const po = await f.member(team, 'product_owner');
    const label = await request(t.url)
      .post(`/api/v1/teams/${team.id}/labels`)
      .set('Authorization', devAuth)
      .send({ name: 'Urgente', color: '#d73a4a' })
      .expect(201);
    await request(t.url)
      .patch(`/api/v1/teams/${team.id}/labels/${label.body.id}`)
      .set('Authorization', devAuth)
      .set('If-Match', `"${label.body.version}"`)
      .send({ color: '#0e8a16' })
      .expect(200);
    const item = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set('Authorization', devAuth)
      .send({ type: 'story', title: 'Iscrizione mensa' })
      .expect(201);
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items/bulk`)
      .set('Authorization', devAuth)
      .send({ text: 'Pre-scuola\nTrasporto scolastico' })
      .expect(201);
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items/rank`)
      .set('Authorization', `Bearer ${po.token}`)
      .send({ ids: [item.body.id], position: 'bottom' })
      .expect(200);
    const current = await request(t.url)
      .get(`/api/v1/backlog-items/${item.body.id}`)
      .set('Authorization', devAuth)
      .expect(200);
    await request(t.url)
      .patch(`/api/v1/backlog-items/${item.body.id}`)
      .set('Authorization', devAuth)
      .set('If-Match', current.headers.etag)
      .send({ estimate: 3 })
      .expect(200);
    await request(t.url)
      .delete(`/api/v1/backlog-items/${item.body.id}`)
      .set('Authorization', devAuth)
      .set('If-Match', `"${Number(current.body.version) + 1}"`)
      .expect(204);
    const labelNow = await request(t.url)
      .get(`/api/v1/teams/${team.id}/labels`)
      .set('Authorization', devAuth)
      .expect(200);
    await request(t.url)
      .delete(`/api/v1/teams/${team.id}/labels/${label.body.id}`)
      .set('Authorization', devAuth)
      .set('If-Match', `"${(labelNow.body as { version: number }[])[0].version}"`)
      .expect(204);

    const logged = await t.db.query<{ seq: string; type: string }[]>(
      'SELECT seq, type FROM events WHERE team_id = $1 AND seq > $2 ORDER BY seq',
      [team.id, hook.cursorSeq],
    );
    await waitFor(() => receiver.succeeded().length >= logged.length, 10_000, 'every logged event');
    const got = receiver.succeeded();
    expect(got.map((r) => [r.json.seq, r.json.type])).toEqual(
      logged.map((e) => [Number(e.seq), e.type]),
    );
    expect(new Set(logged.map((e) => e.type))).toEqual(
      new Set([
        'webhook.created',
        'team.invitation_created',
        'team.member_added',
        'label.created',
        'label.updated',
        'backlog_item.created',
        'backlog_item.ranked',
        'backlog_item.updated',
        'backlog_item.archived',
        'label.deleted',
      ]),
    );
    for (const r of got)
      expect(verifySignature(r.headers['ritmo-signature'] as string, r.body, hook.secret)).toBe(
        true,
      );
  });

  it('retries while the receiver is down, then delivers in order: nothing lost, no delivery id twice', async () => {
    const team = await f.team();
    let down = true;
    receiver.respond = () => (down ? 503 : 200);
    const hook = await subscribe(team, ['team.updated']);
    for (let i = 1; i <= 5; i++) await rename(team, `Ufficio ${i}`);
    await waitFor(() => receiver.received.length >= 3, 10_000, 'failed attempts');
    const listed = await request(t.url)
      .get(`/api/v1/teams/${team.id}/webhooks/${hook.id}`)
      .set('Authorization', auth(team))
      .expect(200);
    expect(listed.body.failureCount).toBeGreaterThan(0);
    down = false;
    await waitFor(() => receiver.succeeded().length >= 5, 15_000, 'the five renames');
    const ok = receiver.succeeded();
    expect(ok.map((r) => (r.json.data as { team: { name: string } }).team.name)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `Ufficio ${i}`),
    );
    const ids = ok.map((r) => r.headers['ritmo-delivery']);
    expect(new Set(ids).size).toBe(ids.length);
    // The failed attempts of the first event carried the same delivery id as its success.
    expect(
      receiver.received.filter((r) => r.headers['ritmo-delivery'] === ids[0]).length,
    ).toBeGreaterThan(1);
    // The delivery log commits right after each attempt; poll until the last one is in.
    let log = await request(t.url)
      .get(`/api/v1/teams/${team.id}/webhooks/${hook.id}/deliveries`)
      .set('Authorization', auth(team))
      .expect(200);
    for (
      let i = 0;
      i < 50 && (log.body as { status: string }[]).some((d) => d.status !== 'succeeded');
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      log = await request(t.url)
        .get(`/api/v1/teams/${team.id}/webhooks/${hook.id}/deliveries`)
        .set('Authorization', auth(team))
        .expect(200);
    }
    expect(log.body).toHaveLength(5);
    expect(log.body[log.body.length - 1]).toMatchObject({
      status: 'succeeded',
      responseStatus: 200,
      responseBody: 'ok',
    });
    expect((log.body as { attempts: number }[]).some((d) => d.attempts > 1)).toBe(true);
  });

  it('disables a subscription after the last retry and says why; active: true brings it back', async () => {
    const fast = await startTestApp({ env: { ...ENV, WEBHOOK_RETRY_BASE_MS: '1' } });
    try {
      const team = await new Factory(fast).team();
      const admin = `Bearer ${team.admin.token}`;
      receiver.respond = () => 500;
      const hook = await request(fast.url)
        .post(`/api/v1/teams/${team.id}/webhooks`)
        .set('Authorization', admin)
        .send({ url: receiver.url, events: ['*'] })
        .expect(201);
      await waitFor(() => receiver.received.length >= 12, 20_000, 'twelve attempts');
      let current = await request(fast.url)
        .get(`/api/v1/teams/${team.id}/webhooks/${hook.body.id}`)
        .set('Authorization', admin)
        .expect(200);
      for (let i = 0; i < 50 && current.body.active; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        current = await request(fast.url)
          .get(`/api/v1/teams/${team.id}/webhooks/${hook.body.id}`)
          .set('Authorization', admin)
          .expect(200);
      }
      expect(current.body).toMatchObject({ active: false, failureCount: 12 });
      expect(current.body.disabledReason).toMatch(/Disabled after 12 failed attempts.*HTTP 500/);
      expect(receiver.received).toHaveLength(12);
      receiver.respond = () => 200;
      await request(fast.url)
        .patch(`/api/v1/teams/${team.id}/webhooks/${hook.body.id}`)
        .set('Authorization', admin)
        .set('If-Match', current.headers.etag)
        .send({ active: true })
        .expect(200);
      await waitFor(() => receiver.succeeded().length === 3, 10_000, 'delivery after re-enabling');
      // The event that failed twelve times, the disabling (by nobody: the dispatcher), then
      // the re-enabling by the admin.
      const delivered = receiver.succeeded().map((r) => r.json);
      expect(delivered.map((e) => e.type)).toEqual([
        'webhook.created',
        'webhook.updated',
        'webhook.updated',
      ]);
      expect(delivered[1]).toMatchObject({
        actorId: null,
        data: { webhook: { id: hook.body.id, active: false }, changes: ['active'] },
      });
      expect(delivered[2]).toMatchObject({
        actorId: team.admin.id,
        data: { webhook: { id: hook.body.id, active: true } },
      });
    } finally {
      await fast.close();
    }
  });

  it('pings, redelivers, replays, and rotates the secret with a grace period', async () => {
    const team = await f.team();
    const hook = await subscribe(team, ['team.updated']);
    const ping = await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks/${hook.id}/ping`)
      .set('Authorization', auth(team))
      .expect(200);
    expect(ping.body).toMatchObject({ kind: 'ping', status: 'succeeded', responseStatus: 200 });
    expect(receiver.received[0].json.type).toBe('webhook.ping');
    // In the team's language (Italian by default), whoever asked for the ping.
    expect((receiver.received[0].json.data as { message: string }).message).toMatch(
      /^Ping da ritmo: /,
    );

    await rename(team, 'Primo');
    await waitFor(() => receiver.succeeded().length === 2, 10_000, 'the event');
    const log = await request(t.url)
      .get(`/api/v1/teams/${team.id}/webhooks/${hook.id}/deliveries`)
      .set('Authorization', auth(team))
      .expect(200);
    const eventDelivery = (log.body as { id: string; kind: string }[]).find(
      (d) => d.kind === 'event',
    ) as { id: string };
    const again = await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks/${hook.id}/deliveries/${eventDelivery.id}/redeliver`)
      .set('Authorization', auth(team))
      .expect(200);
    expect(again.body).toMatchObject({ kind: 'redelivery', status: 'succeeded' });
    expect(again.body.id).not.toBe(eventDelivery.id);
    expect(receiver.received.at(-1)?.json.type).toBe('team.updated');

    const rotated = await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks/${hook.id}/rotate-secret`)
      .set('Authorization', auth(team))
      .send({ graceHours: 1 })
      .expect(200);
    const [rotation] = await t.db.query<{ data: { changes: string[] } }[]>(
      `SELECT data FROM events WHERE team_id = $1 AND type = 'webhook.updated' ORDER BY seq DESC LIMIT 1`,
      [team.id],
    );
    expect(rotation.data.changes).toEqual(['secret']);
    expect(JSON.stringify(rotation)).not.toContain(rotated.body.secret as string);
    await rename(team, 'Secondo');
    await waitFor(
      () => receiver.succeeded().filter((r) => r.json.type === 'team.updated').length === 3,
      10_000,
      'after rotation',
    );
    const signed = receiver.received.at(-1) as { headers: Record<string, string>; body: string };
    expect(
      verifySignature(signed.headers['ritmo-signature'], signed.body, rotated.body.secret),
    ).toBe(true);
    expect(verifySignature(signed.headers['ritmo-signature'], signed.body, hook.secret)).toBe(true);

    const before = receiver.succeeded().length;
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks/${hook.id}/replay`)
      .set('Authorization', auth(team))
      .send({ fromSeq: 1 })
      .expect(200);
    await waitFor(() => receiver.succeeded().length === before + 2, 10_000, 'the replay');
    expect(
      receiver
        .succeeded()
        .slice(-2)
        .map((r) => (r.json.data as { team: { name: string } }).team.name),
    ).toEqual(['Primo', 'Secondo']);
  });

  it('refuses private targets unless allowed, bad filters and bad input, writing nothing', async () => {
    const strict = await startTestApp({ env: { WEBHOOK_ALLOW_HTTP: 'true' } });
    try {
      const sf = new Factory(strict);
      const team = await sf.team();
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://169.254.169.254/latest/meta-data',
        'http://10.1.2.3/',
        'http://[::1]/',
        'http://localhost/x',
        'http://[::ffff:127.0.0.1]/',
        // Issue 20, item 13: special-purpose blocks a hand-written list missed.
        'https://192.0.2.10/',
        'https://198.51.100.7/',
        'https://203.0.113.1/',
        'https://[2001:db8::1]/',
        'https://[100::1]/',
        'https://[fec0::1]/',
        'https://[64:ff9b:1::a00:1]/',
        'https://[2002:a00:1::1]/',
        'https://[::10.0.0.1]/',
        'https://[::ffff:8.8.8.8]/',
      ]) {
        const res = await request(strict.url)
          .post(`/api/v1/teams/${team.id}/webhooks`)
          .set('Authorization', `Bearer ${team.admin.token}`)
          .send({ url, events: ['*'] });
        expect({ url, status: res.status, type: res.body.type }).toEqual({
          url,
          status: 400,
          type: 'urn:ritmo:problem:webhook-target-forbidden',
        });
      }
      // A host that does not resolve is the caller's mistake, not a 500.
      for (const url of ['https://nonexistent.invalid/', 'http://localhost.invalid.:8080/']) {
        const res = await request(strict.url)
          .post(`/api/v1/teams/${team.id}/webhooks`)
          .set('Authorization', `Bearer ${team.admin.token}`)
          .send({ url, events: ['*'] })
          .expect(400);
        expect(res.body.type).toBe('urn:ritmo:problem:webhook-target-unresolvable');
      }
      const rows = await strict.db.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM webhook_subscriptions',
      );
      expect(Number(rows[0].n)).toBe(0);
    } finally {
      await strict.close();
    }
    const team = await f.team();
    const post = (body: unknown) =>
      request(t.url)
        .post(`/api/v1/teams/${team.id}/webhooks`)
        .set('Authorization', auth(team))
        .send(body as object);
    expect((await post({ url: 'ftp://x', events: ['*'] }).expect(400)).body.type).toBe(
      'urn:ritmo:problem:invalid-webhook-url',
    );
    expect(
      (await post({ url: receiver.url, events: ['team.renamed'] }).expect(400)).body.errors[0],
    ).toMatchObject({ field: 'events' });
    await post({ url: receiver.url, events: [] }).expect(400);
    await post({ url: receiver.url, events: ['*'], secret: 'mine' }).expect(400);
    const none = await t.db.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM webhook_subscriptions WHERE team_id = $1',
      [team.id],
    );
    expect(Number(none[0].n)).toBe(0);
  });

  it('lets only scrum masters and workspace admins manage webhooks; secrets never come back', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const sm = await f.member(team, 'scrum_master');
    await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks`)
      .set('Authorization', `Bearer ${dev.token}`)
      .send({ url: receiver.url, events: ['*'] })
      .expect(403);
    const created = await request(t.url)
      .post(`/api/v1/teams/${team.id}/webhooks`)
      .set('Authorization', `Bearer ${sm.token}`)
      .send({ url: receiver.url, events: ['*'] })
      .expect(201);
    const list = await request(t.url)
      .get(`/api/v1/teams/${team.id}/webhooks`)
      .set('Authorization', auth(team))
      .expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const rows = await t.db.query<{ secret_encrypted: string }[]>(
      'SELECT secret_encrypted FROM webhook_subscriptions WHERE id = $1',
      [created.body.id],
    );
    expect(rows[0].secret_encrypted).not.toContain(created.body.secret);
    const events = await t.db.query<{ data: unknown }[]>(
      `SELECT data FROM events WHERE team_id = $1 AND type LIKE 'webhook.%'`,
      [team.id],
    );
    expect(JSON.stringify(events)).not.toContain(created.body.secret);
  });
});
