import fc from 'fast-check';
import request from 'supertest';
import { ApiTokensService } from '../src/identity/tokens/api-tokens.service';
import {
  hostileValue,
  HOSTILE_STRINGS,
  mutated,
  RAW_BODIES,
  Schema,
  valid,
} from './fuzz/arbitraries';
import { schemaErrors } from './fuzz/schema-check';
import { ActorName, BuiltRequest, matrixContext, MatrixRow } from './matrix/matrix';
import { ROUTES } from './matrix/routes';
import { Factory, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * API fuzzing from the OpenAPI document: every operation gets FUZZ_RUNS generated requests
 * (schema-valid, broken in one place, or hostile) as an authorized member, with real ids from
 * the route × role matrix builders. `npm run test:fuzz` runs it long.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
/** About 50 operations; argon2 (register, login) makes some cases slow. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Authorized callers, most privileged for the operation first. */
const CALLERS: ActorName[] = ['product_owner', 'scrum_master', 'workspace_admin'];

/** Percent-encodes; a lone surrogate becomes its (invalid) UTF-8 bytes, which servers must survive. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

/** Query values are text: non-strings go as their JSON. */
function queryText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

interface ResponseDoc {
  content?: Record<string, { schema?: Schema }>;
}

interface Operation {
  key: string;
  method: (typeof METHODS)[number];
  path: string;
  statuses: Set<number>;
  /** Documented JSON schema of each success status. */
  success: Map<number, Schema>;
  body?: Schema;
  query: { name: string; schema: Schema }[];
  row?: MatrixRow;
}

interface Case {
  path: string;
  query: string;
  body: unknown;
  raw?: string;
  headers: Record<string, string>;
  caller: ActorName;
  /** An unknown field was added to an otherwise valid body: it must not succeed. */
  extra: boolean;
}

describe('API fuzzing from the OpenAPI document', () => {
  let t: TestApp;
  let document: {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, Schema> };
  };
  const credentials: Partial<Record<ActorName, string>> = {};
  let ids: string[] = [];
  let teamId = '';
  let contextOf: ReturnType<typeof matrixContext>;
  /** Cases per operation, and how many of them succeeded (2xx: schema-checked). */
  const counts = new Map<string, { n: number; ok: number }>();
  const failures = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        RATE_LIMIT_PER_MINUTE: '1000000',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
        WEBHOOK_POLL_MS: '3600000',
        // The matrix builders point webhooks at local receivers.
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_ALLOW_HTTP: 'true',
      },
    });
    const f = new Factory(t);
    const team = await f.team();
    teamId = team.id;
    const users: Partial<Record<ActorName, TestUser>> = {
      workspace_admin: team.admin,
      product_owner: await f.member(team, 'product_owner'),
      scrum_master: await f.member(team, 'scrum_master'),
      developer: await f.member(team, 'developer'),
      stakeholder: await f.member(team, 'stakeholder'),
    };
    for (const [actor, user] of Object.entries(users)) {
      credentials[actor as ActorName] = `Bearer ${user.token}`;
    }
    await t.ritmo.app
      .get(ApiTokensService)
      .create(users.developer!.actor, { name: 'Sola lettura', scopes: ['read'] });
    contextOf = matrixContext(t, f, team, users);
    ids = [team.id, team.workspaceId, ...Object.values(users).map((u) => u.id)];
    document = (await request(t.url).get('/api/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    const lines = [...counts].map(
      ([op, c]) => `${String(c.n).padStart(6)} ${String(c.ok).padStart(5)}  ${op}`,
    );
    const total = [...counts.values()].reduce((a, c) => a + c.n, 0);
    const ok = [...counts.values()].reduce((a, c) => a + c.ok, 0);
    console.log(
      `fuzz: ${total} cases (${ok} 2xx) over ${counts.size} operations, FUZZ_RUNS=${RUNS}\n` +
        ` cases   2xx  operation\n${lines.join('\n')}`,
    );
    await t?.close();
  });

  const resolve = (schema: Schema): Schema =>
    schema.$ref ? resolve(document.components.schemas[schema.$ref.split('/').pop()!]) : schema;

  function operations(): Operation[] {
    const result: Operation[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const op = item[method] as
          | {
              responses: Record<string, unknown>;
              parameters?: { name: string; in: string; schema: Schema }[];
              requestBody?: { content: Record<string, { schema: Schema }> };
            }
          | undefined;
        if (!op) continue;
        const key = `${method.toUpperCase()} ${path}`;
        result.push({
          key,
          method,
          path,
          statuses: new Set(Object.keys(op.responses).map(Number)),
          success: new Map(
            Object.entries(op.responses as Record<string, ResponseDoc>).flatMap(([status, r]) => {
              const schema = r.content?.['application/json']?.schema;
              return Number(status) < 300 && schema ? [[Number(status), schema] as const] : [];
            }),
          ),
          body: op.requestBody?.content['application/json']?.schema,
          query: (op.parameters ?? []).filter((p) => p.in === 'query'),
          row: ROUTES.find((r) => r.operation === key),
        });
      }
    }
    return result;
  }

  /** The matrix's valid request for the first caller allowed to make it. */
  async function seed(op: Operation): Promise<{ caller: ActorName; built: BuiltRequest }> {
    const caller = CALLERS.find((a) => (op.row?.expected[a] ?? 500) < 400) ?? 'product_owner';
    if (!op.row) return { caller, built: { path: op.path.replace(/\{[^}]+\}/g, teamId) } };
    return { caller, built: await op.row.build(contextOf, caller) };
  }

  function caseOf(op: Operation, s: { caller: ActorName; built: BuiltRequest }) {
    const path = fc.oneof(
      { weight: 4, arbitrary: fc.constant(s.built.path) },
      fc
        .tuple(fc.constantFrom(...HOSTILE_STRINGS.slice(1, 40)), fc.uuid(), fc.boolean())
        .map(([bad, uuid, random]) => {
          const idsInPath = s.built.path.match(UUID) ?? [];
          if (idsInPath.length === 0) return s.built.path;
          const target = idsInPath[bad.length % idsInPath.length];
          const replacement = random ? uuid : encode(bad.slice(0, 2000));
          return s.built.path.replace(target, replacement);
        }),
    );
    const query = fc.oneof(
      fc.constant(''),
      fc
        .tuple(
          ...op.query.map((q) => fc.option(fc.oneof(valid(q.schema, resolve, ids), hostileValue))),
        )
        .map((values) =>
          op.query
            .map((q, i) =>
              values[i] === null ? '' : `${q.name}=${encode(queryText(values[i]).slice(0, 3000))}`,
            )
            .filter(Boolean)
            .join('&'),
        ),
      fc.constantFrom(
        'limit=1&limit=2',
        'after=-1',
        'limit=1e400',
        'cursor=%E0%A4%A',
        'a[b]=1',
        'after=99999999999999999999',
      ),
    );
    const schemaBody = op.body ? valid(op.body, resolve, ids) : fc.constant(undefined);
    const seedBody = fc.constant(s.built.body);
    const body = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.oneof(seedBody, schemaBody).map((b) => ({ body: b, extra: false })),
      },
      { weight: 3, arbitrary: mutated(fc.oneof(seedBody, schemaBody)) },
      { weight: 1, arbitrary: hostileValue.map((b) => ({ body: b, extra: false })) },
    );
    const headers = fc.oneof(
      { weight: 4, arbitrary: fc.constant(s.built.headers ?? {}) },
      fc.constantFrom<Record<string, string>>(
        {},
        { 'If-Match': '"1"' },
        { 'If-Match': 'W/"99999999999"' },
        { 'If-Match': '*' },
        { 'Idempotency-Key': 'chiave-fuzz' },
        { 'Idempotency-Key': 'x'.repeat(300) },
        { 'Content-Type': 'text/plain' },
      ),
    );
    return fc
      .record({
        path,
        query,
        body,
        headers,
        raw: fc.option(fc.constantFrom(...RAW_BODIES), { freq: 15 }),
        caller: fc.constantFrom(s.caller, s.caller, 'developer', 'stakeholder'),
      })
      .map((c): Case => ({
        ...c,
        raw: c.raw ?? undefined,
        body: c.body.body,
        extra: c.body.extra && c.caller === s.caller,
      }));
  }

  async function send(op: Operation, c: Case) {
    const url = `/api/v1${c.path.replace(/^\/api\/v1/, '')}${c.query ? `?${c.query}` : ''}`;
    const req = request(t.url)[op.method](url.startsWith('/api/v1/health') ? url.slice(7) : url);
    void req.set('Authorization', credentials[c.caller]!);
    for (const [name, value] of Object.entries(c.headers)) void req.set(name, value);
    if (op.method === 'get' || op.method === 'delete') return req;
    if (c.raw !== undefined) return req.set('Content-Type', 'application/json').send(c.raw);
    return c.body === undefined
      ? req
      : req.send(JSON.stringify(c.body) as unknown as object).type('json');
  }

  function check(op: Operation, c: Case, res: request.Response): string | undefined {
    if (res.status >= 500) return `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    if (res.status >= 400) {
      if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
        return `${res.status} without problem+json`;
      if (typeof res.body?.type !== 'string') return `${res.status} without a type`;
    }
    if (!op.statuses.has(res.status)) return `undocumented ${res.status} (${res.body?.type})`;
    const schema = op.success.get(res.status);
    const errors = schema ? schemaErrors(res.body, schema, resolve) : [];
    if (errors.length)
      return `${res.status} body does not match its schema: ${errors.slice(0, 3).join('; ')}`;
    if (c.extra && res.status < 300 && c.raw === undefined)
      return `unknown field accepted (${res.status})`;
    return undefined;
  }

  it(
    'never answers 5xx, always problem+json with a type, only documented statuses',
    async () => {
      const ops = operations();
      expect(ops.length).toBeGreaterThan(40);
      for (const op of ops) {
        const s = await seed(op);
        await fc.assert(
          fc.asyncProperty(caseOf(op, s), async (c) => {
            const res = await send(op, c);
            const count = counts.get(op.key) ?? { n: 0, ok: 0 };
            counts.set(op.key, { n: count.n + 1, ok: count.ok + (res.status < 300 ? 1 : 0) });
            const problem = check(op, c, res);
            if (problem && !failures.has(`${op.key}: ${problem}`)) {
              const shown = JSON.stringify({ ...c, body: c.body }).slice(0, 400);
              failures.set(`${op.key}: ${problem}`, shown);
            }
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
      expect([...failures].map(([k, v]) => `${k}\n    ${v}`)).toEqual([]);
    },
    // ~150 operations; a loaded 2-core machine runs about 10 cases a second.
    120_000 + RUNS * 30_000,
  );

  // The class of defect where one text field in 43 gave a 500 on a NUL: every string of every
  // operation's valid body, one at a time, with each kind of character no text may hold.
  it('refuses NUL, control characters and lone surrogates in every string field with a 400 naming it', async () => {
    const BAD = ['nul\u0000byte', 'bell\u0007', 'esc\u001b[31m', 'c1\u0085', 'half\ud800'];
    const leaves = (value: unknown, path: string[] = []): string[][] =>
      typeof value === 'string'
        ? [path]
        : value && typeof value === 'object'
          ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
          : [];
    const replaced = (body: unknown, path: string[], text: string): unknown => {
      const copy = structuredClone(body) as Record<string, unknown>;
      let at: Record<string, unknown> = copy;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
      at[path[path.length - 1]] = text;
      return copy;
    };
    const wrong: string[] = [];
    let sent = 0;
    for (const op of operations()) {
      if (op.method === 'get' || op.method === 'delete' || !op.row) continue;
      const s = await seed(op);
      for (const path of leaves(s.built.body)) {
        for (const bad of BAD) {
          const c: Case = {
            path: s.built.path,
            query: '',
            body: replaced(s.built.body, path, bad),
            headers: s.built.headers ?? {},
            caller: s.caller,
            extra: false,
          };
          const res = await send(op, c);
          sent++;
          const field = path.join('.');
          const errors = ((res.body as { errors?: { field: string }[] }).errors ?? []) as {
            field: string;
          }[];
          const named = errors.some((e) => e.field === field);
          if (res.status !== 400 || !named)
            wrong.push(
              `${op.key} ${field}=${JSON.stringify(bad)}: ${res.status} ${res.body?.type}`,
            );
        }
      }
    }
    console.log(`fuzz (text family): ${sent} requests, every string field × ${BAD.length} kinds`);
    expect(sent).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  }, 300_000);

  it('leaves the database consistent: gapless event seqs, ordered unique ranks', async () => {
    const gaps: unknown[] = await t.db.query(`
      SELECT t.id, t.event_seq, count(e.seq) AS n, count(DISTINCT e.seq) AS d,
             coalesce(min(e.seq), 0) AS lo, coalesce(max(e.seq), 0) AS hi
        FROM teams t LEFT JOIN events e ON e.team_id = t.id GROUP BY t.id
      HAVING count(e.seq) <> t.event_seq OR count(DISTINCT e.seq) <> t.event_seq
          OR coalesce(max(e.seq), 0) <> t.event_seq OR (t.event_seq > 0 AND min(e.seq) <> 1)`);
    expect(gaps).toEqual([]);
    const duplicates: unknown[] = await t.db.query(
      `SELECT team_id, rank FROM backlog_items GROUP BY team_id, rank HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    const check = await request(t.url)
      .get(`/api/v1/teams/${teamId}/backlog-items/rank-check`)
      .set('Authorization', credentials.product_owner!)
      .expect(200);
    expect(check.body.ordered).toBe(true);
    expect(check.body.unique).toBe(check.body.total);
  });
});
