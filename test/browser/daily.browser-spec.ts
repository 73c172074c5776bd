import type { Browser, Page } from 'playwright-core';
import { call, type ApiTeam, type ApiUser, seedTeam } from './support/api';
import {
  axe,
  closeBrowser,
  launchBrowser,
  screenshot,
  signedInContext,
  type Lang,
} from './support/browser';
import { BrowserServer, startServer } from './support/server';

const TODAY = {
  first: 'Ho controllato le domande di iscrizione alla mensa',
  second: 'Preparo le risposte ai genitori di Rubiera',
  third: 'Manca il timbro del protocollo sulle domande cartacee',
};
const YESTERDAY = 'Ho sistemato gli orari dello sportello anagrafe';

const online = (page: Page) =>
  page.locator('[data-testid=connection-state][data-state=online]').waitFor({ timeout: 30_000 });

function entryOf(page: Page, name: string) {
  return page.locator('[data-testid=daily-entry]', { has: page.getByRole('heading', { name }) });
}

describe('daily scrum on two days, live in three windows, with an impediment raised and resolved', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let sm: ApiUser;
  let dev1: ApiUser;
  let dev2: ApiUser;
  let team: ApiTeam;
  let prompts: { key: string; text: string }[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({
      team,
      po,
      members: [sm, dev1, dev2],
    } = await seedTeam(server.url, 'Anna Ferretti', [
      ['Marco Bedeschi', 'scrum_master'],
      ['Giulia Rinaldi', 'developer'],
      ['Paolo Ganassi', 'developer'],
    ]));
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await call(
      server.url,
      'GET',
      `/api/v1/teams/${team.id}/daily-scrums/${today}`,
      {
        token: po.accessToken,
      },
    );
    prompts = body.prompts;
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  const open = async (user: ApiUser, lang: Lang) => {
    const ctx = await signedInContext(browser, server.url, user, lang, `/teams/${team.id}/daily`);
    await online(ctx.page);
    await ctx.page.getByTestId('daily-date').waitFor();
    return ctx;
  };

  it('answers appear live; an answer becomes an impediment, resolved by the scrum master; the day before keeps its own', async () => {
    const d1 = await open(dev1, 'it');
    const d2 = await open(dev2, 'en');
    const s = await open(sm, 'it');
    await d1.page.getByRole('heading', { level: 1, name: 'Daily Scrum' }).waitFor();
    expect(await axe(d1.page)).toEqual([]);
    expect(await axe(d2.page)).toEqual([]);

    const [p1, p2, p3] = prompts;
    await d1.page.getByLabel(p1.text).fill(TODAY.first);
    await d1.page.getByLabel(p2.text).fill(TODAY.second);
    await d1.page.getByLabel(p3.text).fill(TODAY.third);
    await d1.page.getByRole('button', { name: 'Salva le risposte' }).click();
    // Live in the other windows, and off their "not yet" list.
    for (const q of [d2, s]) {
      await entryOf(q.page, dev1.displayName).filter({ hasText: TODAY.third }).waitFor();
      await q.page.waitForFunction(
        (name) =>
          !(document.querySelector('[data-testid=daily-missing]')?.textContent ?? '').includes(
            name,
          ),
        dev1.displayName,
      );
    }
    expect(await d2.page.getByTestId('daily-missing').textContent()).toContain(dev2.displayName);

    // The answer about what is in the way becomes an impediment, for everyone.
    await d1.page
      .getByRole('button', { name: `Segnala come impedimento la risposta a «${p3.text}»` })
      .click();
    for (const q of [d1, d2, s])
      await q.page.getByTestId('impediment-title').filter({ hasText: TODAY.third }).waitFor();
    // The scrum master gives it an owner and resolves it; the others see it resolved.
    await s.page
      .getByLabel(`Chi se ne occupa: «${TODAY.third}»`)
      .selectOption({ label: dev1.displayName });
    await d2.page.getByText(`owned by ${dev1.displayName}`).waitFor();
    await s.page.getByRole('button', { name: `Segna come risolto «${TODAY.third}»` }).click();
    await d1.page.locator('[data-testid=impediment][data-status=resolved]').waitFor();
    await d2.page.getByTestId('impediment-status').filter({ hasText: 'resolved on' }).waitFor();
    expect(await axe(s.page)).toEqual([]);
    await screenshot(s.page, 'daily-today-it');

    // The day before: its own answers, live too; today's stay on today.
    await d1.page.getByRole('link', { name: 'Giorno precedente' }).click();
    await d1.page.getByText('Nessuna risposta per questo giorno.').waitFor();
    await d1.page.getByLabel(p1.text).fill(YESTERDAY);
    await d1.page.getByRole('button', { name: 'Salva le risposte' }).click();
    await d2.page.getByRole('link', { name: 'Previous day' }).click();
    await entryOf(d2.page, dev1.displayName).filter({ hasText: YESTERDAY }).waitFor();
    expect(await entryOf(d2.page, dev1.displayName).innerText()).not.toContain(TODAY.first);
    await d2.page.getByRole('link', { name: 'Today' }).click();
    await entryOf(d2.page, dev1.displayName).filter({ hasText: TODAY.first }).waitFor();
    expect(await entryOf(d2.page, dev1.displayName).innerText()).not.toContain(YESTERDAY);
    expect(await axe(d2.page)).toEqual([]);
    await screenshot(d2.page, 'daily-en');

    expect([...d1.errors, ...d2.errors, ...s.errors]).toEqual([]);
    for (const q of [d1, d2, s]) await q.context.close();
  });
});
