/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest bodies are any; the assertions check their shape */
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { ceremonyState } from './support/poker';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A sprint review: the product owner decides on demonstrated items, a stakeholder leaves
 * feedback, and the feedback becomes a backlog item in one call whose `backlog_item.created`
 * reaches the subscribed sockets. Refusals change nothing.
 */
describe('sprint review', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let sm: TestUser;
  let po: TestUser;
  let dev: TestUser;
  let stakeholder: TestUser;
  let outsider: TestUser;
  let foreignItem: string;
  let foreignSprint: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    const f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    sm = await f.member(team, 'scrum_master');
    po = await f.member(team, 'product_owner');
    dev = await f.member(team, 'developer');
    stakeholder = await f.member(team, 'stakeholder');
    const other = await f.team();
    outsider = await f.member(other, 'scrum_master');
    [foreignItem] = (await api.items(outsider, other, ['Altrui'])).map((i) => i.id);
    foreignSprint = (
      await api.post(outsider, `/teams/${other.id}/sprints`, { name: 'Altro ciclo' }).expect(201)
    ).body.id;
    for (const user of [sm, stakeholder]) {
      const client = await connectClient(t.url, user.token);
      const ack = await client.client.subscribe(team.id);
      if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
      clients.push(client);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await t.close();
  });

  async function expectRefused(send: () => Promise<Response>, status: number, type: string) {
    const before = await ceremonyState(t, team);
    const res = await send();
    expect({ status: res.status, type: res.body.type }).toEqual({
      status,
      type: `urn:ritmo:problem:${type}`,
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toContain('Altrui');
    expect(await ceremonyState(t, team)).toEqual(before);
    return res;
  }

  it('records decisions and feedback, and turns feedback into a backlog item once', async () => {
    const [a, b] = await api.items(po, team, ['Prenotazione sale civiche', 'Pagamento mensa']);
    const sprint = (
      await api.post(sm, `/teams/${team.id}/sprints`, { name: 'Ciclo 7' }).expect(201)
    ).body;
    await api.post(sm, `/sprints/${sprint.id}/items`, { ids: [a.id, b.id] }).expect(200);
    const ceremonyId = (
      await api
        .post(sm, `/teams/${team.id}/ceremonies`, {
          type: 'sprint_review',
          sprintId: sprint.id,
          startsAt: '2026-03-13T09:00:00Z',
          endsAt: '2026-03-13T11:00:00Z',
        })
        .expect(201)
    ).body.id as string;
    const seq0 = await api.lastSeq(team);
    const created = await api
      .post(sm, `/teams/${team.id}/sprint-reviews`, { sprintId: sprint.id, ceremonyId })
      .expect(201);
    const review = created.body.id as string;
    expect(created.body).toMatchObject({
      sprintId: sprint.id,
      ceremonyId,
      notes: '',
      createdBy: sm.id,
      items: [],
      feedback: [],
    });

    await api
      .put(po, `/sprint-reviews/${review}/items/${a.id}`, { decision: 'accepted' })
      .expect(200);
    await api
      .put(po, `/sprint-reviews/${review}/items/${b.id}`, { decision: 'accepted' })
      .expect(200);
    const decided = await api
      .put(po, `/sprint-reviews/${review}/items/${b.id}`, {
        decision: 'not_accepted',
        note: 'Manca la ricevuta',
      })
      .expect(200);
    expect(decided.body.items).toMatchObject([
      { itemId: a.id, decision: 'accepted', decidedBy: po.id },
      {
        itemId: b.id,
        decision: 'not_accepted',
        note: 'Manca la ricevuta',
        title: 'Pagamento mensa',
      },
    ]);

    const feedback = await api
      .post(stakeholder, `/sprint-reviews/${review}/feedback`, {
        text: '  Ricevuta anche via PEC\nI cittadini la chiedono allo sportello  ',
        itemId: b.id,
      })
      .expect(201);
    expect(feedback.body).toMatchObject({
      authorId: stakeholder.id,
      itemId: b.id,
      text: 'Ricevuta anche via PEC\nI cittadini la chiedono allo sportello',
      backlogItemId: null,
    });
    const feedbackId = feedback.body.id as string;

    const converted = await api
      .post(po, `/sprint-reviews/${review}/feedback/${feedbackId}/to-backlog`, {})
      .expect(201);
    const itemId = converted.body.item.id as string;
    expect(converted.body).toMatchObject({
      feedback: { id: feedbackId, backlogItemId: itemId },
      item: {
        title: 'Ricevuta anche via PEC',
        type: 'story',
        description:
          'Feedback dalla revisione dello sprint «Ciclo 7»:\n\nRicevuta anche via PEC\nI cittadini la chiedono allo sportello',
      },
    });
    const [row] = await t.db.query(
      `SELECT backlog_item_id FROM sprint_review_feedback WHERE id = $1`,
      [feedbackId],
    );
    expect(row.backlog_item_id).toBe(itemId);

    const expected = [
      ['sprint_review.created', { review: { id: review, sprintId: sprint.id, ceremonyId } }],
      ['sprint_review.item_decided', { itemId: a.id, decision: 'accepted', previous: null }],
      ['sprint_review.item_decided', { itemId: b.id, decision: 'accepted', previous: null }],
      [
        'sprint_review.item_decided',
        { itemId: b.id, decision: 'not_accepted', previous: 'accepted' },
      ],
      ['sprint_review.feedback_added', { feedback: { id: feedbackId, authorId: stakeholder.id } }],
      [
        'backlog_item.created',
        {
          item: { id: itemId, title: 'Ricevuta anche via PEC' },
          source: { kind: 'review_feedback', id: feedbackId },
        },
      ],
      ['sprint_review.feedback_converted', { reviewId: review, feedbackId, backlogItemId: itemId }],
    ] as const;
    for (const client of clients) {
      await waitFor(
        () => client.events.filter((e) => e.seq > seq0).length >= expected.length,
        10_000,
        'review events',
      );
      const got = client.events.filter((e) => e.seq > seq0);
      expect(got.map((e) => e.type)).toEqual(expected.map(([type]) => type));
      expected.forEach(([, data], i) => expect(got[i].data).toMatchObject(data));
    }
    const history = await api.get(dev, `/backlog-items/${itemId}/history`).expect(200);
    expect(history.body[0]).toMatchObject({
      type: 'backlog_item.created',
      source: { kind: 'review_feedback', id: feedbackId },
    });

    // Twice: 409, no second item.
    await expectRefused(
      () => api.post(po, `/sprint-reviews/${review}/feedback/${feedbackId}/to-backlog`, {}),
      409,
      'feedback-in-backlog',
    );

    // In an English team the item says so in English; a title may be given.
    await t.db.query(`UPDATE teams SET locale = 'en' WHERE id = $1`, [team.id]);
    const second = await api
      .post(dev, `/sprint-reviews/${review}/feedback`, { text: 'Aggiungere la mappa delle sale' })
      .expect(201);
    const english = await api
      .post(dev, `/sprint-reviews/${review}/feedback/${second.body.id}/to-backlog`, {
        title: 'Mappa delle sale',
        type: 'task',
      })
      .expect(201);
    expect(english.body.item).toMatchObject({
      title: 'Mappa delle sale',
      type: 'task',
      description:
        'Feedback from the review of sprint “Ciclo 7”:\n\nAggiungere la mappa delle sale',
    });

    const read = await api.get(stakeholder, `/sprint-reviews/${review}`).expect(200);
    expect(read.body.feedback.map((fb: { backlogItemId: string }) => fb.backlogItemId)).toEqual([
      itemId,
      english.body.item.id,
    ]);
    const list = await api.get(stakeholder, `/teams/${team.id}/sprint-reviews`).expect(200);
    expect(list.body).toMatchObject([{ id: review, sprintId: sprint.id }]);
  });

  it('refuses bad input and the wrong people, writing nothing', async () => {
    const sprint = (
      await api.post(sm, `/teams/${team.id}/sprints`, { name: 'Ciclo 8' }).expect(201)
    ).body;
    const review = (
      await api.post(sm, `/teams/${team.id}/sprint-reviews`, { sprintId: sprint.id }).expect(201)
    ).body.id as string;
    const [item] = await api.items(po, team, ['Albo online']);
    const fb = (
      await api
        .post(stakeholder, `/sprint-reviews/${review}/feedback`, { text: 'Bene' })
        .expect(201)
    ).body.id as string;

    await expectRefused(
      () => api.post(sm, `/teams/${team.id}/sprint-reviews`, { sprintId: sprint.id }),
      409,
      'review-exists',
    );
    const foreign = await expectRefused(
      () => api.post(sm, `/teams/${team.id}/sprint-reviews`, { sprintId: foreignSprint }),
      400,
      'validation-failed',
    );
    expect(fieldsOf(foreign.body)).toEqual(['sprintId']);
    await expectRefused(
      () => api.post(po, `/teams/${team.id}/sprint-reviews`, { sprintId: sprint.id }),
      403,
      'permission-denied',
    );
    for (const body of [{ sprintId: 'x' }, { sprintId: sprint.id, notes: 'a\u0000b' }, {}])
      await expectRefused(
        () => api.post(sm, `/teams/${team.id}/sprint-reviews`, body),
        400,
        'validation-failed',
      );

    for (const user of [sm, dev, stakeholder])
      await expectRefused(
        () => api.put(user, `/sprint-reviews/${review}/items/${item.id}`, { decision: 'accepted' }),
        403,
        'permission-denied',
      );
    await expectRefused(
      () =>
        api.put(outsider, `/sprint-reviews/${review}/items/${item.id}`, { decision: 'accepted' }),
      404,
      'not-found',
    );
    await expectRefused(
      () => api.put(po, `/sprint-reviews/${review}/items/${foreignItem}`, { decision: 'accepted' }),
      404,
      'not-found',
    );
    await expectRefused(
      () => api.put(po, `/sprint-reviews/${review}/items/${item.id}`, { decision: 'forse' }),
      400,
      'validation-failed',
    );

    const about = await expectRefused(
      () =>
        api.post(stakeholder, `/sprint-reviews/${review}/feedback`, {
          text: 'x',
          itemId: foreignItem,
        }),
      400,
      'validation-failed',
    );
    expect(fieldsOf(about.body)).toEqual(['itemId']);
    for (const body of [
      { text: '   ' },
      { text: 'a\u0000b' },
      { text: 'x'.repeat(5001) },
      { text: 'ok', extra: 1 },
    ])
      await expectRefused(
        () => api.post(stakeholder, `/sprint-reviews/${review}/feedback`, body),
        400,
        'validation-failed',
      );
    await expectRefused(
      () => api.post(outsider, `/sprint-reviews/${review}/feedback`, { text: 'Spiata' }),
      404,
      'not-found',
    );

    await expectRefused(
      () => api.post(stakeholder, `/sprint-reviews/${review}/feedback/${fb}/to-backlog`, {}),
      403,
      'permission-denied',
    );
    await expectRefused(
      () => api.post(outsider, `/sprint-reviews/${review}/feedback/${fb}/to-backlog`, {}),
      404,
      'not-found',
    );
    await expectRefused(
      () => api.post(po, `/sprint-reviews/${review}/feedback/${randomUUID()}/to-backlog`, {}),
      404,
      'not-found',
    );
    await expectRefused(() => api.get(outsider, `/sprint-reviews/${review}`), 404, 'not-found');
  });
});
