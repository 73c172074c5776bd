import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/** Italian and English throughout: problems, defaults, charts; and a team's own words. */
describe('i18n: language of server texts and per-team vocabulary', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let client: TestClient | undefined;

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
  });
  afterEach(() => client?.client.close());
  afterAll(() => t.close());

  const get = (user: TestUser, path: string, lang?: string) => {
    const req = api.get(user, path);
    return lang ? req.set('Accept-Language', lang) : req;
  };
  const svg = async (user: TestUser, path: string, lang: string) => {
    const res = await get(user, path, lang).expect(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    return Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
  };

  it('answers the same problem in Italian and English by Accept-Language; the type stays', async () => {
    const path = `/teams/${randomUUID()}`;
    const it = await get(sm, path, 'it-IT,it;q=0.9,en;q=0.8').expect(404);
    const en = await get(sm, path, 'en-GB,en;q=0.9').expect(404);
    expect(it.body.type).toBe('urn:ritmo:problem:not-found');
    expect(en.body.type).toBe(it.body.type);
    expect(it.body).toMatchObject({ title: 'Non trovato', resource: 'Team' });
    expect(it.body.detail).toMatch(/^Risorsa non trovata: Squadra [0-9a-f-]{36}$/);
    expect(en.body).toMatchObject({ title: 'Not found', resource: 'Team' });
    expect(en.body.detail).toMatch(/^Team [0-9a-f-]{36} not found$/);
    expect(it.headers['content-language']).toBe('it');
    expect(en.headers['content-language']).toBe('en');
    // No header, no preference, no team in context: Italian, the pilot's language.
    expect((await api.get(sm, path).expect(404)).body.title).toBe('Non trovato');
  });

  it('says field errors of class-validator and of services in the reader language', async () => {
    const bad = { name: '', process: 'waterfall', colour: 'red' };
    const post = (lang: string) =>
      request(t.url)
        .post(`/api/v1/workspaces/${team.workspaceId}/teams`)
        .set(api.as(team.admin))
        .set('Accept-Language', lang)
        .send(bad)
        .expect(400);
    const it = (await post('it')).body;
    const en = (await post('en')).body;
    expect(it.title).toBe('Richiesta non valida');
    expect(en.title).toBe('Bad request');
    expect(it.errors).toEqual(
      expect.arrayContaining([
        { field: 'colour', message: 'non è un campo previsto' },
        { field: 'name', message: 'non può essere vuoto' },
        { field: 'process', message: 'deve essere uno di: scrum, kanban' },
      ]),
    );
    expect(en.errors).toEqual(
      expect.arrayContaining([
        { field: 'colour', message: 'is not a known field' },
        { field: 'process', message: 'must be one of: scrum, kanban' },
      ]),
    );
    expect(it.detail).toMatch(/^3 campi non sono validi: /);
    expect(en.detail).toMatch(/^3 fields are invalid: /);
    const sprint = await api
      .post(sm, `/teams/${team.id}/sprints`, {
        name: 'Ciclo',
        startDate: '2026-03-10',
        endDate: '2026-03-02',
      })
      .set('Accept-Language', 'it')
      .expect(400);
    expect(sprint.body.errors).toEqual([{ field: 'endDate', message: 'è precedente a startDate' }]);
  });

  it('falls back from the header to the user preference, then to the team locale', async () => {
    const path = `/sprints/${randomUUID()}`;
    const english = await f.team();
    await request(t.url)
      .patch(`/api/v1/teams/${english.id}`)
      .set(api.as(english.admin))
      .set('If-Match', '"1"')
      .send({ locale: 'en' })
      .expect(200);
    const member = await f.member(english, 'developer');
    // A team in context (its id in the path) and no preference: the team speaks English.
    const teamPath = `/teams/${english.id}/webhooks`;
    expect((await get(member, teamPath).expect(403)).body.title).toBe('Forbidden');
    expect((await get(member, teamPath, 'it').expect(403)).body.title).toBe(
      'Operazione non consentita',
    );
    // The user's preference wins over the team.
    await api.patch(member, '/me', { locale: 'it' }).expect(200);
    expect((await get(member, teamPath).expect(403)).body.title).toBe('Operazione non consentita');
    await api.patch(sm, '/me', { locale: 'en' }).expect(200);
    expect((await get(sm, path).expect(404)).body.title).toBe('Not found');
    await api.patch(sm, '/me', { locale: 'it' }).expect(200);
  });

  it('names default columns in the language the team was created in', async () => {
    const create = async (lang: string) => {
      const res = await request(t.url)
        .post(`/api/v1/workspaces/${team.workspaceId}/teams`)
        .set(api.as(team.admin))
        .set('Accept-Language', lang)
        .send({ name: `Ufficio ${lang}` })
        .expect(201);
      expect(res.body.locale).toBe(lang);
      const wf = await request(t.url)
        .get(`/api/v1/teams/${res.body.id}/workflow`)
        .set(api.as(team.admin))
        .expect(200);
      return (wf.body.statuses as { name: string }[]).map((s) => s.name);
    };
    expect(await create('it')).toEqual(['Da fare', 'In corso', 'In revisione', 'Fatto']);
    expect(await create('en')).toEqual(['To Do', 'In Progress', 'Review', 'Done']);
  });

  it('labels SVG charts in the reader language, with locale dates and numbers', async () => {
    const [a] = await api.items(sm, team, ['Calcolatore IMU']);
    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Primo',
          startDate: '2026-12-01',
          endDate: '2026-12-11',
        })
        .expect(201)
    ).body;
    await api.post(sm, `/sprints/${sprint.id}/items`, { ids: [a.id] }).expect(200);
    await api.post(sm, `/sprints/${sprint.id}/start`, {}).expect(200);
    const it = await svg(sm, `/sprints/${sprint.id}/burndown.svg`, 'it');
    const en = await svg(sm, `/sprints/${sprint.id}/burndown.svg`, 'en');
    expect(it).toContain('<title id="chart-title">Burndown — Sprint «Primo»</title>');
    expect(it).toContain('>Rimanente<');
    expect(it).toContain('>Punti storia<');
    expect(it).toContain('>1 dic<');
    expect(en).toContain('<title id="chart-title">Burndown — Sprint “Primo”</title>');
    expect(en).toContain('>Remaining<');
    expect(en).toContain('>Story points<');
    expect(en).toContain('>1 Dec<');
    const velocity = await svg(sm, `/teams/${team.id}/velocity.svg`, 'en');
    expect(velocity).toContain('<title id="chart-title">Velocity</title>');
  });

  it('documents the vocabulary in the OpenAPI document, term by term', async () => {
    const doc = (await request(t.url).get('/api/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const { VocabularyPatchDto, VocabularyDto, UpdateTeamDto, TeamDto } = doc.components.schemas;
    expect(Object.keys(VocabularyPatchDto.properties ?? {})).toEqual(
      expect.arrayContaining(['sprint', 'story', 'storyPoints', 'retrospective']),
    );
    expect(Object.keys(VocabularyDto.properties ?? {})).toContain('sprint');
    expect(UpdateTeamDto.properties).toHaveProperty('vocabulary');
    expect(TeamDto.properties).toHaveProperty('vocabulary');
  });

  it('renames Scrum terms per team: validated, stored, announced, used in charts', async () => {
    client = await connectClient(t.url, sm.token);
    await client.client.subscribe(team.id);
    const current = (await api.get(sm, `/teams/${team.id}`).expect(200)).body;
    expect(current.vocabulary).toEqual({});

    for (const vocabulary of [
      { iteration: 'Giro' },
      { sprint: '' },
      { sprint: 'x'.repeat(41) },
      { sprint: 'Ciclo\u0007' },
      { sprint: 3 },
      'Ciclo',
    ]) {
      const res = await api
        .patch(sm, `/teams/${team.id}`, { vocabulary }, current.version)
        .set('Accept-Language', 'en')
        .expect(400);
      expect(res.body.type).toBe('urn:ritmo:problem:validation-failed');
    }
    expect((await api.get(sm, `/teams/${team.id}`).expect(200)).body.version).toBe(current.version);

    const renamed = await api
      .patch(
        sm,
        `/teams/${team.id}`,
        { vocabulary: { sprint: ' Ciclo di lavoro ', story: 'Pratica', storyPoints: 'Punti' } },
        current.version,
      )
      .expect(200);
    expect(renamed.body.vocabulary).toEqual({
      sprint: 'Ciclo di lavoro',
      story: 'Pratica',
      storyPoints: 'Punti',
    });
    const [row] = await t.db.query(`SELECT vocabulary FROM teams WHERE id = $1`, [team.id]);
    expect(row.vocabulary).toEqual(renamed.body.vocabulary);
    await waitFor(() => client!.events.some((e) => e.type === 'team.updated'));
    const event = client.events.find((e) => e.type === 'team.updated')!;
    expect(event.data).toMatchObject({
      changes: ['vocabulary'],
      team: { vocabulary: renamed.body.vocabulary },
    });

    const [sprint] = (await api.get(sm, `/teams/${team.id}/sprints`).expect(200)).body;
    const it = await svg(sm, `/sprints/${sprint.id}/burndown.svg`, 'it');
    expect(it).toContain(
      `<title id="chart-title">Burndown — Ciclo di lavoro «${sprint.name}»</title>`,
    );
    expect(it).toContain('>Punti<');
    const en = await svg(sm, `/sprints/${sprint.id}/burndown.svg`, 'en');
    expect(en).toContain(
      `<title id="chart-title">Burndown — Ciclo di lavoro “${sprint.name}”</title>`,
    );

    // null gives a term back its default; the other renamed terms stay.
    const reset = await api
      .patch(sm, `/teams/${team.id}`, { vocabulary: { storyPoints: null } }, renamed.body.version)
      .expect(200);
    expect(reset.body.vocabulary).toEqual({ sprint: 'Ciclo di lavoro', story: 'Pratica' });
    const after = await svg(sm, `/sprints/${sprint.id}/burndown.svg`, 'it');
    expect(after).toContain('>Punti storia<');
  });
});
