import { backlogApi } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';

interface Card {
  id: string;
  parentId: string | null;
  openImpediments: { id: string; title: string }[];
}
interface Board {
  epics: { id: string; title: string; rank: string; archived: boolean; version: number }[];
  columns: { statusId: string; items: Card[] }[];
}

/**
 * The board names each card's epic (for swimlanes by epic) and the open impediments that name
 * it (the blocked marker); impediment events are what keeps an open board's marker live.
 */
describe('board: epics of the cards and blocked cards', () => {
  let t: TestApp;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let dev: TestUser;
  let sm: TestUser;
  let client: TestClient;
  let epic: { id: string; version: number };
  let otherEpic: { id: string; version: number };
  let story: { id: string };
  let loose: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    api = backlogApi(t);
    const f = new Factory(t);
    team = await f.team({ process: 'kanban' });
    dev = await f.member(team, 'developer');
    sm = await f.member(team, 'scrum_master');
    client = await connectClient(t.url, dev.token);
    await client.client.subscribe(team.id);
    const post = async (body: object) =>
      (await api.post(dev, `/teams/${team.id}/backlog-items`, body).expect(201)).body as {
        id: string;
        version: number;
      };
    epic = await post({ title: 'Sportello digitale', type: 'epic' });
    otherEpic = await post({ title: 'Mensa scolastica', type: 'epic' });
    story = await post({ title: 'Prenotazione appuntamenti', type: 'story', parentId: epic.id });
    loose = await post({ title: 'Aggiornare modulistica', type: 'task' });
  });
  afterAll(async () => {
    client.client.close();
    await t.close();
  });

  const board = async (): Promise<Board> =>
    (await api.get(dev, `/teams/${team.id}/board`).expect(200)).body as Board;
  const card = (b: Board, id: string) => b.columns.flatMap((c) => c.items).find((c) => c.id === id);

  it("lists the team's epics in backlog order and each card's epic", async () => {
    const b = await board();
    expect(b.epics.map((e) => [e.id, e.title, e.archived])).toEqual([
      [epic.id, 'Sportello digitale', false],
      [otherEpic.id, 'Mensa scolastica', false],
    ]);
    expect(b.epics[0].rank < b.epics[1].rank).toBe(true);
    expect(card(b, story.id)).toMatchObject({ parentId: epic.id, openImpediments: [] });
    expect(card(b, loose.id)).toMatchObject({ parentId: null, openImpediments: [] });
  });

  it('keeps an archived epic while a card still names it', async () => {
    await api.delete(sm, `/backlog-items/${otherEpic.id}`, otherEpic.version).expect(204);
    expect((await board()).epics.map((e) => e.id)).toEqual([epic.id]);
    const archivedParent = (await api.get(dev, `/backlog-items/${epic.id}`).expect(200)).body as {
      version: number;
    };
    await api.delete(sm, `/backlog-items/${epic.id}`, archivedParent.version).expect(204);
    const b = await board();
    expect(b.epics).toEqual([expect.objectContaining({ id: epic.id, archived: true })]);
    expect(card(b, story.id)?.parentId).toBe(epic.id);
  });

  it('marks a card blocked while an open impediment names it, in the board, the move and the rows', async () => {
    const raised = (
      await api
        .post(dev, `/teams/${team.id}/impediments`, {
          title: 'Manca la firma digitale',
          itemIds: [story.id],
        })
        .expect(201)
    ).body as { id: string; version: number };
    await waitFor(() =>
      client.events.some(
        (e) =>
          e.type === 'impediment.raised' &&
          (e.data as { impediment: { itemIds: string[] } }).impediment.itemIds.includes(story.id),
      ),
    );
    const [row] = await t.db.query<{ status: string; item_ids: string[] }[]>(
      `SELECT status, item_ids FROM impediments WHERE id = $1`,
      [raised.id],
    );
    expect(row).toEqual({ status: 'open', item_ids: [story.id] });
    let b = await board();
    expect(card(b, story.id)?.openImpediments).toEqual([
      { id: raised.id, title: 'Manca la firma digitale' },
    ]);
    expect(card(b, loose.id)?.openImpediments).toEqual([]);

    const target = b.columns[1].statusId;
    const moved = await api
      .post(dev, `/teams/${team.id}/board/moves`, { itemId: story.id, statusId: target })
      .expect(200);
    expect(moved.body.item.openImpediments).toEqual([
      { id: raised.id, title: 'Manca la firma digitale' },
    ]);
    expect(moved.body.item.parentId).toBe(epic.id);

    await api
      .patch(sm, `/impediments/${raised.id}`, { status: 'resolved' }, raised.version)
      .expect(200);
    await waitFor(() =>
      client.events.some(
        (e) =>
          e.type === 'impediment.updated' &&
          (e.data as { impediment: { status: string } }).impediment.status === 'resolved',
      ),
    );
    b = await board();
    expect(card(b, story.id)?.openImpediments).toEqual([]);
  });
});
