import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A poker session, a sprint review and a retrospective may say which calendar ceremony they
 * run in: only a ceremony of their own team, of a fitting type; anything else is a 400 naming
 * `ceremonyId` that writes nothing.
 */
describe('ceremony links of poker sessions, sprint reviews and retrospectives', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let sprintId: string;
  let itemId: string;
  const ceremonyOf: Record<string, string> = {};
  let foreignCeremony: string;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    await t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [sm.id]);
    const sprint = { name: 'Ciclo 1', startDate: '2026-03-02', endDate: '2026-03-13' };
    sprintId = (await api.post(sm, `/teams/${team.id}/sprints`, sprint).expect(201)).body.id;
    [itemId] = (await api.items(sm, team, ['Rimborso IMU'])).map((i: { id: string }) => i.id);
    const rows = await t.db.query<{ id: string; type: string }[]>(
      `SELECT id, type FROM ceremonies WHERE team_id = $1`,
      [team.id],
    );
    for (const row of rows) ceremonyOf[row.type] = row.id;
    const other = await f.team();
    const otherSm = await f.member(other, 'scrum_master');
    await api.post(otherSm, `/teams/${other.id}/sprints`, sprint).expect(201);
    const [foreign] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM ceremonies WHERE team_id = $1 AND type = 'sprint_retrospective'`,
      [other.id],
    );
    foreignCeremony = foreign.id;
  });
  afterAll(() => t.close());

  const creates = {
    poker: (ceremonyId: string) =>
      api.post(sm, `/teams/${team.id}/poker-sessions`, {
        deck: 'fibonacci',
        itemIds: [itemId],
        ceremonyId,
      }),
    review: (ceremonyId: string) =>
      api.post(sm, `/teams/${team.id}/sprint-reviews`, { sprintId, ceremonyId }),
    retro: (ceremonyId: string) =>
      api.post(sm, `/teams/${team.id}/retrospectives`, { sprintId, ceremonyId }),
  };
  const fitting = {
    poker: 'sprint_planning',
    review: 'sprint_review',
    retro: 'sprint_retrospective',
  };
  const tables = { poker: 'poker_sessions', review: 'sprint_reviews', retro: 'retrospectives' };

  it.each(Object.keys(creates) as (keyof typeof creates)[])(
    '%s: another team’s ceremony or an unfitting one is a 400 naming ceremonyId; the team’s own fits',
    async (kind) => {
      const count = async () =>
        (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${tables[kind]}`))[0].n;
      const events = async () =>
        (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM events`))[0].n;
      const before = [await count(), await events()];
      for (const wrong of [foreignCeremony, ceremonyOf.daily_scrum]) {
        const res = await creates[kind](wrong).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(fieldsOf(res.body)).toEqual(['ceremonyId']);
      }
      expect([await count(), await events()]).toEqual(before);
      const ok = await creates[kind](ceremonyOf[fitting[kind]]).expect(201);
      expect(ok.body.ceremonyId).toBe(ceremonyOf[fitting[kind]]);
    },
  );
});
