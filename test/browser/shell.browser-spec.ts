import type { Browser } from 'playwright-core';
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

describe('app shell and the live backlog list', () => {
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

  it('shows a change made elsewhere without a reload, online, with 0 axe violations in both languages', async () => {
    const po = await createUser(server.url, 'Anna Ferretti');
    const dev = await createUser(server.url, 'Marco Bedeschi');
    const team = await createTeam(server.url, po);
    await addMember(server.url, team, po, dev, 'developer');
    await call(server.url, 'POST', `/api/v1/teams/${team.id}/backlog-items`, {
      token: po.accessToken,
      body: { title: 'Pagamento TARI online con PagoPA' },
    });

    const path = `/teams/${team.id}/backlog`;
    const a = await signedInContext(browser, server.url, po, 'it', path);
    const b = await signedInContext(browser, server.url, dev, 'it', path);
    expect(new URL(a.page.url()).pathname).toBe(path);
    for (const { page } of [a, b]) {
      await page.getByText('Pagamento TARI online con PagoPA').waitFor();
      await page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    }
    expect(await b.page.getByTestId('connection-state').textContent()).toContain('In linea');
    expect(await b.page.evaluate(() => document.documentElement.lang)).toBe('it');

    await call(server.url, 'POST', `/api/v1/teams/${team.id}/backlog-items`, {
      token: po.accessToken,
      body: { title: 'Certificati anagrafici via ANPR' },
    });
    await b.page.getByText('Certificati anagrafici via ANPR').waitFor({ timeout: 5_000 });

    expect(await axe(b.page)).toEqual([]);
    await screenshot(b.page, 'backlog-list-it');
    await switchLanguage(b.page, 'en');
    await b.page.locator('[data-testid=connection-state]', { hasText: 'Online' }).waitFor();
    expect(await axe(b.page)).toEqual([]);
    await screenshot(b.page, 'backlog-list-en');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
