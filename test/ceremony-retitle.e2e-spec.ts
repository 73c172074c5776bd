import { Clock } from '../src/common/clock';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

interface Ceremony {
  id: string;
  type: string;
  title: string;
  version: number;
}

/**
 * Generated titles follow the words they were made of: the team's vocabulary, its language and
 * the sprint's name. A title written by hand stays.
 */
describe('ceremony titles follow vocabulary, language and sprint name', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let socket: TestClient;
  const now = new Date('2027-01-04T09:00:00Z');

  const titles = async (sprintId: string) =>
    Object.fromEntries(
      (
        (await api.get(sm, `/teams/${team.id}/ceremonies?sprintId=${sprintId}`).expect(200))
          .body as Ceremony[]
      ).map((c) => [c.type, c.title]),
    );

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    jest.spyOn(t.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    socket = await connectClient(t.url, sm.token);
    await socket.client.subscribe(team.id);
  });
  afterAll(async () => {
    socket.client.socket.disconnect();
    await t.close();
  });

  it('re-titles what was generated, with its events, and leaves a hand-written title', async () => {
    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo 1',
          startDate: '2027-01-11',
          endDate: '2027-01-22',
        })
        .expect(201)
    ).body as { id: string; version: number };
    expect(await titles(sprint.id)).toEqual({
      sprint_planning: 'Pianificazione dello sprint — Ciclo 1',
      daily_scrum: 'Daily Scrum — Ciclo 1',
      sprint_review: 'Revisione dello sprint — Ciclo 1',
      sprint_retrospective: 'Retrospettiva dello sprint — Ciclo 1',
      backlog_refinement: 'Affinamento del backlog — Ciclo 1',
    });
    const list = (await api.get(sm, `/teams/${team.id}/ceremonies?sprintId=${sprint.id}`))
      .body as Ceremony[];
    const review = list.find((c) => c.type === 'sprint_review')!;
    await api
      .patch(sm, `/ceremonies/${review.id}`, { title: 'Revisione con la giunta' }, review.version)
      .expect(200);

    const seq = await api.lastSeq(team);
    const current = (await api.get(sm, `/teams/${team.id}`).expect(200)).body as {
      version: number;
    };
    const renamed = (
      await api
        .patch(
          sm,
          `/teams/${team.id}`,
          { vocabulary: { dailyScrum: 'Punto del mattino', sprintPlanning: 'Programmazione' } },
          current.version,
        )
        .expect(200)
    ).body as { version: number };
    expect(await titles(sprint.id)).toEqual({
      sprint_planning: 'Programmazione — Ciclo 1',
      daily_scrum: 'Punto del mattino — Ciclo 1',
      sprint_review: 'Revisione con la giunta',
      sprint_retrospective: 'Retrospettiva dello sprint — Ciclo 1',
      backlog_refinement: 'Affinamento del backlog — Ciclo 1',
    });
    // One team.updated, then one ceremony.updated per re-titled ceremony, in its transaction.
    const logged = await t.db.query<{ type: string; data: { changes?: string[] } }[]>(
      `SELECT type, data FROM events WHERE team_id = $1 AND seq > $2 ORDER BY seq`,
      [team.id, seq],
    );
    expect(logged.map((e) => e.type)).toEqual([
      'team.updated',
      'ceremony.updated',
      'ceremony.updated',
    ]);
    expect(logged[1].data.changes).toEqual(['title']);
    await waitFor(
      () => socket.events.filter((e) => e.type === 'ceremony.updated' && e.seq > seq).length === 2,
    );
    const rows = await t.db.query<{ title: string }[]>(
      `SELECT title FROM ceremonies WHERE team_id = $1 AND type = 'daily_scrum'`,
      [team.id],
    );
    expect(rows).toEqual([{ title: 'Punto del mattino — Ciclo 1' }]);

    // The sprint's new name, then the team's new language.
    await api.patch(sm, `/sprints/${sprint.id}`, { name: 'Ciclo di gennaio' }, sprint.version);
    expect(await titles(sprint.id)).toMatchObject({
      sprint_planning: 'Programmazione — Ciclo di gennaio',
      daily_scrum: 'Punto del mattino — Ciclo di gennaio',
      sprint_review: 'Revisione con la giunta',
    });
    await api
      .patch(
        sm,
        `/teams/${team.id}`,
        { locale: 'en', vocabulary: { dailyScrum: null, sprintPlanning: null } },
        renamed.version,
      )
      .expect(200);
    expect(await titles(sprint.id)).toEqual({
      sprint_planning: 'Sprint Planning — Ciclo di gennaio',
      daily_scrum: 'Daily Scrum — Ciclo di gennaio',
      sprint_review: 'Revisione con la giunta',
      sprint_retrospective: 'Sprint Retrospective — Ciclo di gennaio',
      backlog_refinement: 'Backlog Refinement — Ciclo di gennaio',
    });
  });
});
