import type { Browser, Page } from 'playwright-core';
import { addMember, call, createTeam, createUser, type ApiTeam, type ApiUser } from './support/api';
import { seedItems } from './support/backlog';
import {
  card,
  dragToColumn,
  header,
  serverBoard,
  setColumn,
  setWipMode,
  startSprint,
  waitForBoard,
  workflow,
} from './support/board';
import {
  axe,
  closeBrowser,
  launchBrowser,
  screenshot,
  signedInContext,
  switchLanguage,
  type Lang,
} from './support/browser';
import { BrowserServer, startServer } from './support/server';

const TITLES = [
  'Modulo iscrizione mensa scolastica',
  'Rimborso pre-scuola',
  'Certificati anagrafici via ANPR',
  'Prenotazione sportello tributi',
];
const [A, B, C, D] = TITLES;

describe('the live board and the workflow editor', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let sm: ApiUser;
  let dev: ApiUser;
  let team: ApiTeam;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    po = await createUser(server.url, 'Anna Ferretti');
    sm = await createUser(server.url, 'Giulia Montanari');
    dev = await createUser(server.url, 'Marco Bedeschi');
    team = await createTeam(server.url, po, { team: 'Servizi scolastici' });
    await addMember(server.url, team, po, sm, 'scrum_master');
    await addMember(server.url, team, po, dev, 'developer');
    await startSprint(server.url, team, po, TITLES);
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  const open = async (user: ApiUser, path = 'board', lang: Lang = 'it', target = team) => {
    const ctx = await signedInContext(
      browser,
      server.url,
      user,
      lang,
      `/teams/${target.id}/${path}`,
    );
    await ctx.page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    return ctx;
  };
  const openBoard = async (user: ApiUser, lang: Lang = 'it') => {
    const ctx = await open(user, 'board', lang);
    await card(ctx.page, A).waitFor();
    return ctx;
  };
  /** Waits until the page shows exactly these cards (a filter applied). */
  const onlyShown = (page: Page, titles: string[]) =>
    page.waitForFunction(
      (want) =>
        [...document.querySelectorAll('[data-testid=card-title]')]
          .map((t) => t.textContent)
          .join('|') === want.join('|'),
      titles,
      { timeout: 5_000 },
    );
  /** Refusals the test causes on purpose are expected; anything else is a bug. */
  const unexpected = (errors: string[], ...allowed: RegExp[]) =>
    errors.filter((e) => !allowed.some((a) => a.test(e)));

  it('a drag in one board shows in the other within 1 s, announced in the mover’s language', async () => {
    const a = await openBoard(dev);
    const b = await openBoard(sm);
    const moved = a.page.waitForResponse((r) => r.url().endsWith('/board/moves') && r.ok());
    await dragToColumn(a.page, A, 'In corso');
    await moved;
    const started = Date.now();
    await waitForBoard(b.page, { 'Da fare': [B, C, D], 'In corso': [A] }, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await serverBoard(server.url, team, po)).toMatchObject({
      'Da fare': [B, C, D],
      'In corso': [A],
    });
    await a.page
      .getByTestId('announcer')
      .filter({ hasText: `«${A}» spostata in «In corso»` })
      .waitFor();
    // Within a column: D to the top of "Da fare", seen by the other board.
    const reorder = a.page.waitForResponse((r) => r.url().endsWith('/board/moves') && r.ok());
    const from = await card(a.page, D).boundingBox();
    const to = await card(a.page, B).boundingBox();
    if (!from || !to) throw new Error('cards not visible');
    await a.page.mouse.move(from.x + 20, from.y + from.height / 2);
    await a.page.mouse.down();
    await a.page.mouse.move(from.x + 25, from.y + from.height / 2 - 10, { steps: 3 });
    await a.page.mouse.move(to.x + 20, to.y + 4, { steps: 12 });
    await a.page.mouse.move(to.x + 20, to.y + 2, { steps: 2 });
    await a.page.mouse.up();
    await reorder;
    await waitForBoard(b.page, { 'Da fare': [D, B, C] }, 1_000);
    expect((await serverBoard(server.url, team, po))['Da fare']).toEqual([D, B, C]);
    await screenshot(b.page, 'board-live-sm');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('a full column refuses the drop in refuse mode (server’s message, card back) and accepts it in warn mode, saying so', async () => {
    const wf = await workflow(server.url, team, sm);
    const doing = wf.statuses.find((s) => s.name === 'In corso');
    if (!doing) throw new Error('no In corso column');
    await setColumn(server.url, team, sm, doing, { wipLimit: 1 });
    const a = await openBoard(dev);
    const b = await openBoard(sm);
    await header(a.page, 'In corso').getByText('1 su 1 (limite WIP)').waitFor();
    await header(a.page, 'In corso').getByText('Al limite WIP').waitFor();

    const refused = a.page.waitForResponse((r) => r.url().endsWith('/board/moves'));
    await dragToColumn(a.page, B, 'In corso', 'board-wip-drag');
    expect((await refused).status()).toBe(409);
    await a.page
      .getByRole('alert')
      .filter({ hasText: 'La colonna ha raggiunto il suo limite WIP (1)' })
      .waitFor();
    await waitForBoard(a.page, { 'Da fare': [D, B, C], 'In corso': [A] });
    expect((await serverBoard(server.url, team, po))['In corso']).toEqual([A]);
    await a.page
      .locator('[aria-live=assertive]')
      .filter({ hasText: 'non spostata: La colonna ha raggiunto il suo limite WIP (1)' })
      .waitFor();
    await screenshot(a.page, 'board-wip-refused');

    await setWipMode(server.url, team, sm, 'warn');
    // The mode reaches both boards live.
    for (const page of [a.page, b.page])
      await page.getByTestId('wip-mode').filter({ hasText: 'come avviso' }).waitFor();
    const accepted = a.page.waitForResponse((r) => r.url().endsWith('/board/moves') && r.ok());
    await dragToColumn(a.page, B, 'In corso');
    expect((await (await accepted).json()).wipExceeded).toBe(true);
    await a.page
      .getByTestId('wip-warning')
      .filter({ hasText: '«In corso» supera il limite WIP (1)' })
      .waitFor();
    // Over the limit in words on the other board too, not by colour alone.
    await header(b.page, 'In corso').getByTestId('column-over-limit').waitFor({ timeout: 1_000 });
    expect(await header(b.page, 'In corso').getByTestId('column-count').textContent()).toBe(
      '2 su 1 (limite WIP)',
    );
    await screenshot(b.page, 'board-wip-warn');
    expect(unexpected(a.errors, /^409 .*\/board\/moves$/)).toEqual([]);
    expect(b.errors).toEqual([]);
    await setWipMode(server.url, team, sm, 'enforce');
    const now = await workflow(server.url, team, sm);
    const col = now.statuses.find((s) => s.id === doing.id);
    if (col) await setColumn(server.url, team, sm, col, { wipLimit: null });
    await a.context.close();
    await b.context.close();
  });

  it('keyboard only: pick up, arrows across and along columns, drop; cancel with Escape; every step announced', async () => {
    const a = await openBoard(sm);
    const b = await openBoard(dev);
    const handle = a.page.getByRole('button', { name: `Sposta «${C}»` });
    await handle.focus();
    await a.page.keyboard.press('Space');
    await a.page
      .getByTestId('announcer')
      .or(a.page.locator('[aria-live=assertive]'))
      .filter({ hasText: `«${C}» presa: colonna «Da fare»` })
      .first()
      .waitFor();
    await a.page.keyboard.press('ArrowRight');
    await a.page
      .locator('[aria-live=assertive]')
      .filter({ hasText: 'Colonna «In corso», posizione' })
      .waitFor();
    await a.page.keyboard.press('ArrowRight');
    await a.page
      .locator('[aria-live=assertive]')
      .filter({ hasText: 'Colonna «In revisione», posizione 1 di 1' })
      .waitFor();
    const moved = a.page.waitForResponse((r) => r.url().endsWith('/board/moves') && r.ok());
    await a.page.keyboard.press('Space');
    await moved;
    await a.page
      .getByTestId('announcer')
      .filter({ hasText: `«${C}» spostata in «In revisione», posizione 1 di 1` })
      .waitFor();
    await waitForBoard(b.page, { 'In revisione': [C] }, 1_000);
    // The focus stays on the card's handle; Escape cancels a second pick-up.
    expect(await a.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Sposta «${C}»`,
    );
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.press('ArrowLeft');
    await a.page.keyboard.press('Escape');
    await a.page
      .locator('[aria-live=assertive]')
      .filter({ hasText: `Spostamento annullato: «${C}» resta dov’era` })
      .waitFor();
    expect((await serverBoard(server.url, team, po))['In revisione']).toEqual([C]);
    await waitForBoard(a.page, { 'In revisione': [C] });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('quick filters and swimlanes live in the URL', async () => {
    const items = await call(server.url, 'GET', `/api/v1/teams/${team.id}/board`, {
      token: po.accessToken,
    });
    const cardA = (
      items.body.columns as { items: { id: string; title: string; version: number }[] }[]
    )
      .flatMap((c) => c.items)
      .find((i) => i.title === A);
    const { body: item } = await call(server.url, 'GET', `/api/v1/backlog-items/${cardA?.id}`, {
      token: po.accessToken,
    });
    await call(server.url, 'PATCH', `/api/v1/backlog-items/${item.id}`, {
      token: po.accessToken,
      headers: { 'If-Match': `"${item.version}"` },
      body: { assigneeId: dev.id, type: 'bug' },
    });
    const a = await open(dev, 'board?mine=true');
    await onlyShown(a.page, [A]);
    // Bootstrap Italia draws the box on the label: a person clicks the label.
    await a.page.getByText('Solo le proprie schede').click();
    await a.page.waitForURL((url) => !url.search.includes('mine'));
    await a.page.getByLabel('Tipo').selectOption('bug');
    await a.page.waitForURL(/type=bug/);
    await onlyShown(a.page, [A]);
    await a.page.getByLabel('Corsie').selectOption('assignee');
    await a.page.waitForURL(/lanes=assignee/);
    await a.page.getByRole('heading', { name: 'Marco Bedeschi' }).waitFor();
    await a.page.getByRole('button', { name: 'Togli i filtri' }).click();
    await a.page.getByRole('heading', { name: 'Senza assegnatario' }).waitFor();
    expect(new URL(a.page.url()).search).toBe('?lanes=assignee');
    await screenshot(a.page, 'board-swimlanes');
    expect(a.errors).toEqual([]);
    await a.context.close();
  });

  it('a stakeholder reads the board: no move handles, and the screen says why', async () => {
    const reader = await createUser(server.url, 'Paola Incerti');
    await addMember(server.url, team, po, reader, 'stakeholder');
    const a = await openBoard(reader);
    await a.page.getByTestId('read-only').waitFor();
    expect(await a.page.locator('[data-handle]').count()).toBe(0);
    expect(await a.page.getByRole('link', { name: 'Flusso di lavoro' }).count()).toBe(1);
    expect(a.errors).toEqual([]);
    await a.context.close();
  });

  it('the workflow editor adds, renames, reorders and deletes a column (its cards go where the scrum master says); the board follows live; a developer reads', async () => {
    const a = await open(sm, 'workflow');
    const b = await openBoard(dev);
    const rows = a.page.getByTestId('workflow-column');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);

    // Add.
    const form = a.page.locator('form', {
      has: a.page.getByRole('heading', { name: 'Nuova colonna' }),
    });
    await form.getByLabel('Nome').fill('In attesa del cittadino');
    await form.getByLabel('Categoria').selectOption('in_progress');
    await form.getByLabel('Limite WIP').fill('3');
    await form.getByRole('button', { name: 'Aggiungi colonna' }).click();
    await a.page.getByTestId('announcer').filter({ hasText: 'aggiunta in fondo' }).waitFor();
    await header(b.page, 'In attesa del cittadino').getByText('0 su 3 (limite WIP)').waitFor({
      timeout: 1_000,
    });

    // Rename.
    const row = rows.nth(4);
    await row.getByLabel('Nome').fill('In attesa');
    await row.getByRole('button', { name: 'Salva' }).click();
    await header(b.page, 'In attesa').waitFor({ timeout: 1_000 });

    // Reorder: one place left, before "Fatto".
    await a.page.getByRole('button', { name: 'Sposta «In attesa» a sinistra' }).click();
    await a.page
      .getByTestId('announcer')
      .filter({ hasText: 'Colonna «In attesa» spostata in posizione 4 di 5' })
      .waitFor();
    const names = async () => (await workflow(server.url, team, sm)).statuses.map((s) => s.name);
    expect(await names()).toEqual(['Da fare', 'In corso', 'In revisione', 'In attesa', 'Fatto']);
    await b.page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid=column-header] h2')]
          .map((h) => h.textContent)
          .join('|') === 'Da fare|In corso|In revisione|In attesa|Fatto',
      undefined,
      { timeout: 2_000 },
    );
    await screenshot(a.page, 'workflow-editor');

    // Delete with a card in it: the dialog asks where it goes.
    const waiting = (await workflow(server.url, team, sm)).statuses.find(
      (s) => s.name === 'In attesa',
    );
    const boardNow = await call(server.url, 'GET', `/api/v1/teams/${team.id}/board`, {
      token: po.accessToken,
    });
    const cardD = (boardNow.body.columns as { items: { id: string; title: string }[] }[])
      .flatMap((c) => c.items)
      .find((i) => i.title === D);
    await call(server.url, 'POST', `/api/v1/teams/${team.id}/board/moves`, {
      token: dev.accessToken,
      body: { itemId: cardD?.id, statusId: waiting?.id },
    });
    await waitForBoard(b.page, { 'In attesa': [D] });
    await a.page.getByRole('button', { name: 'Elimina «In attesa»' }).click();
    const dialog = a.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Elimina la colonna' }).click();
    await dialog.getByTestId('delete-in-use').filter({ hasText: 'c’è 1 elemento' }).waitFor();
    await screenshot(a.page, 'workflow-delete-dialog');
    await dialog.getByLabel('Sposta gli elementi in').selectOption({ label: 'Da fare (Da fare)' });
    await dialog.getByRole('button', { name: 'Sposta ed elimina' }).click();
    await a.page
      .getByTestId('announcer')
      .filter({ hasText: 'Colonna «In attesa» eliminata' })
      .waitFor();
    expect(await names()).toEqual(['Da fare', 'In corso', 'In revisione', 'Fatto']);
    await header(b.page, 'In attesa').waitFor({ state: 'detached', timeout: 2_000 });
    expect((await serverBoard(server.url, team, po))['Da fare']).toContain(D);
    await waitForBoard(b.page, { 'Da fare': (await serverBoard(server.url, team, po))['Da fare'] });

    // A developer reads the workflow, without controls.
    const c = await open(dev, 'workflow');
    await c.page.getByTestId('read-only').waitFor();
    expect(await c.page.getByRole('button', { name: 'Salva' }).count()).toBe(0);
    expect(await c.page.getByTestId('workflow-column').count()).toBe(4);
    expect(unexpected(a.errors, /^409 .*\/workflow\/statuses\//)).toEqual([]);
    expect([...b.errors, ...c.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
    await c.context.close();
  });

  it('a Kanban team’s continuous board shows aging on its cards', async () => {
    const { body: kanban } = await call(
      server.url,
      'POST',
      `/api/v1/workspaces/${team.workspaceId}/teams`,
      { token: po.accessToken, body: { name: 'Sportello anagrafe', process: 'kanban' } },
    );
    const k = {
      id: kanban.id as string,
      workspaceId: team.workspaceId,
      name: kanban.name as string,
    };
    await addMember(server.url, k, po, po, 'product_owner');
    await seedItems(server.url, k, po, ['Cambio di residenza', 'Carta d’identità elettronica']);
    const a = await open(po, 'board', 'it', k);
    await card(a.page, 'Cambio di residenza')
      .getByTestId('card-aging')
      .filter({ hasText: 'da oggi' })
      .waitFor();
    await a.page.getByText('Flusso continuo').waitFor();
    expect(await a.page.getByTestId('board-sprint').count()).toBe(0);
    await screenshot(a.page, 'board-kanban-aging');
    expect(await axe(a.page)).toEqual([]);
    expect(a.errors).toEqual([]);
    await a.context.close();
  });

  it('axe-core finds 0 violations on the board and the workflow editor, in Italian and English', async () => {
    for (const lang of ['it', 'en'] as const) {
      const board = await open(sm, 'board?lanes=assignee', lang);
      await card(board.page, A).waitFor();
      expect({ lang, screen: 'board', violations: await axe(board.page) }).toEqual({
        lang,
        screen: 'board',
        violations: [],
      });
      // A card picked up by the keyboard is still accessible.
      await board.page
        .getByRole('button', { name: lang === 'it' ? `Sposta «${A}»` : `Move “${A}”` })
        .focus();
      await board.page.keyboard.press('Space');
      expect(await axe(board.page)).toEqual([]);
      await board.page.keyboard.press('Escape');
      await screenshot(board.page, `board-${lang}`);
      const editor = await open(sm, 'workflow', lang);
      await editor.page.getByTestId('workflow-column').first().waitFor();
      expect({ lang, screen: 'workflow', violations: await axe(editor.page) }).toEqual({
        lang,
        screen: 'workflow',
        violations: [],
      });
      await editor.page
        .getByRole('button', { name: lang === 'it' ? 'Elimina «Fatto»' : 'Delete “Fatto”' })
        .click();
      expect(await axe(editor.page)).toEqual([]);
      await screenshot(editor.page, `workflow-${lang}`);
      await editor.page.keyboard.press('Escape');
      expect([...board.errors, ...editor.errors]).toEqual([]);
      await board.context.close();
      await editor.context.close();
    }
    // The language switch on an open board changes its texts.
    const c = await openBoard(dev);
    await switchLanguage(c.page, 'en');
    await c.page.getByRole('heading', { name: /^Board — / }).waitFor();
    await c.context.close();
  });
});
