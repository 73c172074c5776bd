import request from 'supertest';
import { ImportWorker } from '../src/imports/import-worker';
import { adminQuery, uniqueDatabaseName, withDatabase } from './support/database';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A job outlives its server: queued by one process that stops (here: dies holding the job),
 * it is finished by the next start, each row once, in order. One database, two app instances.
 */
describe('spreadsheet import across a restart', () => {
  const base = process.env.DATABASE_URL as string;
  const name = uniqueDatabaseName('ritmo_import');
  const databaseUrl = withDatabase(base, name);
  let first: TestApp | undefined;
  let second: TestApp | undefined;

  beforeAll(async () => {
    await adminQuery(base, `CREATE DATABASE ${name} TEMPLATE ${process.env.RITMO_TEST_TEMPLATE}`);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('is taken up by the next start after its server died, and refuses a file over the cap', async () => {
    first = await startTestApp({ databaseUrl, env: { IMPORT_MAX_MB: '1' } });
    // This instance never gets to run the job: it "dies" with the job claimed.
    jest.spyOn(first.ritmo.app.get(ImportWorker), 'kick').mockImplementation(() => undefined);
    const f = new Factory(first);
    const team = await f.team();
    const sm = await f.member(team, 'scrum_master');
    const titles = Array.from(
      { length: 250 },
      (_, i) => `Pratica ${String(i + 1).padStart(3, '0')}`,
    );
    const csv = Buffer.from(
      ['Codice,Titolo,Stima', ...titles.map((t, i) => `P${i},${t},${(i % 3) + 1}`)].join('\n'),
    );
    const upload = (app: TestApp, content: Buffer) =>
      request(app.url)
        .post(`/api/v1/teams/${team.id}/imports`)
        .set('Authorization', `Bearer ${sm.token}`)
        .attach('file', content, 'pratiche.csv');

    const tooLarge = await upload(first, Buffer.alloc(1024 * 1024 + 1, 'a'))
      .set('Accept-Language', 'en')
      .expect(413);
    expect(tooLarge.body).toMatchObject({
      type: 'urn:ritmo:problem:import-file-too-large',
      detail: 'The file is larger than the 1 MB an import accepts',
    });

    const queued = await upload(first, csv).expect(202);
    expect(queued.body).toMatchObject({ state: 'queued', total: 250 });
    // A second import while one is pending: one job per team at a time.
    const busy = await upload(first, csv).expect(409);
    expect(busy.body.type).toBe('urn:ritmo:problem:import-in-progress');
    // The stand-in for a crash mid-job: held by a claim whose lease has run out.
    await first.db.query(
      `UPDATE imports SET state = 'running', claim_id = gen_random_uuid(),
              lease_until = now() - interval '1 second' WHERE id = $1`,
      [queued.body.id],
    );
    await first.close();
    first = undefined;

    second = await startTestApp({ databaseUrl });
    let job: Record<string, unknown> = {};
    while (job.state !== 'completed') {
      job = (
        await request(second.url)
          .get(`/api/v1/teams/${team.id}/imports/${queued.body.id as string}`)
          .set('Authorization', `Bearer ${sm.token}`)
          .expect(200)
      ).body as Record<string, unknown>;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(job).toMatchObject({ total: 250, done: 250, created: 250, errors: [] });
    const rows = await second.db.query<{ title: string; estimate: string }[]>(
      `SELECT title, estimate FROM backlog_items WHERE team_id = $1 ORDER BY rank`,
      [team.id],
    );
    expect(rows.map((row) => row.title)).toEqual(titles);
    expect(rows.map((row) => Number(row.estimate))).toEqual(titles.map((_, i) => (i % 3) + 1));
    const events = await second.db.query<{ type: string; n: number }[]>(
      `SELECT type, count(*)::int AS n FROM events WHERE team_id = $1 AND type LIKE 'import.%'
        GROUP BY type ORDER BY type`,
      [team.id],
    );
    expect(events).toEqual([
      { type: 'import.completed', n: 1 },
      { type: 'import.progressed', n: 2 },
      { type: 'import.queued', n: 1 },
    ]);
  });
});
