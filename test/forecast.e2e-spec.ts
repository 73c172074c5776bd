import request from 'supertest';
import { Clock } from '../src/common/clock';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface Status {
  id: string;
  category: string;
}
interface Bucket {
  trials: number;
}
interface Percentile {
  confidence: number;
  date: string | null;
  workingDays: number | null;
  items: number | null;
}

/**
 * A Kanban office that finishes two pratiche every working day of January 2027 (none on the
 * 6th, Epiphany; one of Monday 11th's on the Saturday before). From Monday 1 February the
 * forecast is exact: 30 more take 15 working days, whatever the seed.
 */
describe('Monte Carlo forecast: GET /teams/{teamId}/forecast', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let dev: TestUser;
  let now = new Date('2027-01-04T08:00:00Z');
  const at = (date: string) => new Date(`${date}T10:00:00Z`);
  const forecast = (query: string, lang = 'it') =>
    request(t.url)
      .get(`/api/v1/teams/${team.id}/forecast?${query}`)
      .set(api.as(dev))
      .set('Accept-Language', lang);

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    jest.spyOn(t.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    team = await f.team({ process: 'kanban' });
    dev = await f.member(team, 'developer');
    const wf = (await api.get(dev, `/teams/${team.id}/workflow`).expect(200)).body as {
      statuses: Status[];
    };
    const done = (wf.statuses.find((s) => s.category === 'done') as Status).id;
    const finish = async (date: string, count: number) => {
      now = at(date);
      const items = await api.items(
        dev,
        team,
        Array.from({ length: count }, (_, i) => `P ${date} ${i}`),
      );
      for (const item of items)
        await api
          .post(dev, `/teams/${team.id}/board/moves`, { itemId: item.id, statusId: done })
          .expect(200);
    };
    const january = [4, 5, 7, 8, 12, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28, 29];
    for (const d of january) await finish(`2027-01-${String(d).padStart(2, '0')}`, 2);
    await finish('2027-01-09', 1); // a Saturday: counts on Monday 11th
    await finish('2027-01-11', 1);
    now = at('2027-02-01');
  });
  afterAll(() => t.close());

  it('answers "when will 30 be done" with percentiles, the distribution and a sentence', async () => {
    const before = await api.counts(team);
    const res = await forecast('items=30&weeks=4&seed=9').expect(200);
    expect(res.body).toMatchObject({
      teamId: team.id,
      question: 'when',
      status: 'ok',
      today: '2027-02-01',
      items: 30,
      trials: 10000,
      seed: 9,
      history: { from: '2027-01-04', to: '2027-01-31', workingDays: 19, finishedItems: 38 },
    });
    expect(res.body.history.throughput).toEqual(Array(19).fill(2));
    expect(res.body.percentiles).toEqual(
      [50, 85, 95].map((confidence) => ({
        confidence,
        date: '2027-02-22',
        workingDays: 15,
        items: null,
      })),
    );
    expect(res.body.distribution).toEqual([
      { value: 15, date: '2027-02-22', trials: 10000, cumulative: 1 },
    ]);
    expect(res.body.sentence).toBe(
      "Con l'85% di probabilità si completano 30 storie entro il 22 febbraio 2027.",
    );
    const en = await forecast('items=30&weeks=4', 'en').expect(200);
    expect(en.body.sentence).toBe(
      'With 85% probability, 30 stories will be done by 22 February 2027.',
    );
    expect(await api.counts(team)).toEqual(before); // a read writes nothing
  });

  it('answers "how many by 12 February": nine working days, eighteen items', async () => {
    const res = await forecast('date=2027-02-12&weeks=4').expect(200);
    expect(res.body.question).toBe('how_many');
    expect((res.body.percentiles as Percentile[]).map((p) => p.items)).toEqual([18, 18, 18]);
    expect(res.body.sentence).toBe(
      "Con l'85% di probabilità entro il 12 febbraio 2027 si completano almeno 18 storie.",
    );
  });

  it("forecasts an epic's open children, in the team's own words", async () => {
    const current = (await api.get(team.admin, `/teams/${team.id}`).expect(200)).body;
    await api
      .patch(
        team.admin,
        `/teams/${team.id}`,
        { vocabulary: { story: 'Pratica', stories: 'Pratiche' } },
        current.version,
      )
      .expect(200);
    const [epic] = await api.items(dev, team, ['Anagrafe online']);
    await api.patch(dev, `/backlog-items/${epic.id}`, { type: 'epic' }, epic.version).expect(200);
    for (const title of [
      'Certificati',
      'Cambio di residenza',
      'Carta d’identità',
      'Stato di famiglia',
    ])
      await api
        .post(dev, `/teams/${team.id}/backlog-items`, { type: 'story', title, parentId: epic.id })
        .expect(201);
    const res = await forecast(`epicId=${epic.id}&weeks=4`).expect(200);
    expect(res.body.items).toBe(4);
    expect(res.body.percentiles[1]).toMatchObject({ date: '2027-02-03', workingDays: 2 });
    expect(res.body.sentence).toMatch(
      /^Con l'85% di probabilità si completa il lavoro aperto di «Anagrafe online» \(4 pratiche\) entro il 3 febbraio 2027\.$/,
    );
  });

  it('is deterministic under a seed when the throughput varies', async () => {
    now = at('2027-01-04');
    const other = await f.team({ process: 'kanban' });
    const member = await f.member(other, 'developer');
    const wf = (await api.get(member, `/teams/${other.id}/workflow`).expect(200)).body as {
      statuses: Status[];
    };
    const done = (wf.statuses.find((s) => s.category === 'done') as Status).id;
    const pattern = [0, 3, 1, 0, 2, 5, 0, 1, 1, 4, 0, 2];
    const dates = ['04', '05', '07', '08', '11', '12', '13', '14', '15', '18', '19', '20'];
    for (const [i, count] of pattern.entries()) {
      now = at(`2027-01-${dates[i]}`);
      if (count === 0) continue;
      const items = await api.items(
        member,
        other,
        Array.from({ length: count }, (_, n) => `X${i}-${n}`),
      );
      for (const item of items)
        await api.post(member, `/teams/${other.id}/board/moves`, {
          itemId: item.id,
          statusId: done,
        });
    }
    now = at('2027-01-21');
    const ask = (seed: number) =>
      request(t.url)
        .get(`/api/v1/teams/${other.id}/forecast?items=50&weeks=3&seed=${seed}`)
        .set(api.as(member));
    const a = (await ask(5).expect(200)).body;
    const b = (await ask(5).expect(200)).body;
    expect(a.history.throughput).toEqual(pattern);
    expect(b.percentiles).toEqual(a.percentiles);
    expect(b.distribution).toEqual(a.distribution);
    const days = (a.percentiles as Percentile[]).map((p) => p.workingDays as number);
    expect(days[0]).toBeLessThanOrEqual(days[1]);
    expect(days[1]).toBeLessThanOrEqual(days[2]);
    // 19 items in 12 days: about 1.6 a day, so 50 take some 32 working days at the median.
    expect(days[0]).toBeGreaterThan(25);
    expect(days[0]).toBeLessThan(40);
    const total = (a.distribution as Bucket[]).reduce((sum, x) => sum + x.trials, 0);
    expect(total).toBe(10000);
    now = at('2027-02-01');
  });

  it('says how much history it still needs', async () => {
    const young = await f.team({ process: 'kanban' });
    const member = await f.member(young, 'developer');
    const res = await request(t.url)
      .get(`/api/v1/teams/${young.id}/forecast?items=10`)
      .set(api.as(member))
      .set('Accept-Language', 'it')
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'not_enough_data',
      percentiles: [],
      distribution: [],
      needed: { workingDays: 10, finishedItems: 5 },
      history: { workingDays: 0, finishedItems: 0 },
    });
    expect(res.body.sentence).toBe(
      'Dati insufficienti per una previsione: servono almeno 10 giorni lavorativi di storico e 5 completamenti; finora 0 giorni e 0 completamenti.',
    );
  });

  it('refuses unclear questions with a problem naming the field, in Italian', async () => {
    const none = await forecast('weeks=4').expect(400);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.body.errors).toEqual([
      { field: 'items', message: 'indicare uno solo tra items, epicId e date' },
    ]);
    const both = await forecast('items=3&date=2027-03-01').expect(400);
    expect(both.body.errors[0].field).toBe('items');
    const past = await forecast('date=2027-01-15').expect(400);
    expect(past.body.errors).toEqual([{ field: 'date', message: 'deve essere successiva a oggi' }]);
    await forecast('items=0').expect(400);
    await forecast('items=2.5').expect(400);
    await forecast('weeks=105&items=3').expect(400);
    await forecast('seed=-1&items=3').expect(400);
    const [story] = await api.items(dev, team, ['Non è un’epica']);
    const notEpic = await forecast(`epicId=${story.id}`).expect(404);
    expect(notEpic.body.detail).toMatch(/Epica/);
  });
});
