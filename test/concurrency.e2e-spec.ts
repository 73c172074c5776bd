import request from 'supertest';
import { Factory, TestTeam, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Proofs under contention, against the real database: no lost update (If-Match) and
 * idempotent creates (Idempotency-Key), with every request fired at once.
 */
describe('concurrency', () => {
  let t: TestApp;
  let team: TestTeam;
  let po: TestUser;
  let po2: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    const f = new Factory(t);
    team = await f.team();
    po = await f.member(team, 'product_owner');
    po2 = await f.member(team, 'product_owner');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const events = async (type: string): Promise<number> => {
    const rows: { n: string }[] = await t.db.query(
      `SELECT count(*) AS n FROM events WHERE team_id = $1 AND type = $2`,
      [team.id, type],
    );
    return Number(rows[0].n);
  };

  it('50 concurrent If-Match writers of one team: one 200, 49 × 412, one update event', async () => {
    const current = await request(t.url).get(`/api/v1/teams/${team.id}`).set(as(team.admin));
    const before = await events('team.updated');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(t.url)
          .patch(`/api/v1/teams/${team.id}`)
          .set(as(team.admin))
          .set('If-Match', current.headers.etag)
          .send({ name: `Ufficio Tributi ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = answers.find((a) => a.status === 200)!;
    for (const loser of answers.filter((a) => a.status === 412)) {
      expect(loser.body.type).toBe('urn:ritmo:problem:precondition-failed');
    }
    expect(winner.body.version).toBe(current.body.version + 1);
    expect(await events('team.updated')).toBe(before + 1);
    const after = await request(t.url).get(`/api/v1/teams/${team.id}`).set(as(team.admin));
    expect(after.body.name).toBe(winner.body.name);
  });

  describe('Idempotency-Key', () => {
    const items = async (title: string): Promise<number> => {
      const rows: { n: string }[] = await t.db.query(
        `SELECT count(*) AS n FROM backlog_items WHERE team_id = $1 AND title = $2`,
        [team.id, title],
      );
      return Number(rows[0].n);
    };
    const create = (key: string, body: object) =>
      request(t.url)
        .post(`/api/v1/teams/${team.id}/backlog-items`)
        .set(as(po))
        .set('Idempotency-Key', key)
        .send(body);

    it('8 parallel identical POSTs with one key: one row, one event, 8 identical answers', async () => {
      const before = await events('backlog_item.created');
      const body = { title: 'Rimborso TARI online', type: 'story' };
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => create('k-parallel', body)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
      expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
      expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
      expect(await items(body.title)).toBe(1);
      expect(await events('backlog_item.created')).toBe(before + 1);
    });

    it('a later replay returns the first response; another body with the key is a 422', async () => {
      const body = { title: 'Pagamento mensa scolastica', type: 'story' };
      const first = await create('k-replay', body).expect(201);
      const replay = await create('k-replay', { type: 'story', title: body.title }).expect(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      const reused = await create('k-replay', { ...body, title: 'Altro' }).expect(422);
      expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reused.body.type).toBe('urn:ritmo:problem:idempotency-key-reused');
      expect(await items(body.title)).toBe(1);
      expect(await items('Altro')).toBe(0);
    });

    it('keys belong to their user; a failed request releases its key; bad keys are 400', async () => {
      const body = { title: 'Anagrafe: cambio residenza', type: 'story' };
      await create('k-shared', body).expect(201);
      // The same key from another user is another key.
      const other = await request(t.url)
        .post(`/api/v1/teams/${team.id}/backlog-items`)
        .set(as(po2))
        .set('Idempotency-Key', 'k-shared')
        .send(body)
        .expect(201);
      expect(other.headers['idempotent-replayed']).toBeUndefined();
      expect(await items(body.title)).toBe(2);
      await create('k-failed', { title: '' }).expect(400);
      await create('k-failed', { title: 'Dopo un errore', type: 'story' }).expect(201);
      const bad = await create('chiave con spazi', body).expect(400);
      expect(bad.body.type).toBe('urn:ritmo:problem:invalid-idempotency-key');
    });

    it('stores neither the key nor the response in clear', async () => {
      const created = await request(t.url)
        .post('/api/v1/me/tokens')
        .set(as(po))
        .set('Idempotency-Key', 'k-token-secret')
        .send({ name: 'Integrazione protocollo', scopes: ['read'] })
        .expect(201);
      const replay = await request(t.url)
        .post('/api/v1/me/tokens')
        .set(as(po))
        .set('Idempotency-Key', 'k-token-secret')
        .send({ name: 'Integrazione protocollo', scopes: ['read'] })
        .expect(201);
      expect(replay.body).toEqual(created.body);
      const rows: { dump: string }[] = await t.db.query(
        `SELECT string_agg(encode(key_hash, 'escape') || encode(response_body, 'escape')
                || response_headers::text, ' ') AS dump FROM idempotency_keys`,
      );
      expect(rows[0].dump).not.toContain('k-token-secret');
      expect(rows[0].dump).not.toContain(created.body.token as string);
    });
  });
});
