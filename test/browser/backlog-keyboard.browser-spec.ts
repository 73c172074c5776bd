import type { Browser, Page } from 'playwright-core';
import { addMember, createTeam, createUser, type ApiTeam, type ApiUser } from './support/api';
import { row, seedItems, serverOrder, shownOrder, waitForOrder } from './support/backlog';
import { axe, closeBrowser, launchBrowser, screenshot, signedInContext } from './support/browser';
import { BrowserServer, startServer } from './support/server';

const TITLES = ['Pagamento TARI online', 'Certificati via ANPR', 'Prenotazione sportello tributi'];

interface Focus {
  /** aria-label starts with this */
  label?: string;
  testid?: string;
  text?: string;
  tag?: string;
  lang?: string;
  type?: string;
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
async function tabTo(page: Page, want: Focus, max = 80, back = false) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const ok = await page.evaluate((w: Focus) => {
      const el = document.activeElement;
      if (!el) return false;
      return (
        (w.label === undefined || (el.getAttribute('aria-label') ?? '').startsWith(w.label)) &&
        (w.testid === undefined || el.getAttribute('data-testid') === w.testid) &&
        (w.text === undefined || el.textContent === w.text) &&
        (w.tag === undefined || el.tagName === w.tag) &&
        (w.lang === undefined || el.getAttribute('lang') === w.lang) &&
        (w.type === undefined || el.getAttribute('type') === w.type)
      );
    }, want);
    if (ok) return;
  }
  throw new Error(`focus never reached ${JSON.stringify(want)}`);
}

/** Asks again until the answer satisfies `ok` (5 s at most); returns the last answer. */
async function until<T>(ask: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await ask();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function announced(page: Page, text: string) {
  await page.locator('[aria-live]').filter({ hasText: text }).first().waitFor({ timeout: 5_000 });
}

describe('backlog grooming by keyboard alone, and the read-only view', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let viewer: ApiUser;
  let team: ApiTeam;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    po = await createUser(server.url, 'Anna Ferretti');
    viewer = await createUser(server.url, 'Giulia Rossi');
    team = await createTeam(server.url, po);
    await addMember(server.url, team, po, viewer, 'stakeholder');
    await seedItems(server.url, team, po, TITLES);
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  it('creates, moves (pick up, arrows, drop, cancel, "Sposta in…"), edits and opens items with no mouse event; 0 axe violations in it and en', async () => {
    const { context, page, errors } = await signedInContext(
      browser,
      server.url,
      po,
      'it',
      `/teams/${team.id}/backlog`,
    );
    await row(page, TITLES[0]).waitFor();
    await page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    // From here on only the keyboard: count every pointer event the page sees.
    await page.evaluate(() => {
      const w = window as unknown as { pointerEvents: number };
      w.pointerEvents = 0;
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'pointerup'])
        window.addEventListener(type, () => (w.pointerEvents += 1), true);
      (document.activeElement as HTMLElement | null)?.blur();
    });

    // Quick create: title and Enter.
    const created = 'Avviso pubblico contributi affitto';
    await tabTo(page, { testid: 'quick-create' });
    await page.keyboard.type(created);
    await page.keyboard.press('Enter');
    await announced(page, `«${created}» aggiunto in fondo al Backlog`);
    await waitForOrder(page, [...TITLES, created]);

    // Pick up with Space, three times up, drop with Space: it is first, everywhere.
    await tabTo(page, { label: 'Sposta «Avviso' });
    await page.keyboard.press('Space');
    await announced(page, 'preso: posizione 4 di 4');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await announced(page, 'Posizione 1 di 4');
    await page.keyboard.press('Space');
    await announced(page, `«${created}» spostato in posizione 1 di 4`);
    const top = [created, ...TITLES];
    await waitForOrder(page, top);
    expect(
      await until(
        () => serverOrder(server.url, team, po),
        (o) => JSON.stringify(o) === JSON.stringify(top),
      ),
    ).toEqual(top);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Sposta «${created}»`,
    );

    // Pick up, move, Escape: nothing changes.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await announced(page, `Spostamento annullato: «${created}» resta in posizione 1`);
    await waitForOrder(page, top);

    // "Sposta in…" → bottom, from the dialog, by keyboard.
    await tabTo(page, { label: 'Sposta in… «Avviso' });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'backlog-move-dialog-it');
    await tabTo(page, { type: 'radio' });
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'bottom',
    );
    await page.keyboard.press('Enter');
    await announced(page, `«${created}» spostato in posizione 4 di 4`);
    const bottom = [...TITLES, created];
    await waitForOrder(page, bottom);
    expect(
      await until(
        () => serverOrder(server.url, team, po),
        (o) => JSON.stringify(o) === JSON.stringify(bottom),
      ),
    ).toEqual(bottom);

    // Inline edits: estimate with the arrows of its select, title with the pencil.
    await tabTo(page, { label: `Stima di «${TITLES[0]}»` }, 80, true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // The scale starts 0, 1, 2…: two steps down from "no estimate" is 1.
    const estimate = await until(
      () => row(page, TITLES[0]).locator('select.ritmo-estimate').inputValue(),
      (v) => v === '1',
    );
    expect(estimate).toBe('1');
    await tabTo(page, { label: `Modifica il titolo di «${TITLES[1]}»` });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    const renamed = 'Certificati anagrafici via ANPR';
    await page.keyboard.type(renamed);
    await page.keyboard.press('Enter');
    await row(page, renamed).waitFor();
    expect(
      await until(
        () => serverOrder(server.url, team, po),
        (o) => JSON.stringify(o) === JSON.stringify([TITLES[0], renamed, TITLES[2], created]),
      ),
    ).toEqual([TITLES[0], renamed, TITLES[2], created]);

    // The drawer: Enter on a title opens it, Escape closes it, focus goes back.
    await tabTo(page, { text: TITLES[0], tag: 'BUTTON' }, 80, true);
    await page.keyboard.press('Enter');
    await page.getByTestId('item-drawer').locator('h2', { hasText: TITLES[0] }).waitFor();
    await page.getByTestId('item-history').locator('li').first().waitFor();
    expect(await page.getByTestId('item-drawer').locator('select').nth(1).inputValue()).toBe(
      estimate,
    );
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'backlog-drawer-it');
    await page.keyboard.press('Escape');
    await page.getByTestId('item-drawer').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(TITLES[0]);

    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'backlog-it');
    // English, chosen with the keyboard too.
    await tabTo(page, { lang: 'en', tag: 'BUTTON' }, 200, true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByRole('heading', { name: /Backlog — / }).waitFor();
    await page.getByText('New item at the bottom of the Backlog').waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'backlog-en');

    expect(
      await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents),
    ).toBe(0);
    expect(await shownOrder(page)).toEqual(await serverOrder(server.url, team, po));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a stakeholder reads the backlog with no control to change it, 0 axe violations', async () => {
    const { context, page, errors } = await signedInContext(
      browser,
      server.url,
      viewer,
      'it',
      `/teams/${team.id}/backlog`,
    );
    await page.getByTestId('read-only').waitFor();
    await page.locator('[data-testid=backlog-row]').first().waitFor();
    expect(await page.getByTestId('quick-create').count()).toBe(0);
    expect(await page.locator('.ritmo-handle, .ritmo-row select, .ritmo-select').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gestisci etichette' }).count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'backlog-stakeholder-it');
    expect(errors).toEqual([]);
    await context.close();
  });
});
