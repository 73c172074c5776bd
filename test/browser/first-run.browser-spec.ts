import type { Browser } from 'playwright-core';
import { call } from './support/api';
import {
  axe,
  closeBrowser,
  launchBrowser,
  newContext,
  screenshot,
  switchLanguage,
} from './support/browser';
import { BrowserServer, startServer } from './support/server';

const PASSWORD = 'Unione-Tresinaro-Secchia-2026!';

/**
 * A brand-new installation, as `npm start` leaves it: the start-up log offers the one-time
 * setup link; the first administrator is created in the browser, then a workspace and a team
 * from the home page. Every screen on the way: 0 axe violations in Italian and English.
 */
describe('first run in the browser', () => {
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

  it('creates the administrator from the setup link, then a workspace and a team', async () => {
    const link = /First run: open (http:\/\/\S+\/setup#[\w-]+)/.exec(server.log())?.[1];
    expect(link).toBeDefined();
    const setupUrl = (link as string).replace(/^http:\/\/localhost:\d+/, server.url);

    const { context, page, errors } = await newContext(browser, 'it');
    // Without the token there is no setup page.
    await page.goto(`${server.url}/setup`);
    await page.getByRole('heading', { name: 'Pagina non trovata' }).waitFor();
    const checked = page.waitForResponse((r) => r.url().endsWith('/api/v1/setup/check'));
    await page.goto(`${server.url}/setup#sbagliato`);
    expect((await checked).status()).toBe(404);
    await page.getByRole('heading', { name: 'Pagina non trovata' }).waitFor();
    expect(errors.splice(0)).toEqual([expect.stringMatching(/^404 .*\/api\/v1\/setup\/check$/)]);

    await page.goto(setupUrl);
    await page.getByRole('heading', { name: 'Primo avvio: amministratore' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'setup-it');
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'First run: administrator' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'setup-en');
    await switchLanguage(page, 'it');

    await page.getByLabel('Indirizzo email').fill('ced@unione.example');
    await page.getByLabel('Nome visualizzato').fill('Servizio Informatico');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Ripetere la password').fill(PASSWORD);
    await page.getByRole('button', { name: "Crea l'amministratore" }).click();

    await page.getByRole('heading', { name: 'I miei team' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('signed-in-as').filter({ hasText: 'Servizio Informatico' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'home-empty-it');

    // The link is spent: the server refuses it now.
    const reuse = await fetch(`${server.url}/api/v1/setup/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: setupUrl.split('#')[1] }),
    });
    expect(reuse.status).toBe(404);
    expect(reuse.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    await page.getByLabel("Nome dell'ente").fill('Unione Tresinaro Secchia');
    await page.getByRole('button', { name: "Crea l'ente" }).click();
    await page.getByRole('heading', { name: 'Ente: Unione Tresinaro Secchia' }).waitFor();
    await page.getByLabel('Nome del team').fill('Servizio Informatico Associato');
    await page.getByLabel('Modo di lavorare').selectOption('kanban');
    await page.getByRole('button', { name: 'Crea il team' }).click();
    const card = page
      .getByTestId('team-card')
      .filter({ hasText: 'Servizio Informatico Associato' });
    await card.waitFor();
    await card.getByText('ha creato il team').waitFor();
    expect(await card.textContent()).toContain('Kanban');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'home-it');
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'My teams' }).waitFor();
    await card.getByText('created the team').waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'home-en');

    // Rows: one administrator, one workspace with one team.
    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'ced@unione.example', password: PASSWORD },
    });
    const { body: teams } = await call(server.url, 'GET', '/api/v1/me/teams', {
      token: login.body.accessToken,
    });
    expect(teams).toMatchObject([
      {
        name: 'Servizio Informatico Associato',
        process: 'kanban',
        workspaceName: 'Unione Tresinaro Secchia',
        workspaceRole: 'admin',
      },
    ]);

    // Sign out, then the sign-in page in both languages.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'sign-in-en');
    await switchLanguage(page, 'it');
    await page.getByRole('heading', { name: 'Accesso' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'sign-in-it');
    await page.getByRole('link', { name: /Registrarsi/ }).click();
    await page.getByRole('heading', { name: 'Registrazione' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'register-it');
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'register-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
