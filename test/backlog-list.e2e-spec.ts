import { backlogApi, BACKLOG_TEST_ENV, fieldsOf, pluck } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('backlog list: rank order, cursor pagination, filters, search, totals', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let dev: TestUser;
  let labelId: string;
  let epicId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    dev = await f.member(team, 'developer');
    labelId = (
      await api.post(dev, `/teams/${team.id}/labels`, { name: 'Urgente', color: '#d73a4a' })
    ).body.id;
    const base = `/teams/${team.id}/backlog-items`;
    const create = async (title: string, fields: object = {}) => {
      const res = await api.post(dev, base, { title, ...fields }).expect(201);
      ids[title] = res.body.id;
      return res.body.id as string;
    };
    epicId = await create('Servizi scolastici digitali', { type: 'epic' });
    await create('Iscrizione al servizio mensa', {
      parentId: epicId,
      estimate: 5,
      labelIds: [labelId],
      assigneeId: dev.id,
      readyChecklist: [{ text: 'Regolamento approvato', done: true }],
    });
    await create('Pagamento rette scolastiche', { parentId: epicId, estimate: 3, status: 'done' });
    await create('Trasporto scolastico: richiesta', { type: 'bug', labelIds: [labelId] });
    await create('Certificati anagrafici online', {
      description: 'I cittadini scaricano i certificati',
      estimate: 8,
    });
    await create('Residence certificates', { type: 'task' });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (query: string) => api.get(dev, `/teams/${team.id}/backlog-items?${query}`);

  it('pages through everything in rank order with an opaque cursor', async () => {
    const seen: string[] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      expect(res.body.totalCount).toBe(6);
      expect(res.body.estimateSum).toBe(16);
      seen.push(...pluck(res.body.items, 'title'));
      cursor = res.body.nextCursor as string | null;
      if (cursor) cursors.push(cursor);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(cursors).toEqual([expect.stringMatching(/^[\w-]+$/), expect.stringMatching(/^[\w-]+$/)]);
    expect(seen).toEqual(await api.order(team));
    const all = await list('limit=200').expect(200);
    expect(all.body.nextCursor).toBeNull();
    const ranks = pluck(all.body.items, 'rank');
    expect([...ranks].sort()).toEqual(ranks);
  });

  it.each([
    ['type=bug', ['Trasporto scolastico: richiesta']],
    ['status=done', ['Pagamento rette scolastiche']],
    ['label=LABEL', ['Iscrizione al servizio mensa', 'Trasporto scolastico: richiesta']],
    ['assignee=ME', ['Iscrizione al servizio mensa']],
    ['epic=EPIC', ['Iscrizione al servizio mensa', 'Pagamento rette scolastiche']],
    ['ready=true', ['Iscrizione al servizio mensa']],
    [
      'estimated=true',
      [
        'Iscrizione al servizio mensa',
        'Pagamento rette scolastiche',
        'Certificati anagrafici online',
      ],
    ],
    ['estimated=false&type=story', []],
    ['sprint=unplanned&type=task', ['Residence certificates']],
    ['sprint=00000000-0000-4000-8000-000000000000', []],
  ])('filters: %s', async (query, titles) => {
    const res = await list(
      query.replace('LABEL', labelId).replace('ME', dev.id).replace('EPIC', epicId),
    ).expect(200);
    expect(pluck(res.body.items, 'title')).toEqual(titles);
    expect(res.body.totalCount).toBe(titles.length);
  });

  it('sums the estimates of the filtered set, not of the page', async () => {
    const res = await list('estimated=true&limit=1').expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body).toMatchObject({ totalCount: 3, estimateSum: 16 });
  });

  it('searches title and description with the team language (Italian stemming)', async () => {
    // "certificato" matches "certificati" / "certificates" only through the italian stemmer.
    const res = await list('q=certificato').expect(200);
    expect(pluck(res.body.items, 'title')).toEqual(['Certificati anagrafici online']);
    const byDescription = await list('q=cittadino').expect(200);
    expect(pluck(byDescription.body.items, 'title')).toEqual(['Certificati anagrafici online']);

    await t.db.query(`UPDATE teams SET locale = 'en' WHERE id = $1`, [team.id]);
    const english = await list('q=certificate').expect(200);
    expect(pluck(english.body.items, 'title')).toEqual(['Residence certificates']);
    await t.db.query(`UPDATE teams SET locale = 'it' WHERE id = $1`, [team.id]);
  });

  it('reports progress of epics in the list', async () => {
    const res = await list('type=epic').expect(200);
    expect(res.body.items[0].progress).toEqual({
      items: 2,
      itemsDone: 1,
      points: 8,
      pointsDone: 3,
    });
  });

  it('rejects an invalid cursor and bad filters naming the field', async () => {
    for (const [query, field] of [
      ['cursor=%21%21', 'cursor'],
      ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['type=feature', 'type'],
      ['ready=maybe', 'ready'],
      ['assignee=someone', 'assignee'],
      ['sprint=next', 'sprint'],
      ['colour=red', 'colour'],
    ]) {
      const res = await list(query).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res.body)).toContain(field);
    }
  });
});
