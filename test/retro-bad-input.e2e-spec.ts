import type { Response } from 'supertest';
import type { RetrospectiveDto } from '../src/retrospective/dto/retrospective-view.dto';
import { Factory, TestTeam, TestUser } from './support/factories';
import { retroApi, retroFingerprint } from './support/retro';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;

/** Each refusal is a 4xx problem+json that names what is wrong, and writes nothing. */
describe('retrospective bad input', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof retroApi>;
  let team: TestTeam;
  let sm: TestUser, dev: TestUser, dev2: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    api = retroApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    dev = await f.member(team, 'developer');
    dev2 = await f.member(team, 'developer');
  });
  afterAll(async () => {
    await t.close();
  });

  async function retroIn(phase: 'collect' | 'group' | 'vote' | 'discuss', body = {}) {
    const retro = (await api.post(sm, `/teams/${team.id}/retrospectives`, body).expect(201))
      .body as RetrospectiveDto;
    const card = (
      await api
        .post(dev, `/retrospectives/${retro.id}/cards`, { column: 'start', text: 'Scheda' })
        .expect(201)
    ).body as { id: string; version: number };
    const steps = { collect: [], group: ['group'], vote: ['group', 'vote'] }[phase as 'collect'];
    let view = retro;
    for (const next of steps ?? ['group', 'vote', 'discuss'])
      view = (await api.phase(sm, retro.id, next).expect(200)).body as RetrospectiveDto;
    return { id: retro.id, card, view };
  }

  /** The request is refused with `status` and `type`, and nothing changes. */
  async function expectRefused(
    call: () => Promise<Response>,
    status: number,
    type: string,
  ): Promise<Response> {
    const before = await retroFingerprint(t, team.id);
    const res = await call();
    expect({ status: res.status, type: res.body.type as string }).toEqual({
      status,
      type: `urn:ritmo:problem:${type}`,
    });
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(await retroFingerprint(t, team.id)).toEqual(before);
    return res;
  }

  it('refuses a card outside the collect phase, naming the phase', async () => {
    const { id } = await retroIn('vote');
    const res = await expectRefused(
      () => api.post(dev, `/retrospectives/${id}/cards`, { column: 'start', text: 'Tardi' }),
      409,
      'retro-phase-vote',
    );
    expect(res.body.phase).toBe('vote');
  });

  it('refuses a card in an unknown column', async () => {
    const { id } = await retroIn('collect');
    const res = await expectRefused(
      () => api.post(dev, `/retrospectives/${id}/cards`, { column: 'mad', text: 'x' }),
      400,
      'validation-failed',
    );
    expect(res.body.errors[0].field).toBe('column');
  });

  it('refuses a 5,000-character card (the limit is 2,000)', async () => {
    const { id, card } = await retroIn('collect');
    const long = 'a'.repeat(5000);
    const res = await expectRefused(
      () => api.post(dev, `/retrospectives/${id}/cards`, { column: 'start', text: long }),
      400,
      'validation-failed',
    );
    expect(res.body.errors[0].field).toBe('text');
    await expectRefused(
      () => api.patch(dev, `/retrospectives/${id}/cards/${card.id}`, { text: long }, card.version),
      400,
      'validation-failed',
    );
  });

  it("refuses editing or deleting another person's card", async () => {
    const { id, card } = await retroIn('collect');
    await expectRefused(
      () =>
        api.patch(dev2, `/retrospectives/${id}/cards/${card.id}`, { text: 'Mio' }, card.version),
      403,
      'not-card-author',
    );
    await expectRefused(
      () => api.del(sm, `/retrospectives/${id}/cards/${card.id}`, card.version),
      403,
      'not-card-author',
    );
  });

  it('refuses phase moves by a non-facilitator, skipping phases, and anything after closed', async () => {
    const { id } = await retroIn('collect');
    await expectRefused(() => api.phase(dev, id, 'group'), 403, 'not-facilitator');
    await expectRefused(() => api.phase(sm, id, 'vote'), 409, 'retro-phase-collect');
    const closed = await retroIn('discuss');
    await api.phase(sm, closed.id, 'closed').expect(200);
    await expectRefused(() => api.phase(sm, closed.id, 'discuss'), 409, 'retro-phase-closed');
  });

  it('refuses votes over the member budget and over the per-group limit', async () => {
    const { id } = await retroIn('collect', { voteBudget: 3, votesPerGroup: 2 });
    await api
      .post(dev, `/retrospectives/${id}/cards`, { column: 'stop', text: 'Altra' })
      .expect(201);
    await api.phase(sm, id, 'group').expect(200);
    const view = (await api.phase(sm, id, 'vote').expect(200)).body as RetrospectiveDto;
    const [g1, g2] = view.groups.map((g) => g.id);
    const vote = (groupId: string) => () =>
      api.post(dev, `/retrospectives/${id}/votes`, { groupId });
    await vote(g1)().expect(200);
    await vote(g1)().expect(200);
    await expectRefused(vote(g1), 409, 'group-vote-limit');
    await vote(g2)().expect(200);
    await expectRefused(vote(g2), 409, 'vote-budget-exhausted');
  });

  it('refuses a vote on a group of another retrospective, and on a card id', async () => {
    const mine = await retroIn('vote');
    const other = await retroIn('vote');
    const res = await expectRefused(
      () => api.post(dev, `/retrospectives/${mine.id}/votes`, { groupId: other.view.groups[0].id }),
      400,
      'validation-failed',
    );
    expect(res.body.errors[0].field).toBe('groupId');
    await expectRefused(
      () => api.post(dev, `/retrospectives/${mine.id}/votes`, { groupId: mine.card.id }),
      400,
      'validation-failed',
    );
  });

  it('refuses a retrospective of another team as not found', async () => {
    const otherTeam = await f.team();
    const stranger = await f.member(otherTeam, 'scrum_master');
    const { id } = await retroIn('collect');
    await expectRefused(
      () => api.post(stranger, `/retrospectives/${id}/cards`, { column: 'start', text: 'x' }),
      404,
      'not-found',
    );
  });
});
