import request from 'supertest';
import { ApiTokensService } from '../src/identity/tokens/api-tokens.service';
import { NotificationScheduler } from '../src/notifications/notification-scheduler';
import { ACTORS, ActorName, matrixContext, MatrixContext, MatrixRow } from './matrix/matrix';
import { ROUTES } from './matrix/routes';
import { Factory, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;
const PROBLEM_KEYS = ['type', 'title', 'status', 'detail', 'instance', 'requestId', 'resource'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Everything a request could change, anywhere. A refused request must leave it as it was:
 * that is what "zero cross-team writes" means here, checked on every refused call.
 */
const FINGERPRINT = `SELECT
  (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM users) AS users,
  (SELECT count(*) || '/' || count(revoked_at) FROM api_tokens) AS api_tokens,
  (SELECT count(*) || '/' || count(revoked_at) || '/' || count(used_at) FROM refresh_tokens) AS refresh,
  (SELECT count(*) FROM workspaces) AS workspaces,
  (SELECT string_agg(workspace_id::text || user_id::text || role, ',' ORDER BY workspace_id, user_id)
     FROM workspace_members) AS workspace_members,
  (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM teams) AS teams,
  (SELECT string_agg(team_id::text || user_id::text || role, ',' ORDER BY team_id, user_id)
     FROM team_members) AS team_members,
  (SELECT count(*) || '/' || count(revoked_at) || '/' || count(accepted_at) FROM invitations) AS invitations,
  (SELECT count(*) FROM events) AS events,
  (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM comments) AS comments,
  (SELECT count(*) FROM mail_outbox) AS mail_outbox,
  (SELECT count(*) || '/' || count(used_at) FROM password_resets) AS password_resets`;

/** Every id, name and email of the target workspace: none may reach an outsider. */
const TARGET_SECRETS = `
  SELECT unnest(ARRAY[w.id::text, w.name]) AS s FROM workspaces w WHERE w.id = $1
  UNION SELECT unnest(ARRAY[t.id::text, t.name]) FROM teams t WHERE t.workspace_id = $1
  UNION SELECT unnest(ARRAY[u.id::text, u.email, u.display_name])
          FROM workspace_members wm JOIN users u ON u.id = wm.user_id WHERE wm.workspace_id = $1
  UNION SELECT unnest(ARRAY[i.id::text, i.email])
          FROM invitations i JOIN teams t ON t.id = i.team_id WHERE t.workspace_id = $1`;

describe('access matrix: every route × every actor', () => {
  let t: TestApp;
  let c: MatrixContext;
  const credentials: Partial<Record<ActorName, string>> = {};
  let pairs = 0;
  let crossTenantCalls = 0;

  beforeAll(async () => {
    // The matrix fires a few hundred requests a minute; the limits have tests of their own.
    t = await startTestApp({
      env: {
        RATE_LIMIT_PER_MINUTE: '100000',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_ALLOW_HTTP: 'true',
      },
    });
    // The notification scheduler's timer (digests, reminders) would enqueue email at any moment
    // of the run, between a refused call's two fingerprints: it stays out (its own e2e tests).
    jest
      .spyOn(t.ritmo.app.get<unknown, { kick(): void }>(NotificationScheduler), 'kick')
      .mockImplementation(() => undefined);
    const f = new Factory(t);
    const team = await f.team();
    // Unmistakable names, so a leak cannot hide behind a name another fixture also uses.
    await t.db.query(`UPDATE teams SET name = 'Bersaglio Tributi' WHERE id = $1`, [team.id]);
    await t.db.query(`UPDATE workspaces SET name = 'Comune Bersaglio' WHERE id = $1`, [
      team.workspaceId,
    ]);
    const other = await f.team();
    const outsider = await f.member(other, 'scrum_master', other.admin);
    const users: Partial<Record<ActorName, TestUser>> = {
      outsider,
      workspace_admin: team.admin,
      stakeholder: await f.member(team, 'stakeholder'),
      developer: await f.member(team, 'developer'),
      scrum_master: await f.member(team, 'scrum_master'),
      product_owner: await f.member(team, 'product_owner'),
    };
    for (const [actor, user] of Object.entries(users)) {
      credentials[actor as ActorName] = `Bearer ${user.token}`;
    }
    const readToken = await t.ritmo.app
      .get(ApiTokensService)
      .create(users.developer!.actor, { name: 'Sola lettura', scopes: ['read'] });
    credentials.read_token = `Bearer ${readToken.token}`;
    c = matrixContext(t, f, team, users);
  });

  afterAll(async () => {
    console.log(
      `access matrix: ${pairs} (route, actor) pairs checked over ${ROUTES.length} routes × ` +
        `${ACTORS.length} actors; ${crossTenantCalls} cross-tenant calls, all 404 without data`,
    );
    await t.close();
  });

  it('has exactly one row per operation of the OpenAPI document', async () => {
    const doc = await request(t.url).get('/api/docs-json').expect(200);
    const operations = Object.entries<Record<string, unknown>>(doc.body.paths)
      .filter(([path]) => !path.startsWith('/health'))
      .flatMap(([path, item]) =>
        METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    const rows = ROUTES.map((row) => row.operation);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(operations);
  });

  it('keeps outsiders out of every team and workspace route', () => {
    const targeted = ROUTES.filter((row) => row.target !== 'none');
    expect(targeted.filter((row) => row.expected.outsider !== 404)).toEqual([]);
  });

  describe.each(ROUTES.map((row) => [row.operation, row] as const))('%s', (_name, row) => {
    it('answers every actor as the permission table says, and a refusal changes nothing', async () => {
      const outcomes: { actor: ActorName; status: number }[] = [];
      for (const actor of ACTORS) {
        outcomes.push({ actor, status: await call(row, actor) });
        pairs++;
      }
      expect(outcomes).toEqual(ACTORS.map((actor) => ({ actor, status: row.expected[actor] })));
    });
  });

  async function call(row: MatrixRow, actor: ActorName): Promise<number> {
    const built = await row.build(c, actor);
    const before = await fingerprint();
    const method = row.operation.split(' ')[0].toLowerCase() as (typeof METHODS)[number];
    let req = request(t.url)[method](built.path);
    for (const [name, value] of Object.entries(built.headers ?? {})) req = req.set(name, value);
    const authorization = credentials[actor];
    if (authorization) req = req.set('Authorization', authorization);
    if (built.multipart) {
      for (const [name, value] of Object.entries(built.multipart.fields))
        req = req.field(name, value);
      req = req.attach('file', built.multipart.file.content, built.multipart.file.name);
    }
    const res = built.body === undefined ? await req : await req.send(built.body);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect({ refused: `${row.operation} as ${actor}`, state: await fingerprint() }).toEqual({
        refused: `${row.operation} as ${actor}`,
        state: before,
      });
    }
    if (actor === 'outsider' && row.target !== 'none') {
      crossTenantCalls++;
      await expectNoLeak(row, built.path, built.body, res.body as Record<string, unknown>);
    }
    return res.status;
  }

  async function fingerprint(): Promise<Record<string, string>> {
    const [row] = await t.db.query<Record<string, string>[]>(FINGERPRINT);
    return row;
  }

  async function expectNoLeak(
    row: MatrixRow,
    path: string,
    body: object | undefined,
    response: Record<string, unknown>,
  ): Promise<void> {
    const where = `${row.operation} as outsider`;
    expect({ where, keys: Object.keys(response).filter((k) => !PROBLEM_KEYS.includes(k)) }).toEqual(
      { where, keys: [] },
    );
    // What the outsider sent (the ids in the URL) may be echoed back; nothing else may.
    const sent = `${path} ${JSON.stringify(body ?? {})}`;
    const secrets = (await t.db.query<{ s: string }[]>(TARGET_SECRETS, [c.team.workspaceId]))
      .map((r) => r.s)
      .filter((s) => !sent.includes(s));
    const text = JSON.stringify(response);
    expect({ where, leaked: secrets.filter((s) => text.includes(s)) }).toEqual({
      where,
      leaked: [],
    });
  }
});
