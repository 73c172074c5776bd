import fc from 'fast-check';
import { applyMove } from '../src/backlog/ranking/rank-keys';
import { backlogApi, BACKLOG_TEST_ENV } from './support/backlog';
import { Factory, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Where = { before: string } | { after: string } | { position: 'top' | 'bottom' };
type Command =
  | { kind: 'create'; client: number }
  | {
      kind: 'rank';
      client: number;
      picks: number[];
      anchor: 'before' | 'after' | 'top' | 'bottom';
      at: number;
    };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), client: fc.nat(2) }),
  fc.record({
    kind: fc.constant('rank' as const),
    client: fc.nat(2),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    anchor: fc.constantFrom('before' as const, 'after' as const, 'top' as const, 'bottom' as const),
    at: fc.nat(),
  }),
);
/** Batches run one after the other; the commands of a batch run concurrently. */
const scenario = fc.array(fc.array(command, { minLength: 1, maxLength: 8 }), {
  minLength: 1,
  maxLength: 4,
});

/**
 * Random interleavings of concurrent creates, single moves and bulk ranks from three clients.
 * The server serialises them under the team lock in some order; the event seqs say which.
 * Replaying the requests in that order on a plain array must give the database's order, and
 * the keys must stay unique and totally ordered.
 */
describe('backlog ranking property: concurrent clients vs an in-memory model', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let admin: TestUser;
  let clients: TestUser[];

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
    api = backlogApi(t);
    admin = await f.user();
    clients = [await f.user(), await f.user(), await f.user()];
  });
  afterAll(async () => {
    await t.close();
  });

  it('final order equals the model, keys unique, order total', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (batches) => {
        const team = await f.team({ admin });
        for (const [i, role] of (
          ['product_owner', 'scrum_master', 'product_owner'] as const
        ).entries())
          await f.member(team, role, clients[i]);
        const initial = await api.items(clients[0], team, [
          'uno',
          'due',
          'tre',
          'quattro',
          'cinque',
        ]);
        let model = initial.map((item) => item.id);
        let created = 0;

        for (const batch of batches) {
          const known = [...model];
          const applied: { seq: number; apply: (order: string[]) => string[] }[] = [];
          await Promise.all(
            batch.map(async (cmd) => {
              const user = clients[cmd.client];
              if (cmd.kind === 'create') {
                const res = await api
                  .post(user, `/teams/${team.id}/backlog-items`, { title: `nuova ${++created}` })
                  .expect(201);
                const [event] = await t.db.query(
                  `SELECT seq FROM events WHERE team_id = $1 AND data->'item'->>'id' = $2`,
                  [team.id, res.body.id],
                );
                const id = res.body.id as string;
                applied.push({ seq: Number(event.seq), apply: (order) => [...order, id] });
                return;
              }
              const ids = [...new Set(cmd.picks.map((p) => known[p % known.length]))];
              const rest = known.filter((id) => !ids.includes(id));
              const where: Where =
                cmd.anchor === 'top' || cmd.anchor === 'bottom' || rest.length === 0
                  ? {
                      position:
                        cmd.anchor === 'after' || cmd.anchor === 'bottom' ? 'bottom' : 'top',
                    }
                  : cmd.anchor === 'before'
                    ? { before: rest[cmd.at % rest.length] }
                    : { after: rest[cmd.at % rest.length] };
              const res = await api
                .post(user, `/teams/${team.id}/backlog-items/rank`, { ids, ...where })
                .expect(200);
              applied.push({
                seq: res.body.eventSeq as number,
                apply: (order) => applyMove(order, ids, where),
              });
            }),
          );
          for (const step of applied.sort((a, b) => a.seq - b.seq)) model = step.apply(model);
        }

        const rows: { id: string }[] = await t.db.query(
          `SELECT id FROM backlog_items WHERE team_id = $1 ORDER BY rank`,
          [team.id],
        );
        expect(rows.map((row) => row.id)).toEqual(model);
        const check = await api.get(clients[0], `/teams/${team.id}/backlog-items/rank-check`);
        expect(check.body).toMatchObject({
          total: model.length,
          unique: model.length,
          ordered: true,
        });
      }),
      { numRuns: 25, interruptAfterTimeLimit: 120_000 },
    );
  });
});
