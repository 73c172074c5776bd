import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import type { ApiUser } from './api';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, kept away from the network (STACK-NOTES); Playwright gives it a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}

export type Lang = 'it' | 'en';

/** A fresh context (its own storage) in the given language, collecting page errors. */
export async function newContext(
  browser: Browser,
  lang: Lang = 'it',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: lang === 'it' ? 'it-IT' : 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  await context.addInitScript((l) => localStorage.setItem('ritmo.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A CSP refusal or a failed request shows here first.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  // Refusals the test means to cause (401 on an expired token, 404 of a preview) are filtered
  // by the test; anything else is a bug.
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return { context, page, errors };
}

/** Signs in through the sign-in page, as a person does. */
export async function signIn(page: Page, base: string, user: ApiUser, path = '/'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/sign-in/);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export async function signedInContext(
  browser: Browser,
  base: string,
  user: ApiUser,
  lang: Lang = 'it',
  path = '/',
) {
  const ctx = await newContext(browser, lang);
  await signIn(ctx.page, base, user, path);
  return ctx;
}

/** axe-core with the WCAG 2.1 A/AA rules; returns the violations (the test expects none). */
export async function axe(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: join('test-results', `${name}.png`), fullPage: true });
}

export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(`.ritmo-language button[lang=${lang}]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}
