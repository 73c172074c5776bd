import type { EventEnvelope } from '../src/events/event-catalogue';
import type { ActionItemDto } from '../src/retrospective/dto/action-item.dto';
import type {
  RetroCardDto,
  GroupDto,
  MyVotesDto,
  RetrospectiveDto,
} from '../src/retrospective/dto/retrospective-view.dto';
import type { ToBacklogResultDto } from '../src/retrospective/dto/to-backlog.dto';
import type { RetroEvents } from '../src/retrospective/retro.events';
import { Factory, TestTeam, TestUser } from './support/factories';
import { waitFor } from './support/realtime';
import { retroApi, wireClient, WireClient } from './support/retro';
import { startTestApp, TestApp } from './support/test-app';

type PhaseChanged = RetroEvents['retro.phase_changed'];
type Body = Record<string, unknown>;

/**
 * A whole retrospective by four people on sockets: private writing, grouping, voting within
 * budgets, discussion with an action item that becomes a backlog item, export, and the next
 * retrospective reviewing that action item.
 */
describe('a retrospective from collect to closed, four people on sockets', () => {
  let t: TestApp;
  let f: Factory;
  let team: TestTeam;
  let sm: TestUser, dev1: TestUser, dev2: TestUser, po: TestUser;
  let clients: WireClient[] = [];
  let api: ReturnType<typeof retroApi>;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    api = retroApi(t);
    team = await f.team();
    [sm, dev1, dev2, po] = [
      await f.member(team, 'scrum_master'),
      await f.member(team, 'developer'),
      await f.member(team, 'developer'),
      await f.member(team, 'product_owner'),
    ];
  });
  afterAll(async () => {
    for (const c of clients) c.client.close();
    await t.close();
  });

  it('runs every phase; everyone gets the same events; the action item reaches the backlog', async () => {
    clients = await Promise.all([sm, dev1, dev2, po].map((u) => wireClient(t.url, u, team.id)));
    const created = await api
      .post(sm, `/teams/${team.id}/retrospectives`, {
        template: 'mad_sad_glad',
        privateWriting: true,
        voteBudget: 3,
        votesPerGroup: 2,
      })
      .expect(201);
    const retro = created.body as RetrospectiveDto;
    const id = retro.id;
    expect(retro).toMatchObject({ phase: 'collect', facilitatorId: sm.id, privateWriting: true });
    expect(retro.columns.map((c) => c.key)).toEqual(['mad', 'sad', 'glad']);
    expect(retro.columns[0]).toEqual({
      key: 'mad',
      title: 'Rabbia',
      prompt: 'Che cosa ha fatto arrabbiare?',
    });

    // Collect: each writes; nobody else sees the text until the group phase.
    const card = async (u: TestUser, column: string, text: string) =>
      (await api.post(u, `/retrospectives/${id}/cards`, { column, text }).expect(201))
        .body as RetroCardDto;
    const glad = await card(dev1, 'glad', 'Il nuovo modulo PagoPA funziona');
    const mad = await card(dev2, 'mad', 'Le pratiche arrivano senza allegati');
    const sad = await card(po, 'sad', 'Troppe riunioni il venerdì');
    const mad2 = await card(dev1, 'mad', 'Allegati in formato sbagliato');
    expect(glad).toMatchObject({ mine: true, authorId: dev1.id, column: 'glad' });

    const seenBy = async (u: TestUser) =>
      (await api.get(u, `/retrospectives/${id}`).expect(200)).body as RetrospectiveDto;
    const dev1View = await seenBy(dev1);
    expect(dev1View.cards.map((c) => c.id).sort()).toEqual([glad.id, mad2.id].sort());
    expect(dev1View.hiddenCounts).toEqual([
      { column: 'mad', count: 1 },
      { column: 'sad', count: 1 },
      { column: 'glad', count: 0 },
    ]);
    const smView = await seenBy(sm);
    expect(smView.cards).toEqual([]);
    expect(JSON.stringify(smView)).not.toContain('allegati');

    await api.phase(sm, id, 'group').expect(200);
    await waitFor(() => clients.every((c) => c.retro('retro.phase_changed').length === 1));
    const reveal = clients[2].retro('retro.phase_changed')[0].data as PhaseChanged;
    expect(reveal.revealedCards!.map((c) => c.text).sort()).toEqual(
      [glad.text, mad.text, sad.text, mad2.text].sort(),
    );
    expect((await seenBy(po)).cards).toHaveLength(4);

    // Group: merge, move a card in and out, ungroup.
    const merged = (
      await api
        .post(dev2, `/retrospectives/${id}/groups`, {
          title: 'Allegati',
          cardIds: [mad.id, mad2.id],
        })
        .expect(201)
    ).body as GroupDto;
    expect(merged.cardIds.sort()).toEqual([mad.id, mad2.id].sort());
    await api
      .put(po, `/retrospectives/${id}/cards/${glad.id}/group`, { groupId: merged.id })
      .expect(200);
    await api
      .put(po, `/retrospectives/${id}/cards/${glad.id}/group`, { groupId: null })
      .expect(200);
    const solo = (
      await api
        .post(dev1, `/retrospectives/${id}/groups`, { title: 'Riunioni', cardIds: [sad.id] })
        .expect(201)
    ).body as GroupDto;
    await api.del(dev1, `/retrospectives/${id}/groups/${solo.id}`, solo.version).expect(204);

    // Vote: the two loose cards get groups of one; totals stay secret until the phase ends.
    const toVote = (await api.phase(sm, id, 'vote').expect(200)).body as RetrospectiveDto;
    expect(toVote.groups).toHaveLength(3);
    expect(toVote.groups.every((g) => g.votes === null)).toBe(true);
    const groupOf = (cardId: string) => toVote.groups.find((g) => g.cardIds.includes(cardId))!.id;
    const vote = (u: TestUser, groupId: string) =>
      api.post(u, `/retrospectives/${id}/votes`, { groupId });
    await vote(dev1, merged.id).expect(200);
    const mine = (await vote(dev1, merged.id).expect(200)).body as MyVotesDto;
    expect(mine).toMatchObject({ budget: 3, used: 2, remaining: 1 });
    await vote(dev2, merged.id).expect(200);
    await vote(dev2, groupOf(glad.id)).expect(200);
    await vote(po, groupOf(sad.id)).expect(200);
    await api.del(po, `/retrospectives/${id}/votes/${groupOf(sad.id)}`).expect(200);
    await vote(po, groupOf(glad.id)).expect(200);
    expect((await seenBy(po)).groups.every((g) => g.votes === null)).toBe(true);
    expect(
      (await api.get(dev2, `/retrospectives/${id}/votes/mine`).expect(200)).body,
    ).toMatchObject({ used: 2, remaining: 1 });

    // Discuss: most voted first; a note and an action item that becomes a backlog item.
    const discuss = (await api.phase(sm, id, 'discuss').expect(200)).body as RetrospectiveDto;
    expect(discuss.groups.map((g) => [g.id, g.votes])).toEqual([
      [merged.id, 3],
      [groupOf(glad.id), 2],
      [groupOf(sad.id), 0],
    ]);
    await api
      .post(dev2, `/retrospectives/${id}/notes`, {
        groupId: merged.id,
        text: 'Serve una checklist allo sportello',
      })
      .expect(201);
    const action = (
      await api
        .post(sm, `/retrospectives/${id}/action-items`, {
          text: 'Checklist degli allegati allo sportello',
          ownerId: dev2.id,
          dueDate: '2026-12-11',
          groupId: merged.id,
        })
        .expect(201)
    ).body as ActionItemDto;
    expect(action).toMatchObject({ status: 'open', ownerId: dev2.id, backlogItemId: null });
    const linked = (
      await api.post(po, `/retrospectives/${id}/action-items/${action.id}/to-backlog`).expect(201)
    ).body as ToBacklogResultDto;
    expect(linked.backlogItem).toMatchObject({
      title: 'Checklist degli allegati allo sportello',
      type: 'task',
      assigneeId: dev2.id,
    });
    expect(linked.actionItem).toMatchObject({
      backlogItemId: linked.backlogItem.id,
      status: 'todo',
    });
    const [row] = await t.db.query<{ backlog_item_id: string; title: string }[]>(
      `SELECT a.backlog_item_id, b.title FROM retro_action_items a
       JOIN backlog_items b ON b.id = a.backlog_item_id WHERE a.id = $1`,
      [action.id],
    );
    expect(row).toEqual({
      backlog_item_id: linked.backlogItem.id,
      title: 'Checklist degli allegati allo sportello',
    });

    await api.phase(sm, id, 'closed').expect(200);
    await api
      .post(dev1, `/retrospectives/${id}/cards`, { column: 'mad', text: 'tardi' })
      .expect(409);

    // Every socket got the same events in the same order, the backlog item among them.
    const count = clients[0].events.length;
    await waitFor(() => clients.every((c) => c.events.length === count));
    const types = (c: WireClient) => c.events.map((e) => `${e.seq}:${e.type}`);
    for (const c of clients) expect(types(c)).toEqual(types(clients[0]));
    const item = clients[3].events.find((e) => e.type === 'backlog_item.created') as EventEnvelope;
    expect(item.data).toMatchObject({
      item: { id: linked.backlogItem.id },
      source: { kind: 'retro_action_item', id: action.id },
    });
    const linkedEvent = clients[3].retro('retro.action_item_linked')[0];
    expect(linkedEvent.seq).toBe(item.seq + 1);
    expect(clients[0].retro().map((e) => e.type)).toEqual([
      'retro.created',
      ...Array(4).fill('retro.card_added'),
      'retro.phase_changed',
      'retro.group_created',
      'retro.card_moved',
      'retro.card_moved',
      'retro.group_created',
      'retro.group_deleted',
      'retro.phase_changed',
      ...Array(7).fill('retro.votes_changed'),
      'retro.phase_changed',
      'retro.note_added',
      'retro.action_item_created',
      'retro.action_item_linked',
      'retro.phase_changed',
    ]);
    const results = clients[1].retro('retro.phase_changed')[2].data as PhaseChanged;
    expect(results.results![0]).toEqual({ groupId: merged.id, votes: 3 });

    // Export: Markdown in the team's language, and JSON.
    const md = await api.get(dev1, `/retrospectives/${id}/export.md`).expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toContain('## Azioni');
    expect(md.text).toContain('Allegati** — 3 voti');
    expect(md.text).toContain('11 dicembre 2026');
    const json = await api.get(dev1, `/retrospectives/${id}/export.json`).expect(200);
    expect((json.body as RetrospectiveDto).actionItems).toHaveLength(1);

    // The next retrospective lists the previous action items with their status.
    const next = (await api.post(sm, `/teams/${team.id}/retrospectives`, {}).expect(201))
      .body as RetrospectiveDto;
    expect(next.previousRetrospectiveId).toBe(id);
    expect(next.previousActionItems).toEqual([
      expect.objectContaining({
        id: action.id,
        status: 'todo',
        backlogItemId: linked.backlogItem.id,
      }),
    ]);
    expect(next.title).toMatch(/^Retrospettiva /);
  });

  it('goes back a phase, keeps action items of a group that is undone, and times phases', async () => {
    const retro = (
      await api.post(sm, `/teams/${team.id}/retrospectives`, { template: 'sailboat' }).expect(201)
    ).body as RetrospectiveDto;
    const id = retro.id;
    await api
      .post(dev1, `/retrospectives/${id}/cards`, { column: 'rocks', text: 'Scadenze' })
      .expect(201);
    const timed = (
      await api
        .post(sm, `/retrospectives/${id}/phase`, { phase: 'group', durationSeconds: 300 })
        .expect(200)
    ).body as RetrospectiveDto;
    const ends = Date.parse(timed.phaseEndsAt!) - Date.parse(timed.serverTime);
    expect(ends).toBeGreaterThan(299_000);
    expect(ends).toBeLessThanOrEqual(300_000);
    await api.phase(sm, id, 'vote').expect(200);
    const discuss = (await api.phase(sm, id, 'discuss').expect(200)).body as RetrospectiveDto;
    const groupId = discuss.groups[0].id;
    const action = (
      await api
        .post(dev2, `/retrospectives/${id}/action-items`, { text: 'Calendario scadenze', groupId })
        .expect(201)
    ).body as ActionItemDto;
    await api.phase(sm, id, 'vote').expect(200);
    const back = (await api.phase(sm, id, 'group').expect(200)).body as RetrospectiveDto;
    expect(back.phaseEndsAt).toBeNull();
    await api
      .del(dev1, `/retrospectives/${id}/groups/${groupId}`, back.groups[0].version)
      .expect(204);
    const after = (await api.get(dev1, `/retrospectives/${id}`).expect(200))
      .body as RetrospectiveDto;
    expect(after.groups).toEqual([]);
    expect(after.actionItems).toEqual([expect.objectContaining({ id: action.id, groupId: null })]);

    await api.put(sm, `/retrospectives/${id}/timer`, { durationSeconds: 60 }).expect(200);
    await api.put(sm, `/retrospectives/${id}/timer`, { durationSeconds: null }).expect(200);
    await waitFor(() => clients[1].retro('retro.timer_set').length === 2);
    const [start, stop] = clients[1].retro('retro.timer_set').map((e) => e.data as Body);
    expect(Date.parse(start.endsAt as string) - Date.parse(start.serverTime as string)).toBe(
      60_000,
    );
    expect(stop).toMatchObject({ retrospectiveId: id, phase: 'group', endsAt: null });
    // The action item is marked done even after the retrospective closes: the follow-up.
    await api.phase(sm, id, 'vote').expect(200);
    await api.phase(sm, id, 'discuss').expect(200);
    await api.phase(sm, id, 'closed').expect(200);
    const done = await api
      .patch(
        dev2,
        `/retrospectives/${id}/action-items/${action.id}`,
        { done: true },
        action.version,
      )
      .expect(200);
    expect(done.body).toMatchObject({ done: true, status: 'done' });
    await api
      .patch(
        dev2,
        `/retrospectives/${id}/action-items/${action.id}`,
        { text: 'Altro' },
        action.version + 1,
      )
      .expect(409);
  });
});
