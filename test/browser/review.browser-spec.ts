import type { Browser, Page } from 'playwright-core';
import { call, type ApiTeam, type ApiUser, seedTeam } from './support/api';
import { row, seedItems } from './support/backlog';
import {
  axe,
  closeBrowser,
  launchBrowser,
  screenshot,
  signedInContext,
  type Lang,
} from './support/browser';
import { plainDate } from './support/planning';
import { BrowserServer, startServer } from './support/server';

const TITLES = ['Pagamento della mensa con PagoPA', 'Avvisi di scadenza via SMS'];
const FEEDBACK = 'Aggiungere la ricevuta scaricabile dopo il pagamento';

const online = (page: Page) =>
  page.locator('[data-testid=connection-state][data-state=online]').waitFor({ timeout: 30_000 });

function decisionOf(page: Page, title: string) {
  return page
    .locator('[data-testid=review-item]', { hasText: title })
    .getByTestId('review-decision');
}

describe('a sprint review, live: decisions by the product owner, feedback by a stakeholder, feedback to the backlog', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let sm: ApiUser;
  let dev: ApiUser;
  let sh: ApiUser;
  let team: ApiTeam;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({
      team,
      po,
      members: [sm, dev, sh],
    } = await seedTeam(server.url, 'Anna Ferretti', [
      ['Marco Bedeschi', 'scrum_master'],
      ['Giulia Rinaldi', 'developer'],
      ['Elena Corradini', 'stakeholder'],
    ]));
    const items = await seedItems(server.url, team, po, TITLES);
    const { body: sprint } = await call(server.url, 'POST', `/api/v1/teams/${team.id}/sprints`, {
      token: po.accessToken,
      body: { name: 'Ciclo 4', startDate: plainDate(-10), endDate: plainDate(3) },
    });
    await call(server.url, 'POST', `/api/v1/sprints/${sprint.id}/items`, {
      token: po.accessToken,
      body: { ids: items.map((i) => i.id) },
    });
    await call(server.url, 'POST', `/api/v1/sprints/${sprint.id}/start`, { token: po.accessToken });
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  const open = async (user: ApiUser, lang: Lang, path = `/teams/${team.id}/review`) => {
    const ctx = await signedInContext(browser, server.url, user, lang, path);
    await online(ctx.page);
    return ctx;
  };

  it('the scrum master opens it; decisions and feedback show live; a feedback becomes a backlog item', async () => {
    const s = await open(sm, 'it');
    const p = await open(po, 'it');
    const k = await open(sh, 'en');
    const b = await open(dev, 'it', `/teams/${team.id}/backlog`);
    await p.page.getByText('La revisione di questo Sprint non è ancora stata aperta.').waitFor();
    expect(await axe(s.page)).toEqual([]);

    await s.page.getByRole('button', { name: 'Apri la revisione di «Ciclo 4»' }).click();
    for (const q of [s, p, k])
      await q.page.locator('[data-testid=review-item]', { hasText: TITLES[1] }).waitFor();
    // Only the product owner decides.
    expect(await s.page.getByRole('button', { name: /^Accetta «/ }).count()).toBe(0);
    await p.page.getByRole('button', { name: `Accetta «${TITLES[0]}»` }).click();
    await p.page.getByRole('button', { name: `Non accettare «${TITLES[1]}»` }).click();
    await decisionOf(k.page, TITLES[0])
      .filter({ hasText: /^accepted$/ })
      .waitFor();
    await decisionOf(k.page, TITLES[1]).filter({ hasText: 'not accepted' }).waitFor();
    await decisionOf(s.page, TITLES[0])
      .filter({ hasText: /^accettato$/ })
      .waitFor();

    // The stakeholder leaves feedback on the first item; it may not create backlog items.
    await k.page.getByLabel('New feedback').fill(FEEDBACK);
    await k.page.getByLabel('About').selectOption({ label: TITLES[0] });
    await k.page.getByRole('button', { name: 'Add the feedback' }).click();
    await s.page.getByTestId('feedback-text').filter({ hasText: FEEDBACK }).waitFor();
    expect(await s.page.getByTestId('feedback').innerText()).toContain(sh.displayName);
    expect(await k.page.getByRole('button', { name: /^Create a Backlog item/ }).count()).toBe(0);
    expect(await axe(k.page)).toEqual([]);

    // One click turns it into a backlog item, live in the backlog of another window.
    await s.page
      .getByRole('button', { name: `Crea un elemento nel Backlog dal commento «${FEEDBACK}»` })
      .click();
    await k.page.getByTestId('feedback-linked').waitFor();
    await row(b.page, FEEDBACK).waitFor();
    expect(await axe(p.page)).toEqual([]);
    await screenshot(s.page, 'review-it');
    await screenshot(k.page, 'review-en');

    expect([...s.errors, ...p.errors, ...k.errors, ...b.errors]).toEqual([]);
    for (const q of [s, p, k, b]) await q.context.close();
  });
});
