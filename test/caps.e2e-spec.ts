import { io, Socket } from 'socket.io-client';
import { SessionTokensService } from '../src/identity/auth/session-tokens.service';
import { TransactionService } from '../src/database/transaction.service';
import { UsersRepository } from '../src/identity/users/users.repository';
import { MAX_CARDS_PER_RETRO } from '../src/retrospective/cards.service';
import { MAX_SOCKETS_PER_CREDENTIAL } from '../src/realtime/realtime.gateway';
import { BACKLOG_TEST_ENV } from './support/backlog';
import { Factory } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { retroApi } from './support/retro';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 20, item 16: 500 sockets on one token (RSS 255 → 348 MB) and 300 cards in one
 * retrospective were accepted. Both are capped, with a problem that says so.
 */
describe('caps', () => {
  let t: TestApp;
  let f: Factory;
  const sockets: Socket[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    f = new Factory(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of clients) c.client.close();
    await t?.close();
  });

  /** Resolves with the connect_error's message and detail, or 'connected'. */
  function attempt(token: string): Promise<{ message: string; detail?: string }> {
    const socket = io(`${t.url}/realtime`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ message: 'connected' }));
      socket.once('connect_error', (error: Error & { data?: { detail?: string } }) =>
        resolve({ message: error.message, detail: error.data?.detail }),
      );
    });
  }

  it(`one session holds at most ${MAX_SOCKETS_PER_CREDENTIAL} sockets; another session has its own`, async () => {
    const user = await f.user();
    const first: Socket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_CREDENTIAL; i++) {
      expect(await attempt(user.token)).toEqual({ message: 'connected' });
      first.push(sockets.at(-1)!);
    }
    expect(await attempt(user.token)).toEqual({
      message: 'too-many-connections',
      detail: `At most ${MAX_SOCKETS_PER_CREDENTIAL} sockets per session or API token on one server: close one first`,
    });

    // The same person signed in elsewhere (another session) is not affected.
    const row = (await t.ritmo.app.get(UsersRepository).findById(user.id))!;
    const other = await t.ritmo.app
      .get(TransactionService)
      .run((m) => t.ritmo.app.get(SessionTokensService).issue(m, row));
    expect(await attempt(other.accessToken)).toEqual({ message: 'connected' });

    // Closing one makes room for one (as soon as the server has seen it go).
    first[0].close();
    let again = await attempt(user.token);
    for (let i = 0; again.message !== 'connected' && i < 50; i++) again = await attempt(user.token);
    expect(again).toEqual({ message: 'connected' });
  });

  it(`a retrospective holds at most ${MAX_CARDS_PER_RETRO} cards; the next is a 409 naming the cap`, async () => {
    const api = retroApi(t);
    const team = await f.team();
    const sm = await f.member(team, 'scrum_master');
    const dev = await f.member(team, 'developer');
    const retro = (
      await api
        .post(sm, `/teams/${team.id}/retrospectives`, { template: 'mad_sad_glad' })
        .expect(201)
    ).body as { id: string };
    // Fill it up to one below the cap in SQL, then the last one through the API.
    await t.db.query(
      `INSERT INTO retro_cards (team_id, retro_id, column_key, text, author_id, revealed)
       SELECT $1, $2, 'glad', 'Scheda ' || n, $3, true FROM generate_series(1, $4::int) AS n`,
      [team.id, retro.id, dev.id, MAX_CARDS_PER_RETRO - 1],
    );
    const watcher = await connectClient(t.url, sm.token);
    clients.push(watcher);
    await watcher.client.subscribe(team.id);
    await api
      .post(dev, `/retrospectives/${retro.id}/cards`, { column: 'sad', text: "L'ultima" })
      .expect(201);
    await waitFor(() => watcher.events.length === 1, 5_000, 'the last card’s event');
    expect(watcher.events[0].type).toBe('retro.card_added');
    const events = async () =>
      (
        await t.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM events WHERE team_id = $1`,
          [team.id],
        )
      )[0].n;
    const before = await events();

    for (const [lang, detail] of [
      ['en', `A retrospective holds at most ${MAX_CARDS_PER_RETRO} cards`],
      ['it', `Una retrospettiva contiene al massimo ${MAX_CARDS_PER_RETRO} schede`],
    ]) {
      const res = await api
        .post(dev, `/retrospectives/${retro.id}/cards`, { column: 'sad', text: 'Una di troppo' })
        .set('Accept-Language', lang)
        .expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: 'urn:ritmo:problem:retro-card-limit',
        detail,
        max: MAX_CARDS_PER_RETRO,
      });
    }
    const [{ cards }] = await t.db.query<{ cards: number }[]>(
      `SELECT count(*)::int AS cards FROM retro_cards WHERE retro_id = $1`,
      [retro.id],
    );
    expect(cards).toBe(MAX_CARDS_PER_RETRO);
    expect(await events()).toBe(before);
  });
});
