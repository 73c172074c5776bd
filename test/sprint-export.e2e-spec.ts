import { JSDOM } from 'jsdom';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 9));
const HOSTILE = '<script>alert("x")</script> Avviso';

describe('sprint report page (report.html) for a public office', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let now = day(0);
  let team: TestTeam;
  let sm: TestUser;
  let sprintId: string;

  const page = async (user: TestUser, lang = 'it', status = 200) => {
    const res = await request(t.url)
      .get(`/api/v1/sprints/${sprintId}/report.html`)
      .set('Authorization', `Bearer ${user.token}`)
      .set('Accept-Language', lang)
      .expect(status);
    return res;
  };
  // jsdom's CSS parser throws on `@page` (browsers do not): the test reads the structure only.
  const dom = (html: string): Document => {
    const doc = new JSDOM(html.replace(/<style>[\s\S]*?<\/style>/, '')).window.document;
    if (!doc) throw new Error('jsdom made no document');
    return doc;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    jest.spyOn(t.ritmo.app.get(Clock), 'now').mockImplementation(() => now);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    const po = await f.member(team, 'product_owner');
    const [a, b, c] = await api.items(sm, team, ['Pagamento TARI online', HOSTILE, 'Certificati']);
    for (const [item, pts] of [
      [a, 3],
      [b, 5],
      [c, 2],
    ] as const) {
      const got = await api.get(sm, `/backlog-items/${item.id}`).expect(200);
      await api.patch(sm, `/backlog-items/${item.id}`, { estimate: pts }, got.body.version);
    }
    const wf = await api.get(sm, `/teams/${team.id}/workflow`).expect(200);
    const done = wf.body.statuses[3].id as string;
    sprintId = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo 1',
          goal: 'TARI online per i cittadini',
          startDate: '2026-03-02',
          endDate: '2026-03-13',
        })
        .expect(201)
    ).body.id;
    await api.post(sm, `/sprints/${sprintId}/items`, { ids: [a.id, b.id, c.id] }).expect(200);
    now = new Date(Date.UTC(2026, 2, 2, 8));
    await api.post(sm, `/sprints/${sprintId}/start`, {}).expect(200);
    now = day(3);
    await api
      .post(sm, `/teams/${team.id}/board/moves`, { itemId: a.id, statusId: done })
      .expect(200);
    await api
      .post(sm, `/teams/${team.id}/board/moves`, { itemId: b.id, statusId: done })
      .expect(200);
    now = day(9);
    const review = await api.post(sm, `/teams/${team.id}/sprint-reviews`, { sprintId }).expect(201);
    await api
      .put(po, `/sprint-reviews/${review.body.id}/items/${a.id}`, {
        decision: 'accepted',
        note: 'Va bene per la giunta',
      })
      .expect(200);
    await api
      .post(po, `/sprint-reviews/${review.body.id}/feedback`, {
        text: 'Serve anche la ricevuta in PDF',
      })
      .expect(201);
    now = day(10);
    await api.post(sm, `/sprints/${sprintId}/complete`, { carryOverTo: 'top' }).expect(200);
  });
  afterAll(() => t.close());

  it('holds the goal, the numbers of the frozen report, the items, the burndown and the review', async () => {
    const res = await page(sm);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const report = (await api.get(sm, `/sprints/${sprintId}/report`).expect(200)).body;
    const doc = dom(res.text);
    expect(doc.documentElement.lang).toBe('it');
    expect(doc.querySelector('h1')?.textContent).toBe('Rapporto — Sprint «Ciclo 1»');
    expect(doc.body.textContent).toContain('TARI online per i cittadini');
    const summary = [...doc.querySelectorAll('section')[1].querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(summary).toEqual([
      ["Impegno all'avvio", String(report.committed.items), String(report.committed.points)],
      ['Completato', String(report.completed.items), String(report.completed.points)],
      ['Ambito finale', String(report.finalScope.items), String(report.finalScope.points)],
    ]);
    expect(report.completed).toEqual({ items: 2, points: 8 });
    const tables = (heading: string) => {
      const section = [...doc.querySelectorAll('section')].find(
        (s) => s.querySelector('h2')?.textContent === heading,
      );
      return [...(section?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
        [...tr.children].map((c) => c.textContent),
      );
    };
    expect(tables('Completati')).toEqual([
      ['Pagamento TARI online', '3'],
      [HOSTILE, '5'],
    ]);
    expect(tables('Rimandati')).toEqual([['Certificati', '2']]);
    expect(tables('Revisione dello sprint')).toEqual([
      ['Pagamento TARI online', 'accettato', 'Va bene per la giunta'],
    ]);
    expect(doc.body.textContent).toContain('Serve anche la ricevuta in PDF');
    expect(doc.body.textContent).toContain('Nessuna retrospettiva registrata');
    const svg = doc.querySelector('figure svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.querySelector('title')?.textContent).toBe('Burndown — Sprint «Ciclo 1»');
    // Text never becomes markup: no script anywhere, the hostile title is text.
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(res.text).toContain('&lt;script&gt;');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('speaks English to an English reader, and is readable by every role of the team only', async () => {
    const en = dom((await page(sm, 'en')).text);
    expect(en.documentElement.lang).toBe('en');
    expect(en.querySelector('h1')?.textContent).toBe('Sprint report — “Ciclo 1”');
    expect(en.body.textContent).toContain('Committed at start');
    const stakeholder = await f.member(team, 'stakeholder');
    expect((await page(stakeholder)).text).toContain('Pagamento TARI online');
    const stranger = await f.member(await f.team(), 'scrum_master');
    const refused = await page(stranger, 'it', 404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.text).not.toContain('Ciclo 1');
  });
});
