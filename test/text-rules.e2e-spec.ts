import request from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory } from './support/factories';
import { connectClient } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

type Problem = { type: string; errors: { field: string; message: string }[] };

/**
 * Issue 20, items 5 and 9: a NUL in 43 of 52 text fields was a 500, lone surrogates in the
 * JSON-stored ones too, and a team name with CR/LF wrote extra lines into the iCalendar feed.
 * Each is now a 400 naming the field, in the reader's language, and nothing is written.
 */
describe('text no field may hold', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('refuses NUL, control characters and lone surrogates in bodies, queries and socket messages', async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    const api = backlogApi(t);
    const team = await f.team();
    const po = await f.member(team, 'product_owner');
    const seq = await api.lastSeq(team);
    const post = (body: object) =>
      request(t.url)
        .post(`/api/v1/teams/${team.id}/backlog-items`)
        .set('Authorization', `Bearer ${po.token}`)
        .set('Accept-Language', 'it')
        .send(body);

    const nul = await post({ title: 'Pratica', description: 'riga\u0000 due' }).expect(400);
    expect(nul.headers['content-type']).toMatch(/problem\+json/);
    expect((nul.body as Problem).errors).toEqual([
      { field: 'description', message: 'non può contenere caratteri di controllo' },
    ]);
    const half = await post({ title: 'Pratica \ud800' }).expect(400);
    expect((half.body as Problem).errors).toEqual([
      {
        field: 'title',
        message: 'non può contenere surrogati UTF-16 spaiati (testo non valido)',
      },
    ]);
    // In a query too, and in a key: keys of JSON-stored fields reach the database as text.
    const query = await request(t.url)
      .get(`/api/v1/teams/${team.id}/backlog-items`)
      .query({ q: 'a\u0000' })
      .set('Authorization', `Bearer ${po.token}`)
      .expect(400);
    expect((query.body as Problem).type).toBe('urn:ritmo:problem:validation-failed');
    const key = await post({ title: 'Pratica', ['x\u0000']: 1 }).expect(400);
    expect((key.body as Problem).errors[0]).toMatchObject({ field: '(key)' });
    expect(await api.lastSeq(team)).toBe(seq);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM backlog_items WHERE team_id = $1`,
      [team.id],
    );
    expect(n).toBe(0);

    // A description is many lines: line breaks and tabs stay allowed there.
    await post({ title: 'Pratica TARI', description: 'riga uno\r\n\triga due' }).expect(201);

    // The socket says the same, as an error acknowledgement, and keeps the connection.
    const c = await connectClient(t.url, po.token);
    const ack = await c.client.socket.emitWithAck('subscribe', { teamId: 'a\u0000' });
    expect(ack).toMatchObject({
      ok: false,
      error: {
        status: 400,
        errors: [{ field: 'teamId', message: 'must not hold control characters' }],
      },
    });
    expect(c.client.socket.connected).toBe(true);
    c.client.close();
  });

  it('keeps names and titles on one line, so no feed, subject or list gets extra lines', async () => {
    const f = new Factory(t);
    const api = backlogApi(t);
    const team = await f.team();
    const sm = await f.member(team, 'scrum_master');
    const before = await api.lastSeq(team);
    const renamed = await request(t.url)
      .patch(`/api/v1/teams/${team.id}`)
      .set('Authorization', `Bearer ${team.admin.token}`)
      .set('Accept-Language', 'it')
      .send({ name: 'Tributi\r\nX-WR-CALNAME:Truffa' })
      .expect(400);
    expect((renamed.body as Problem).errors).toEqual([
      { field: 'name', message: 'deve stare su una riga, senza a capo né tabulazioni' },
    ]);
    const sprint = await request(t.url)
      .post(`/api/v1/teams/${team.id}/sprints`)
      .set('Authorization', `Bearer ${sm.token}`)
      .set('Accept-Language', 'en')
      .send({ name: 'Ciclo\n1', startDate: '2026-03-02', endDate: '2026-03-13' })
      .expect(400);
    expect((sprint.body as Problem).errors).toEqual([
      { field: 'name', message: 'must be one line, without line breaks or tabs' },
    ]);
    expect(await api.lastSeq(team)).toBe(before);
    const [row] = await t.db.query<{ name: string }[]>(`SELECT name FROM teams WHERE id = $1`, [
      team.id,
    ]);
    expect(row.name).not.toContain('\n');
  });
});
