import type { Browser, Page } from 'playwright-core';
import { addMember, call, createTeam, createUser, type ApiTeam, type ApiUser } from './support/api';
import { card, serverBoard, waitForBoard } from './support/board';
import {
  axe,
  closeBrowser,
  launchBrowser,
  screenshot,
  signedInContext,
  type Lang,
} from './support/browser';
import { BrowserServer, startServer } from './support/server';

const EPIC_1 = 'Sportello digitale';
const EPIC_2 = 'Mensa scolastica';
const [A, B, C, D] = [
  'Prenotazione appuntamenti online',
  'Pagamento PagoPA dei certificati',
  'Iscrizione al servizio mensa',
  'Aggiornare la modulistica',
];

interface Item {
  id: string;
  title: string;
  version: number;
}

describe('the board: lanes by epic, the blocked marker, the card drawer', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let sm: ApiUser;
  let dev: ApiUser;
  let team: ApiTeam;
  const items: Record<string, Item> = {};

  const post = async (user: ApiUser, path: string, body: unknown) =>
    (await call<Item>(server.url, 'POST', `/api/v1${path}`, { token: user.accessToken, body }))
      .body;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    po = await createUser(server.url, 'Anna Ferretti');
    sm = await createUser(server.url, 'Giulia Montanari');
    dev = await createUser(server.url, 'Marco Bedeschi');
    team = await createTeam(server.url, po, { team: 'Servizi al cittadino' });
    await addMember(server.url, team, po, sm, 'scrum_master');
    await addMember(server.url, team, po, dev, 'developer');
    const epic1 = await post(po, `/teams/${team.id}/backlog-items`, {
      title: EPIC_1,
      type: 'epic',
    });
    const epic2 = await post(po, `/teams/${team.id}/backlog-items`, {
      title: EPIC_2,
      type: 'epic',
    });
    for (const [title, parentId] of [
      [A, epic1.id],
      [B, epic1.id],
      [C, epic2.id],
      [D, null],
    ] as const)
      items[title] = await post(po, `/teams/${team.id}/backlog-items`, {
        title,
        type: 'story',
        parentId,
      });
    const today = new Date();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const sprint = await post(po, `/teams/${team.id}/sprints`, {
      name: 'Ciclo 1 — sportello',
      startDate: day(today),
      endDate: day(new Date(today.getTime() + 13 * 86_400_000)),
    });
    await post(po, `/sprints/${sprint.id}/items`, { ids: [A, B, C, D].map((t) => items[t].id) });
    await post(po, `/sprints/${sprint.id}/start`, undefined);
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  const open = async (user: ApiUser, query = '', lang: Lang = 'it') => {
    const ctx = await signedInContext(
      browser,
      server.url,
      user,
      lang,
      `/teams/${team.id}/board${query}`,
    );
    await ctx.page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    await card(ctx.page, A).waitFor();
    return ctx;
  };
  /** Lane headings (name and count) top to bottom, and the card titles of each lane. */
  const lanes = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('[data-testid=board-lane]')].map((lane) => ({
        name: lane.querySelector('[data-testid=lane-toggle]')?.textContent ?? '',
        expanded: lane.querySelector('[data-testid=lane-toggle]')?.getAttribute('aria-expanded'),
        cards: [...lane.querySelectorAll('[data-testid=card-title]')].map((t) => t.textContent),
      })),
    );
  const blocked = (page: Page, title: string) => card(page, title).getByTestId('card-blocked');

  it('lanes by epic in backlog order with counts, "no epic" last, folding, and a keyboard move inside a lane', async () => {
    const a = await open(sm);
    await a.page.getByLabel('Corsie').selectOption('epic');
    await a.page.waitForURL(/lanes=epic/);
    await a.page.getByTestId('lane-toggle').first().waitFor();
    expect(await lanes(a.page)).toEqual([
      { name: `${EPIC_1} — 2 schede`, expanded: 'true', cards: [A, B] },
      { name: `${EPIC_2} — 1 scheda`, expanded: 'true', cards: [C] },
      { name: 'Senza Epica — 1 scheda', expanded: 'true', cards: [D] },
    ]);
    // Folded: the heading keeps its count, the cards go.
    await a.page.getByRole('button', { name: new RegExp(`^${EPIC_1}`) }).click();
    expect((await lanes(a.page))[0]).toEqual({
      name: `${EPIC_1} — 2 schede`,
      expanded: 'false',
      cards: [],
    });
    expect(await axe(a.page)).toEqual([]);
    await a.page.getByRole('button', { name: new RegExp(`^${EPIC_1}`) }).press('Enter');
    await card(a.page, A).waitFor();

    // The keyboard path works inside a lane: B to "In corso", seen by another board.
    const b = await open(dev, '?lanes=epic');
    await a.page.getByRole('button', { name: `Sposta «${B}»` }).focus();
    await a.page.keyboard.press('Space');
    await a.page.keyboard.press('ArrowRight');
    const moved = a.page.waitForResponse((r) => r.url().endsWith('/board/moves') && r.ok());
    await a.page.keyboard.press('Enter');
    await moved;
    await waitForBoard(b.page, { 'Da fare': [A, C, D], 'In corso': [B] }, 1_000);
    expect((await serverBoard(server.url, team, po))['In corso']).toEqual([B]);
    expect((await lanes(b.page))[0]).toMatchObject({ name: `${EPIC_1} — 2 schede` });
    await screenshot(b.page, 'board-epic-lanes');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('an impediment raised on an item marks its card blocked on another open board within 1 s, in words; resolving it clears the mark', async () => {
    const a = await open(dev);
    const b = await open(sm);
    expect(await blocked(b.page, C).count()).toBe(0);
    const impediment = await post(dev, `/teams/${team.id}/impediments`, {
      title: 'Manca la convenzione con il gestore della mensa',
      itemIds: [items[C].id],
    });
    const started = Date.now();
    await blocked(b.page, C).waitFor({ timeout: 1_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await blocked(b.page, C).textContent()).toBe(
      'Bloccata: Manca la convenzione con il gestore della mensa',
    );
    expect(await card(b.page, C).getAttribute('data-blocked')).toBe('true');
    await blocked(a.page, C).waitFor({ timeout: 1_000 });
    expect(await blocked(b.page, A).count()).toBe(0);
    expect(await axe(b.page)).toEqual([]);
    await screenshot(b.page, 'board-blocked');
    await call(server.url, 'PATCH', `/api/v1/impediments/${impediment.id}`, {
      token: sm.accessToken,
      headers: { 'If-Match': `"${impediment.version}"` },
      body: { status: 'resolved' },
    });
    await blocked(b.page, C).waitFor({ state: 'detached', timeout: 1_000 });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('a card opens the item drawer (click or Enter), the URL names it, it stays live, and closing returns to the card', async () => {
    const a = await open(dev, '?lanes=epic');
    await card(a.page, A).getByTestId('card-title').click();
    const drawer = a.page.getByTestId('item-drawer');
    await drawer.getByRole('heading', { name: A }).waitFor();
    expect(new URL(a.page.url()).searchParams.get('item')).toBe(items[A].id);
    expect(new URL(a.page.url()).searchParams.get('lanes')).toBe('epic');
    // Its epic is one of the board's epics.
    expect(await drawer.getByLabel('Epica', { exact: true }).inputValue()).toBe(
      (await serverEpicOf(items[A].id)) ?? '',
    );
    // Someone else renames the item: the drawer and the card follow.
    const renamed = `${A} (con promemoria)`;
    const current = (
      await call(server.url, 'GET', `/api/v1/backlog-items/${items[A].id}`, {
        token: po.accessToken,
      })
    ).body as Item;
    await call(server.url, 'PATCH', `/api/v1/backlog-items/${items[A].id}`, {
      token: po.accessToken,
      headers: { 'If-Match': `"${current.version}"` },
      body: { title: renamed },
    });
    await drawer.getByRole('heading', { name: renamed }).waitFor({ timeout: 1_000 });
    await card(a.page, renamed).waitFor({ timeout: 1_000 });
    expect(await axe(a.page)).toEqual([]);
    await screenshot(a.page, 'board-drawer');
    await a.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(new URL(a.page.url()).searchParams.has('item')).toBe(false);
    expect(
      await a.page.evaluate(() => document.activeElement?.getAttribute('data-open-card')),
    ).toBe(items[A].id);
    // Enter on the focused title opens it again.
    await a.page.keyboard.press('Enter');
    await drawer.getByRole('heading', { name: renamed }).waitFor();

    // The shared link opens the same card in another person's browser; closing lands on it.
    const b = await signedInContext(
      browser,
      server.url,
      sm,
      'it',
      new URL(a.page.url()).pathname + new URL(a.page.url()).search,
    );
    await b.page.getByTestId('item-drawer').getByRole('heading', { name: renamed }).waitFor();
    await b.page.getByRole('button', { name: 'Chiudi', exact: true }).click();
    await b.page.getByTestId('item-drawer').waitFor({ state: 'detached' });
    expect(
      await b.page.evaluate(() => document.activeElement?.getAttribute('data-open-card')),
    ).toBe(items[A].id);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  async function serverEpicOf(itemId: string): Promise<string | null> {
    const { body } = await call(server.url, 'GET', `/api/v1/backlog-items/${itemId}`, {
      token: po.accessToken,
    });
    return (body as { parentId: string | null }).parentId;
  }

  it('axe-core finds 0 violations on the board with epic lanes, a blocked card and the drawer, in Italian and English', async () => {
    await post(dev, `/teams/${team.id}/impediments`, {
      title: 'Attesa del parere legale',
      itemIds: [items[D].id],
    });
    for (const lang of ['it', 'en'] as const) {
      const a = await open(sm, '?lanes=epic', lang);
      await blocked(a.page, D).waitFor();
      expect(await blocked(a.page, D).textContent()).toBe(
        lang === 'it' ? 'Bloccata: Attesa del parere legale' : 'Blocked: Attesa del parere legale',
      );
      await a.page
        .getByTestId('lane-toggle')
        .filter({ hasText: lang === 'it' ? 'Senza Epica' : 'No Epic' })
        .waitFor();
      expect({ lang, screen: 'board', violations: await axe(a.page) }).toEqual({
        lang,
        screen: 'board',
        violations: [],
      });
      await card(a.page, D).getByTestId('card-title').click();
      await a.page.getByTestId('item-drawer').getByRole('heading', { name: D }).waitFor();
      expect({ lang, screen: 'drawer', violations: await axe(a.page) }).toEqual({
        lang,
        screen: 'drawer',
        violations: [],
      });
      await screenshot(a.page, `board-lanes-${lang}`);
      expect(a.errors).toEqual([]);
      await a.context.close();
    }
  });
});
