import request from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('operations without a body refuse one with fields', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('answers 400 naming the body, writes nothing; {} and no body still work', async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    const api = backlogApi(t);
    const team = await f.team();
    const sm = await f.member(team, 'scrum_master');
    const sprint = (
      await api
        .post(sm, `/teams/${team.id}/sprints`, {
          name: 'Ciclo 1',
          startDate: '2026-03-02',
          endDate: '2026-03-13',
        })
        .expect(201)
    ).body as { id: string };
    const seq = await api.lastSeq(team);
    // Found by the fuzzer on POST /poker-sessions/{id}/skip: an unknown field answered 200.
    const refused = await request(t.url)
      .post(`/api/v1/sprints/${sprint.id}/start`)
      .set('Authorization', `Bearer ${sm.token}`)
      .set('Accept-Language', 'it')
      .send({ force: true })
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect((refused.body as { errors: { field: string; message: string }[] }).errors).toEqual([
      { field: 'body', message: 'questa operazione non prevede un corpo della richiesta' },
    ]);
    expect(await api.lastSeq(team)).toBe(seq);
    const [row] = await t.db.query<{ state: string }[]>(`SELECT state FROM sprints WHERE id = $1`, [
      sprint.id,
    ]);
    expect(row.state).toBe('planned');
    await api.post(sm, `/sprints/${sprint.id}/start`, {}).expect(200);
  });
});
