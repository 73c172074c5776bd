import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory } from './support/factories';
import { connectClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 20, item 12: a member removed from a team kept receiving its ceremony room's frames.
 * Losing the team now leaves every room joined through it, at once, even on a socket that
 * never subscribed to the team's log.
 */
describe('a removed member leaves the team ceremony rooms', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('gets no more ceremony.timer frames after removal, and is told why', async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    const api = backlogApi(t);
    const team = await f.team();
    const sm = await f.member(team, 'scrum_master');
    const anna = await f.member(team, 'developer');
    const daily = (
      await api
        .post(sm, `/teams/${team.id}/ceremonies`, {
          type: 'daily_scrum',
          startsAt: '2026-12-01T09:30:00+01:00',
          endsAt: '2026-12-01T09:45:00+01:00',
        })
        .expect(201)
    ).body as { id: string };
    const watcher = await connectClient(t.url, sm.token);
    const removed = await connectClient(t.url, anna.token);
    const frames = { watcher: [] as unknown[], removed: [] as unknown[], notices: [] as unknown[] };
    watcher.client.socket.on('ceremony.timer', (m: unknown) => frames.watcher.push(m));
    removed.client.socket.on('ceremony.timer', (m: unknown) => frames.removed.push(m));
    removed.client.socket.on('unsubscribed', (m: unknown) => frames.notices.push(m));
    for (const c of [watcher, removed])
      expect(
        await c.client.socket.emitWithAck('ceremony.join', { ceremonyId: daily.id }),
      ).toMatchObject({ ok: true });
    // Anna's socket never subscribed to the team: only the room ties it to the team.
    await api.delete(team.admin, `/teams/${team.id}/members/${anna.id}`).expect(204);
    await waitFor(() => frames.notices.length > 0, 5_000, 'the access_revoked notice');
    expect(frames.notices).toEqual([{ teamId: team.id, reason: 'access_revoked' }]);

    await api.post(sm, `/ceremonies/${daily.id}/start`, {}).expect(200);
    await waitFor(() => frames.watcher.length > 0, 5_000, "the watcher's timer frame");
    // The frame reached the room; give a late one time to arrive at the removed socket.
    await new Promise((r) => setTimeout(r, 300));
    expect(frames.removed).toEqual([]);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM team_members WHERE team_id = $1 AND user_id = $2`,
      [team.id, anna.id],
    );
    expect(n).toBe(0);
    watcher.client.close();
    removed.client.close();
  });
});
