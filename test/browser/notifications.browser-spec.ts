import type { Browser, Page } from 'playwright-core';
import { addMember, call, createTeam, createUser } from './support/api';
import {
  axe,
  closeBrowser,
  launchBrowser,
  screenshot,
  signedInContext,
  switchLanguage,
} from './support/browser';
import { BrowserServer, startServer } from './support/server';

const bellCount = (page: Page) =>
  page.getByTestId('notifications-bell').getAttribute('data-unread').then(Number);

async function waitForCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) =>
      document.querySelector('[data-testid=notifications-bell]')?.getAttribute('data-unread') ===
      String(count),
    n,
    { timeout: 5_000 },
  );
}

/**
 * The bell and the notification preferences, with two people: a mention written in one
 * context raises the other context's bell without a reload; the panel marks read; the
 * preferences screen saves; 0 axe violations in Italian and English.
 */
describe('notifications: the bell, the panel and the preferences', () => {
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  it('a mention from context A raises B’s bell live; B reads it in the panel', async () => {
    const po = await createUser(server.url, 'Anna Ferretti');
    const dev = await createUser(server.url, 'Marco Bedeschi');
    const team = await createTeam(server.url, po);
    await addMember(server.url, team, po, dev, 'developer');
    const item = await call(server.url, 'POST', `/api/v1/teams/${team.id}/backlog-items`, {
      token: po.accessToken,
      body: { title: 'Contributi per le rette dei nidi' },
    });

    const a = await signedInContext(browser, server.url, dev, 'it', `/teams/${team.id}/backlog`);
    const b = await signedInContext(browser, server.url, po, 'it', '/');
    await b.page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    expect(await bellCount(b.page)).toBe(0);
    // Context A's person (the developer had an invitation notification: theirs, not B's).
    expect(await bellCount(a.page)).toBe(1);

    await call(server.url, 'POST', `/api/v1/backlog-items/${item.body.id}/comments`, {
      token: dev.accessToken,
      body: { body: `Può controllare la delibera, @${po.email}?` },
    });
    await waitForCount(b.page, 1);
    expect(await b.page.getByTestId('notifications-bell').getAttribute('aria-label')).toBe(
      'Notifiche: 1 non letta',
    );
    expect(await bellCount(a.page)).toBe(1);

    await b.page.getByTestId('notifications-bell').click();
    const panel = b.page.getByRole('region', { name: 'Notifiche' });
    await panel
      .getByText('Menzione di Marco Bedeschi in un commento su «Contributi per le rette dei nidi»')
      .waitFor();
    expect(await axe(b.page)).toEqual([]);
    await screenshot(b.page, 'notifications-panel-it');
    await panel.getByRole('button', { name: 'Segna come letta' }).click();
    await waitForCount(b.page, 0);

    // A second mention while the panel is open arrives in it, once.
    await call(server.url, 'POST', `/api/v1/backlog-items/${item.body.id}/comments`, {
      token: dev.accessToken,
      body: { body: `Ancora una cosa, @${po.email}.` },
    });
    await waitForCount(b.page, 1);
    await b.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=notifications-list] li').length === 2,
      undefined,
      { timeout: 5_000 },
    );
    await panel.getByRole('button', { name: 'Segna tutte come lette' }).click();
    await waitForCount(b.page, 0);
    await b.page.keyboard.press('Escape');
    expect(await b.page.getByTestId('notifications-bell').getAttribute('aria-expanded')).toBe(
      'false',
    );

    await switchLanguage(b.page, 'en');
    await b.page.getByTestId('notifications-bell').click();
    await b.page.getByRole('region', { name: 'Notifications' }).waitFor();
    expect(await axe(b.page)).toEqual([]);
    await screenshot(b.page, 'notifications-panel-en');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('the preferences screen saves a choice per kind and team, and the digest', async () => {
    const po = await createUser(server.url, 'Luisa Montanari');
    const team = await createTeam(server.url, po);
    const b = await signedInContext(browser, server.url, po, 'it', '/settings');
    await b.page.getByRole('heading', { name: 'Notifiche', exact: true }).waitFor();
    await b.page
      .getByLabel('Menzione in un commento (predefinito: In ritmo ed email subito)')
      .selectOption('digest');
    await b.page.locator(`#pref-${team.id}-assigned`).selectOption('off');
    await b.page.getByLabel('Ora di invio').fill('07:45');
    // Bootstrap Italia draws the box on the label, which takes the click.
    await b.page.locator('label[for=digest-day-6]').click();
    expect(await b.page.locator('#digest-day-6').isChecked()).toBe(true);
    expect(await axe(b.page)).toEqual([]);
    await b.page.getByRole('button', { name: 'Salva le preferenze' }).click();
    await b.page.getByText('Preferenze salvate.').waitFor();
    const saved = await call(server.url, 'GET', '/api/v1/me/notification-preferences', {
      token: po.accessToken,
    });
    expect(
      (saved.body.everyTeam as { kind: string; channel: string }[]).find(
        (p) => p.kind === 'mentioned',
      )?.channel,
    ).toBe('digest');
    expect(saved.body.teams[0].overrides).toEqual({ assigned: 'off' });
    expect(saved.body.digest).toEqual({
      digestTime: '07:45',
      timezone: 'Europe/Rome',
      digestDays: [1, 2, 3, 4, 5, 6],
    });
    await screenshot(b.page, 'notification-preferences-it');
    await switchLanguage(b.page, 'en');
    await b.page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
    expect(await axe(b.page)).toEqual([]);
    expect(b.errors).toEqual([]);
    await b.context.close();
  });
});
