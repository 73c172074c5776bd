import { Factory } from './support/factories';
import {
  connectClient,
  presenceDeltas,
  presenceSeen,
  TestClient,
  waitFor,
} from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Presence as deltas across two instances: each counts its own sockets and tells the other its
 * list, so nobody asks every instance for every socket on every change (issue 27, item 2).
 */
describe('presence across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let f: Factory;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    a = await startTestApp({ env: { REDIS_URL } });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: { REDIS_URL } });
    f = new Factory(a);
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await b.close();
    await a.close();
  });

  async function subscribed(app: TestApp, token: string, teamId: string): Promise<TestClient> {
    const c = await connectClient(app.url, token);
    clients.push(c);
    expect(await c.client.subscribe(teamId)).toMatchObject({ ok: true });
    await waitFor(
      () => c.raw.some((frame) => (frame as unknown[])[0] === 'presence.changed'),
      5_000,
      'the snapshot',
    );
    return c;
  }

  it('sends a snapshot on subscribe, then people joining and leaving on either instance', async () => {
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    const sm = await f.member(team, 'scrum_master');
    const admin = await subscribed(a, team.admin.token, team.id);
    expect(presenceSeen(admin.raw, team.id)).toEqual([team.admin.id]);

    // A person on B: A's subscriber hears of it, B's snapshot holds A's people.
    const devOnB = await subscribed(b, dev.token, team.id);
    expect(presenceSeen(devOnB.raw, team.id)).toEqual([team.admin.id, dev.id].sort());
    await waitFor(() => presenceSeen(admin.raw, team.id).includes(dev.id), 5_000, 'dev on A');

    // The same person's second connection, on A: nobody joined.
    const devOnA = await subscribed(a, dev.token, team.id);
    const snapshot = devOnA.raw.find((frame) => (frame as unknown[])[0] === 'presence.changed');
    expect(snapshot).toEqual([
      'presence.changed',
      {
        teamId: team.id,
        members: expect.arrayContaining([
          expect.objectContaining({ userId: dev.id, connections: 2 }),
          expect.objectContaining({ userId: team.admin.id, connections: 1 }),
        ]),
      },
    ]);
    const smOnB = await subscribed(b, sm.token, team.id);
    await waitFor(() => presenceSeen(admin.raw, team.id).includes(sm.id), 5_000, 'sm on A');

    // The developer leaves B but stays on A: still present. Then leaves A too.
    devOnB.client.close();
    devOnA.client.close();
    await waitFor(() => !presenceSeen(admin.raw, team.id).includes(dev.id), 5_000, 'dev gone');
    await waitFor(() => !presenceSeen(smOnB.raw, team.id).includes(dev.id), 5_000, 'dev gone on B');
    expect(presenceDeltas(admin.raw, team.id)).toEqual([
      { joined: [dev.id], left: [] },
      { joined: [sm.id], left: [] },
      { joined: [], left: [dev.id] },
    ]);
    expect(presenceSeen(admin.raw, team.id)).toEqual([team.admin.id, sm.id].sort());
    expect(presenceSeen(smOnB.raw, team.id)).toEqual([team.admin.id, sm.id].sort());
  }, 30_000);

  it('announces each person of a burst once, in batched deltas', async () => {
    const team = await f.team();
    const admin = await subscribed(a, team.admin.token, team.id);
    const members = await Promise.all([1, 2, 3, 4, 5].map(() => f.member(team, 'developer')));
    await Promise.all(
      members.map(async (m) => {
        const c = await connectClient(a.url, m.token);
        clients.push(c);
        await c.client.subscribe(team.id);
      }),
    );
    await waitFor(() => presenceSeen(admin.raw, team.id).length === 6, 5_000, 'six present');
    expect(
      presenceDeltas(admin.raw, team.id)
        .flatMap((d) => d.joined)
        .sort(),
    ).toEqual(members.map((m) => m.id).sort());
  }, 30_000);
});
