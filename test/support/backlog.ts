import request from 'supertest';
import { TestApp } from './test-app';
import { TestTeam, TestUser } from './factories';

export interface ItemBody {
  id: string;
  title: string;
  rank: string;
  version: number;
  type: string;
}

/** Ids (or another field) of a list of item bodies. */
export function pluck<K extends keyof ItemBody>(items: unknown, key: K): ItemBody[K][] {
  return (items as ItemBody[]).map((item) => item[key]);
}

/** The fields named by a validation problem. */
export function fieldsOf(body: unknown): string[] {
  return ((body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
}

/** Helpers for the backlog e2e files: authorised requests, row and event counts. */
export function backlogApi(t: TestApp) {
  const as = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  return {
    as,
    get: (user: TestUser, path: string) => request(t.url).get(`/api/v1${path}`).set(as(user)),
    post: (user: TestUser, path: string, body: unknown) =>
      request(t.url)
        .post(`/api/v1${path}`)
        .set(as(user))
        .send(body as object),
    put: (user: TestUser, path: string, body: unknown) =>
      request(t.url)
        .put(`/api/v1${path}`)
        .set(as(user))
        .send(body as object),
    patch: (user: TestUser, path: string, body: unknown, ifMatch?: string | number) => {
      const req = request(t.url).patch(`/api/v1${path}`).set(as(user));
      if (ifMatch !== undefined)
        void req.set('If-Match', typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch);
      return req.send(body as object);
    },
    delete: (user: TestUser, path: string, ifMatch?: number) => {
      const req = request(t.url).delete(`/api/v1${path}`).set(as(user));
      if (ifMatch !== undefined) void req.set('If-Match', `"${ifMatch}"`);
      return req;
    },
    /** Creates items through the API; returns their bodies. */
    async items(user: TestUser, team: TestTeam, titles: string[]) {
      const res = await request(t.url)
        .post(`/api/v1/teams/${team.id}/backlog-items/bulk`)
        .set(as(user))
        .send({ text: titles.join('\n') })
        .expect(201);
      return res.body.items as ItemBody[];
    },
    /** Titles of the team's items in rank order, straight from the database. */
    async order(team: TestTeam): Promise<string[]> {
      const rows: { title: string }[] = await t.db.query(
        `SELECT title FROM backlog_items WHERE team_id = $1 AND archived_at IS NULL ORDER BY rank`,
        [team.id],
      );
      return rows.map((row) => row.title);
    },
    async counts(team: TestTeam): Promise<{ items: number; labels: number; events: number }> {
      const [row]: { items: number; labels: number; events: number }[] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM backlog_items WHERE team_id = $1) AS items,
                (SELECT count(*)::int FROM labels WHERE team_id = $1) AS labels,
                (SELECT count(*)::int FROM events WHERE team_id = $1) AS events`,
        [team.id],
      );
      return row;
    },
    async events(team: TestTeam, afterSeq = 0) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON payloads
      const rows: { seq: string; type: string; actor_id: string; data: Record<string, any> }[] =
        await t.db.query(
          `SELECT seq, type, actor_id, data FROM events WHERE team_id = $1 AND seq > $2 ORDER BY seq`,
          [team.id, afterSeq],
        );
      return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
    },
    async lastSeq(team: TestTeam): Promise<number> {
      const [row]: { seq: string }[] = await t.db.query(
        `SELECT event_seq AS seq FROM teams WHERE id = $1`,
        [team.id],
      );
      return Number(row.seq);
    },
  };
}

/** Environment for backlog e2e apps: no rate limit in the way of concurrency tests. */
export const BACKLOG_TEST_ENV = { RATE_LIMIT_PER_MINUTE: '1000000' };
