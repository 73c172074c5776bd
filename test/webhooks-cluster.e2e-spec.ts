import request from 'supertest';
import { Factory } from './support/factories';
import { freePort, RitmoProcess, spawnRitmo, waitForReady } from './support/process';
import { waitFor } from './support/realtime';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher';

const ENV = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_POLL_MS: '50',
  // A killed instance's lease runs out after twice this: the restarted one resumes soon after.
  WEBHOOK_TIMEOUT_MS: '2000',
};

describe('webhook delivery across instances and crashes', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });
  afterEach(async () => {
    await receiver.stop();
  });

  it('two instances deliver each event exactly once, in order', async () => {
    const a = await startTestApp({ env: ENV });
    const b = await startTestApp({ databaseUrl: a.databaseUrl, env: ENV });
    try {
      const team = await new Factory(a).team();
      const auth = `Bearer ${team.admin.token}`;
      await request(a.url)
        .post(`/api/v1/teams/${team.id}/webhooks`)
        .set('Authorization', auth)
        .send({ url: receiver.url, events: ['team.updated'] })
        .expect(201);
      for (let i = 1; i <= 20; i++) {
        const app: TestApp = i % 2 === 0 ? a : b;
        const current = await request(app.url)
          .get(`/api/v1/teams/${team.id}`)
          .set('Authorization', auth)
          .expect(200);
        await request(app.url)
          .patch(`/api/v1/teams/${team.id}`)
          .set('Authorization', auth)
          .set('If-Match', current.headers.etag)
          .send({ name: `Anagrafe ${i}` })
          .expect(200);
      }
      await waitFor(() => receiver.received.length >= 20, 15_000, 'twenty deliveries');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.received).toHaveLength(20);
      expect(new Set(receiver.received.map((r) => r.headers['ritmo-delivery'])).size).toBe(20);
      expect(
        receiver.received.map((r) => (r.json.data as { team: { name: string } }).team.name),
      ).toEqual(Array.from({ length: 20 }, (_, i) => `Anagrafe ${i + 1}`));
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('an instance killed mid-delivery resumes from the cursor after a restart, under the same delivery id', async () => {
    const template = await startTestApp({ env: ENV });
    let ritmo: RitmoProcess | undefined;
    try {
      const team = await new Factory(template).team();
      const auth = `Bearer ${team.admin.token}`;
      const port = await freePort();
      const env = {
        ...ENV,
        DATABASE_URL: template.databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      };
      // Only the spawned process delivers: the in-process app's dispatcher is stopped first.
      await template.ritmo.app.get(WebhookDispatcher).onModuleDestroy();
      ritmo = spawnRitmo(env);
      const url = `http://127.0.0.1:${port}`;
      await waitForReady(url, 90_000);
      let hang = true;
      receiver.respond = () => (hang ? 'hang' : 200);
      await request(url)
        .post(`/api/v1/teams/${team.id}/webhooks`)
        .set('Authorization', auth)
        .send({ url: receiver.url, events: ['team.updated'] })
        .expect(201);
      for (let i = 1; i <= 3; i++) {
        const current = await request(url)
          .get(`/api/v1/teams/${team.id}`)
          .set('Authorization', auth)
          .expect(200);
        await request(url)
          .patch(`/api/v1/teams/${team.id}`)
          .set('Authorization', auth)
          .set('If-Match', current.headers.etag)
          .send({ name: `Tributi ${i}` })
          .expect(200);
      }
      await waitFor(() => receiver.received.length === 1, 10_000, 'the first delivery to arrive');
      ritmo.child.kill('SIGKILL');
      await ritmo.exited;
      hang = false;

      ritmo = spawnRitmo(env);
      await waitForReady(url, 90_000);
      await waitFor(
        () => receiver.succeeded().length >= 3,
        15_000,
        'every event after the restart',
      );
      const ok = receiver.succeeded();
      expect(ok.map((r) => (r.json.data as { team: { name: string } }).team.name)).toEqual([
        'Tributi 1',
        'Tributi 2',
        'Tributi 3',
      ]);
      expect(ok[0].headers['ritmo-delivery']).toBe(receiver.received[0].headers['ritmo-delivery']);
      const [{ event_seq: seq }] = await template.db.query<{ event_seq: string }[]>(
        'SELECT event_seq FROM teams WHERE id = $1',
        [team.id],
      );
      // The attempt is recorded just after the receiver answered: poll for the cursor.
      const cursorNow = async () =>
        (
          await template.db.query<{ cursor_seq: string }[]>(
            'SELECT cursor_seq FROM webhook_subscriptions',
          )
        )[0].cursor_seq;
      let cursor = await cursorNow();
      for (const started = Date.now(); cursor !== seq && Date.now() - started < 5_000;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        cursor = await cursorNow();
      }
      expect(cursor).toBe(seq);
    } finally {
      ritmo?.child.kill('SIGKILL');
      await ritmo?.exited;
      await template.close();
    }
  }, 240_000);
});
