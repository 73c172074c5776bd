import * as iconv from 'iconv-lite';
import request from 'supertest';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;

/** As Excel saves "CSV (separato dal separatore di elenco)" on an Italian Windows. */
function excelCsv(lines: string[]): Buffer {
  return iconv.encode(lines.join('\r\n') + '\r\n', 'win1252');
}

describe('spreadsheet import', () => {
  let t: TestApp;
  let f: Factory;
  let team: TestTeam;
  let sm: TestUser;
  let po: TestUser;
  let client: TestClient | undefined;
  let file: Buffer;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    po = await f.member(team, 'product_owner');
    file = excelCsv([
      'N.;Oggetto;Descrizione;Tipo;Stima;Etichette;Responsabile;Stato;Progetto;Scadenza',
      `1;Rimborso TARI 2025 – versamenti doppi;Verifica dei versamenti;Pratica;3;tributi;${po.email.toUpperCase()};Da fare;Sportello digitale;31/01/2027`,
      '2;Modulo iscrizione mensa: novità;"Nuovo modulo; online";Attività;5;scuola, modulistica;sconosciuto@comune.example;In corso;Sportello digitale;',
      '3;Certificato di residenza in PDF vuoto;;Bug;2;;;Fatto;;',
      '4;Stima fuori scala;;Pratica;4;;;;;',
      '5;;solo descrizione;;;;;;;',
    ]);
  });
  afterEach(() => client?.client.close());
  afterAll(async () => {
    await t.close();
  });

  const upload = (fields: Record<string, string>, content: Buffer, name = 'pratiche.csv') => {
    let req = request(t.url)
      .post(`/api/v1/teams/${team.id}/imports`)
      .set('Authorization', `Bearer ${sm.token}`);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    return req.attach('file', content, { filename: name, contentType: 'text/csv' });
  };

  const counts = async () => {
    const [row] = await t.db.query<{ items: number; events: number; labels: number }[]>(
      `SELECT (SELECT count(*)::int FROM backlog_items WHERE team_id = $1) AS items,
              (SELECT count(*)::int FROM events WHERE team_id = $1) AS events,
              (SELECT count(*)::int FROM labels WHERE team_id = $1) AS labels`,
      [team.id],
    );
    return row;
  };

  async function pollJob(
    id: string,
    teamId = team.id,
    token = po.token,
  ): Promise<Record<string, unknown>> {
    for (;;) {
      const res = await request(t.url)
        .get(`/api/v1/teams/${teamId}/imports/${id}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const job = res.body as Record<string, unknown>;
      if (job.state === 'completed' || job.state === 'failed') return job;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('dry run: reports what would be created, the faulty rows and the people, and writes nothing', async () => {
    const before = await counts();
    const res = await upload({ dryRun: 'true' }, file).set('Accept-Language', 'it').expect(200);
    expect(res.body).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      rows: 5,
      ignoredColumns: ['Scadenza'],
      create: {
        items: 4,
        byType: { epic: 1, story: 1, task: 1, bug: 1 },
        newLabels: ['tributi', 'scuola', 'modulistica'],
        alreadyImported: 0,
      },
      people: {
        matched: [{ email: po.email.toLowerCase(), userId: po.id }],
        unmatched: ['sconosciuto@comune.example'],
      },
    });
    expect(res.body.mapping).toContainEqual({ column: 'Oggetto', field: 'title' });
    expect(res.body.mapping).toContainEqual({ column: 'Progetto', field: 'epic' });
    expect(res.body.problems).toEqual([
      expect.objectContaining({ line: 5, column: 'Stima', code: 'estimate-off-scale' }),
      expect.objectContaining({
        line: 6,
        column: 'Oggetto',
        code: 'title-missing',
        message: 'manca il titolo',
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('real run: a background job imports in order through the backlog, with progress on the socket; a re-import creates nothing', async () => {
    client = await connectClient(t.url, po.token);
    await client.client.subscribe(team.id);
    const res = await upload({}, file).expect(202);
    expect(res.body).toMatchObject({ state: 'queued', total: 4, done: 0, source: 'spreadsheet' });
    const job = await pollJob(res.body.id);
    expect(job).toMatchObject({ state: 'completed', total: 4, done: 4, created: 4, errors: [] });
    await waitFor(
      () => client!.events.some((e) => e.type === 'import.completed'),
      10_000,
      'import.completed on the socket',
    );
    const types = client.events.map((e) => e.type);
    expect(types.filter((type) => type === 'backlog_item.created')).toHaveLength(4);
    expect(types.filter((type) => type === 'label.created')).toHaveLength(3);
    expect(types[0]).toBe('import.queued');
    expect(types[types.length - 1]).toBe('import.completed');

    const list = await request(t.url)
      .get(`/api/v1/teams/${team.id}/backlog-items?limit=50`)
      .set('Authorization', `Bearer ${po.token}`)
      .expect(200);
    const items = list.body.items as Record<string, unknown>[];
    expect(items.map((i) => [i.type, i.title, i.estimate, i.status])).toEqual([
      ['epic', 'Sportello digitale', null, 'todo'],
      ['story', 'Rimborso TARI 2025 – versamenti doppi', 3, 'todo'],
      ['task', 'Modulo iscrizione mensa: novità', 5, 'in_progress'],
      ['bug', 'Certificato di residenza in PDF vuoto', 2, 'done'],
    ]);
    expect(items[1]).toMatchObject({ parentId: items[0].id, assigneeId: po.id });
    expect(items[2]).toMatchObject({ parentId: items[0].id, assigneeId: null });
    expect(items[2].description).toBe('Nuovo modulo; online');
    expect((items[2].labelIds as string[]).length).toBe(2);
    const history = await request(t.url)
      .get(`/api/v1/backlog-items/${items[1].id as string}/history`)
      .set('Authorization', `Bearer ${po.token}`)
      .expect(200);
    expect(history.body[0]).toMatchObject({ source: { kind: 'import', id: res.body.id } });

    const before = await counts();
    const dry = await upload({ dryRun: 'true' }, file).expect(200);
    expect(dry.body.create).toMatchObject({ items: 0, alreadyImported: 3 });
    const again = await upload({}, file).expect(202);
    expect(await pollJob(again.body.id)).toMatchObject({ state: 'completed', created: 0 });
    const after = await counts();
    expect({ items: after.items, labels: after.labels }).toEqual({
      items: before.items,
      labels: before.labels,
    });
  });

  it('refuses bad input with a localized problem and writes nothing', async () => {
    const developer = await f.member(team, 'developer');
    const before = await counts();
    const broken = await upload({}, Buffer.from('Titolo;Stima\n"Pratica senza fine;3\n', 'utf8'))
      .set('Accept-Language', 'it')
      .expect(400);
    expect(broken.headers['content-type']).toMatch(PROBLEM);
    expect(broken.body).toMatchObject({ type: 'urn:ritmo:problem:import-malformed-csv' });
    expect(broken.body.detail).toContain('riga');

    const encoding = await upload({ encoding: 'ebcdic' }, file)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(encoding.body.errors).toEqual([
      { field: 'encoding', message: 'must be one of: auto, utf-8, windows-1252' },
    ]);

    const badUtf8 = await upload({ encoding: 'utf-8' }, file).expect(400);
    expect(badUtf8.body.type).toBe('urn:ritmo:problem:import-bad-encoding');

    const xlsx = await upload({}, Buffer.from('PK\x03\x04rest of a zip', 'latin1'), 'pratiche.xlsx')
      .set('Accept-Language', 'it')
      .expect(415);
    expect(xlsx.body.type).toBe('urn:ritmo:problem:import-unsupported-format');

    const noTitle = await upload({ mapping: '{"Oggetto":"ignore"}' }, file)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(noTitle.body.errors).toEqual([{ field: 'mapping', message: 'maps no column to title' }]);

    const elsewhere = await request(t.url)
      .post(`/api/v1/teams/${team.id}/backlog-items`)
      .set('Authorization', `Bearer ${sm.token}`)
      .attach('file', file, 'pratiche.csv')
      .expect(415);
    expect(elsewhere.headers['content-type']).toMatch(PROBLEM);

    await request(t.url)
      .post(`/api/v1/teams/${team.id}/imports`)
      .set('Authorization', `Bearer ${developer.token}`)
      .field('dryRun', 'true')
      .attach('file', file, 'pratiche.csv')
      .expect(403);
    expect(await counts()).toEqual(before);
  });

  it('reads a Jira Cloud CSV: repeated headers by position, either points field, parents, Rank order', async () => {
    const jiraTeam = await f.team();
    const po2 = await f.member(jiraTeam, 'product_owner');
    const jira = [
      'Summary,Issue key,Issue id,Issue Type,Status,Labels,Labels,Sprint,Sprint,Comment,Comment,Custom field (Story Points),Custom field (Story point estimate),Parent,Custom field (Rank),Description',
      'Archivio pratiche,TRIB-4,10004,Task,To Do,,,,,,,,,,,',
      'Pagamento TARI,TRIB-2,10002,Story,In Progress,tributi,urgente,Sprint 1,Sprint 2,"2026-11-02 09:00;mario;Primo commento",,5,,10001,0|i0000d:,"Con PagoPA, subito"',
      'Ricevuta vuota,TRIB-3,10003,Bug,Done,tributi,,Sprint 2,,,,,3,,0|i0000c:,',
      'Sportello digitale,TRIB-1,10001,Epic,To Do,,,,,,,,,,0|i0000b:,',
    ].join('\n');
    const send = (dryRun: boolean) =>
      request(t.url)
        .post(`/api/v1/teams/${jiraTeam.id}/imports`)
        .set('Authorization', `Bearer ${po2.token}`)
        .field('dryRun', String(dryRun))
        .attach('file', Buffer.from(jira), 'Jira.csv');
    const dry = await send(true).expect(200);
    expect(dry.body).toMatchObject({
      format: 'jira-csv',
      delimiter: ',',
      create: { items: 4, byType: { epic: 1, story: 1, bug: 1, task: 1 }, alreadyImported: 0 },
      problems: [],
    });
    expect(dry.body.ignoredColumns).toEqual(['Sprint', 'Comment']);
    const queued = await send(false).expect(202);
    expect(await pollJob(queued.body.id as string, jiraTeam.id, po2.token)).toMatchObject({
      created: 4,
    });
    const list = await request(t.url)
      .get(`/api/v1/teams/${jiraTeam.id}/backlog-items`)
      .set('Authorization', `Bearer ${po2.token}`)
      .expect(200);
    const items = list.body.items as Record<string, unknown>[];
    expect(items.map((i) => [i.type, i.title, i.estimate, i.status])).toEqual([
      ['epic', 'Sportello digitale', null, 'todo'],
      ['bug', 'Ricevuta vuota', 3, 'done'],
      ['story', 'Pagamento TARI', 5, 'in_progress'],
      ['task', 'Archivio pratiche', null, 'todo'],
    ]);
    expect(items[2]).toMatchObject({ parentId: items[0].id, description: 'Con PagoPA, subito' });
    expect((items[2].labelIds as string[]).length).toBe(2);
    const again = await send(true).expect(200);
    expect(again.body.create).toMatchObject({ items: 0, alreadyImported: 4 });
  });

  it('reads a Trello board: lists as statuses, cards in pos order, labels, checklists', async () => {
    const trelloTeam = await f.team();
    const po3 = await f.member(trelloTeam, 'product_owner');
    const board = {
      id: 'b1',
      name: 'Ufficio tecnico',
      lists: [
        { id: 'l2', name: 'Fatto', pos: 3000 },
        { id: 'l1', name: 'Da fare', pos: 1000 },
        { id: 'l9', name: 'Vecchia lista', pos: 500, closed: true },
      ],
      labels: [
        { id: 'g1', name: 'Urgente', color: 'red' },
        { id: 'g2', name: '', color: 'blue' },
      ],
      cards: [
        { id: 'c3', name: 'Permesso di costruire', desc: '', idList: 'l2', pos: 10, idLabels: [] },
        {
          id: 'c2',
          name: 'Verifica SCIA',
          desc: 'Entro 30 giorni',
          idList: 'l1',
          pos: 20,
          idLabels: ['g1', 'g2'],
        },
        { id: 'c1', name: 'Sopralluogo', desc: '', idList: 'l1', pos: 10, idLabels: [] },
        { id: 'c4', name: 'Archiviata', desc: '', idList: 'l1', pos: 5, closed: true },
        { id: 'c5', name: 'Nella lista chiusa', desc: '', idList: 'l9', pos: 1 },
      ],
      checklists: [
        {
          idCard: 'c2',
          name: 'Criteri',
          pos: 1,
          checkItems: [
            { name: 'Planimetria allegata', state: 'incomplete', pos: 2 },
            { name: 'Pagamento diritti', state: 'complete', pos: 1 },
          ],
        },
        {
          idCard: 'c2',
          name: 'Definition of Ready',
          pos: 2,
          checkItems: [{ name: 'Pratica protocollata', state: 'complete', pos: 1 }],
        },
      ],
      actions: [],
    };
    const send = (dryRun: boolean) =>
      request(t.url)
        .post(`/api/v1/teams/${trelloTeam.id}/imports`)
        .set('Authorization', `Bearer ${po3.token}`)
        .field('dryRun', String(dryRun))
        .attach('file', Buffer.from(JSON.stringify(board)), 'board.json');
    const dry = await send(true).expect(200);
    expect(dry.body).toMatchObject({
      format: 'trello-json',
      create: { items: 3, newLabels: ['Urgente', 'blue'] },
      problems: [],
    });
    const queued = await send(false).expect(202);
    expect(await pollJob(queued.body.id as string, trelloTeam.id, po3.token)).toMatchObject({
      created: 3,
    });
    const list = await request(t.url)
      .get(`/api/v1/teams/${trelloTeam.id}/backlog-items`)
      .set('Authorization', `Bearer ${po3.token}`)
      .expect(200);
    const items = list.body.items as Record<string, unknown>[];
    expect(items.map((i) => [i.title, i.status])).toEqual([
      ['Sopralluogo', 'todo'],
      ['Verifica SCIA', 'todo'],
      ['Permesso di costruire', 'done'],
    ]);
    expect(items[1]).toMatchObject({
      description: 'Entro 30 giorni',
      acceptanceCriteria: ['Pagamento diritti', 'Planimetria allegata'],
      readyChecklist: [{ text: 'Pratica protocollata', done: true }],
    });
    expect((await send(true).expect(200)).body.create).toMatchObject({
      items: 0,
      alreadyImported: 3,
    });
  });
});
