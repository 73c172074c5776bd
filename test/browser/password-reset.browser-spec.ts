import type { Browser } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink';
import { createUser } from './support/api';
import {
  axe,
  closeBrowser,
  launchBrowser,
  newContext,
  screenshot,
  signedInContext,
  switchLanguage,
} from './support/browser';
import { BrowserServer, startServer } from './support/server';

const NEW_PASSWORD = 'Viano-Biblioteca-Comunale-2027!';

/**
 * "Password dimenticata?" end to end: from the sign-in page, through a real SMTP server (the
 * emailed link), to the new password; the session open in another browser ends.
 */
describe('forgotten password in the browser', () => {
  let sink: SmtpSink;
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    server = await startServer({ SMTP_URL: sink.url, MAIL_POLL_MS: '100' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
    await sink?.stop();
  });

  it('sends the link, sets the new password once, and signs out the other browser', async () => {
    const user = await createUser(server.url, 'Biblioteca di Viano');
    // Another device, signed in before the reset.
    const other = await signedInContext(browser, server.url, user);
    await other.page.getByRole('heading', { name: 'I miei team' }).waitFor();

    const { context, page, errors } = await newContext(browser, 'it');
    await page.goto(`${server.url}/sign-in`);
    await page.locator('#email').fill(user.email);
    await page.getByRole('link', { name: 'Password dimenticata?' }).click();
    await page.getByRole('heading', { name: 'Password dimenticata' }).waitFor();
    expect(await page.getByLabel('Indirizzo email').inputValue()).toBe(user.email);
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Forgotten password' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'it');

    // A malformed address: the field says why, in Italian.
    await page.getByLabel('Indirizzo email').fill('non-un-indirizzo');
    await page.getByRole('button', { name: 'Invia il collegamento' }).click();
    await page.getByText('deve essere un indirizzo email').waitFor();
    expect(errors.splice(0)).toEqual([expect.stringMatching(/^400 .*\/auth\/password-reset$/)]);

    await page.getByLabel('Indirizzo email').fill(user.email);
    await page.getByRole('button', { name: 'Invia il collegamento' }).click();
    await page.getByTestId('reset-requested').waitFor();
    expect(await page.getByTestId('reset-requested').textContent()).toContain(user.email);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'password-reset-requested-it');

    const [received] = await sink.waitFor(1);
    expect(received.envelopeTo).toEqual([user.email]);
    expect(received.mail.subject).toBe('Reimposta la password di ritmo');
    const link = /(http:\/\/\S+\/reset-password#ritmo_pwr_[\w-]+)/.exec(
      received.mail.text ?? '',
    )?.[1];
    expect(link).toBeDefined();
    // PUBLIC_URL is unset: links name http://localhost:PORT, the address of this server.
    const resetUrl = (link as string).replace(/^http:\/\/localhost:\d+/, server.url);

    await page.goto(resetUrl);
    await page.getByRole('heading', { name: 'Nuova password' }).waitFor();
    // The token left the address bar.
    expect(new URL(page.url()).hash).toBe('');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'password-reset-it');
    await page.getByLabel('Nuova password').fill('corta');
    await page.getByRole('button', { name: 'Salva la nuova password' }).click();
    await page.locator('#reset-password-error').waitFor();
    expect(errors.splice(0)).toEqual([
      expect.stringMatching(/^400 .*\/auth\/password-reset\/confirm$/),
    ]);
    expect(await axe(page)).toEqual([]);

    await page.getByLabel('Nuova password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Salva la nuova password' }).click();
    await page.getByRole('heading', { name: 'I miei team' }).waitFor();
    await page.getByTestId('signed-in-as').filter({ hasText: 'Biblioteca di Viano' }).waitFor();
    expect(errors).toEqual([]);

    // The other browser's session is over: at its next start it is asked to sign in again.
    await other.page.reload();
    await other.page.waitForURL(/\/sign-in/);
    await other.page.getByText('La sessione è scaduta').waitFor();
    // Its refresh was refused (401), and so was what it asked with no token left.
    expect(other.errors.filter((e) => !e.startsWith('401 '))).toEqual([]);
    expect(other.errors).toContainEqual(expect.stringMatching(/^401 .*\/auth\/refresh$/));
    // And the old password no longer works there; the new one does.
    await other.page.locator('#email').fill(user.email);
    await other.page.locator('#password').fill(user.password);
    await other.page.locator('form button[type=submit]').click();
    await other.page.getByRole('alert').waitFor();
    await other.page.locator('#password').fill(NEW_PASSWORD);
    await other.page.locator('form button[type=submit]').click();
    await other.page.getByRole('heading', { name: 'I miei team' }).waitFor();

    // The link works once.
    const again = await newContext(browser, 'en');
    await again.page.goto(resetUrl);
    await again.page.getByRole('heading', { name: 'New password' }).waitFor();
    await again.page.getByLabel('New password').fill('Un-altra-Password-2028!');
    await again.page.getByRole('button', { name: 'Save the new password' }).click();
    await again.page.getByRole('heading', { name: 'Link no longer valid' }).waitFor();
    expect(await axe(again.page)).toEqual([]);
    await screenshot(again.page, 'password-reset-spent-en');
    expect(again.errors).toEqual([
      expect.stringMatching(/^410 .*\/auth\/password-reset\/confirm$/),
    ]);

    await Promise.all([context.close(), other.context.close(), again.context.close()]);
  });
});
