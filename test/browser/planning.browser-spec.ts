import type { Browser, Page } from 'playwright-core';
import { addMember, call, createTeam, createUser, type ApiTeam, type ApiUser } from './support/api';
import { seedItems, serverOrder } from './support/backlog';
import {
  axe,
  closeBrowser,
  launchBrowser,
  screenshot,
  signedInContext,
  type Lang,
} from './support/browser';
import {
  completedSprint,
  dragIntoSprint,
  dragToBacklog,
  estimate,
  finish,
  panelRow,
  plainDate,
  sprintTitles,
  waitForPanel,
} from './support/planning';
import { BrowserServer, startServer } from './support/server';

const HISTORY = ['Orari estivi della biblioteca di Scandiano', "Pubblicazione all'albo pretorio"];
const TITLES = [
  'Iscrizioni alla mensa scolastica online',
  'Rimborso TARI per i residenti di Rubiera',
  'Prenotazione dello sportello anagrafe',
  'Modulo pre-scuola di Casalgrande',
  'Avvisi di pagamento PagoPA',
];
const POINTS = [3, 2, 5, 1, 2];
const GOAL = 'Iscrizioni e rimborsi online per le famiglie';

async function announced(page: Page, text: string) {
  await page.locator('[aria-live]').filter({ hasText: text }).first().waitFor({ timeout: 5_000 });
}

/** Presses Tab until the focused element's aria-label starts with `label`. */
async function tabTo(page: Page, label: string, max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const ok = await page.evaluate(
      (l) => (document.activeElement?.getAttribute('aria-label') ?? '').startsWith(l),
      label,
    );
    if (ok) return;
  }
  throw new Error(`focus never reached ${label}`);
}

const it2 = (n: number) => new Intl.NumberFormat('it').format(n);

describe('sprint planning and closing, live in two windows (product owner and scrum master)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let sm: ApiUser;
  let team: ApiTeam;
  let sprintId = '';
  let nextSprintId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    po = await createUser(server.url, 'Anna Ferretti');
    sm = await createUser(server.url, 'Marco Bedeschi');
    team = await createTeam(server.url, po);
    await addMember(server.url, team, po, sm, 'scrum_master');
    // One sprint done (5 points): the velocity the forecast compares the commitment with.
    const history = await seedItems(server.url, team, po, HISTORY);
    await estimate(server.url, po, history, [3, 2]);
    await completedSprint(
      server.url,
      team,
      po,
      'Sprint 1',
      history.map((i) => i.id),
    );
    const items = await seedItems(server.url, team, po, TITLES);
    await estimate(server.url, po, items, POINTS);
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  const open = async (user: ApiUser, lang: Lang = 'it') => {
    const ctx = await signedInContext(
      browser,
      server.url,
      user,
      lang,
      `/teams/${team.id}/planning`,
    );
    await ctx.page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    await ctx.page.locator('h1').waitFor();
    return ctx;
  };

  it('a sprint created, dated and filled in one window shows in the other; a drag shows within 1 s', async () => {
    const a = await open(po);
    const b = await open(sm);
    await a.page.getByText('Nessuno Sprint aperto').waitFor();
    await a.page.getByRole('button', { name: 'Nuovo Sprint' }).click();
    // The other window picks the new sprint up from the event.
    await b.page.waitForFunction(
      () =>
        [...document.querySelectorAll('#sprint-picker option')].some((o) =>
          (o.textContent ?? '').startsWith('Sprint 2'),
        ),
      undefined,
      { timeout: 2_000 },
    );
    const { body: sprints } = await call(server.url, 'GET', `/api/v1/teams/${team.id}/sprints`, {
      token: po.accessToken,
    });
    sprintId = (sprints as { id: string; name: string }[]).find((s) => s.name === 'Sprint 2')!.id;

    await a.page.getByLabel('Data di inizio').fill(plainDate(0));
    await a.page.getByLabel('Data di fine').fill(plainDate(13));
    await a.page.getByLabel('Obiettivo').fill(GOAL);
    await a.page.getByTestId('sprint-details').getByRole('button', { name: 'Salva' }).click();
    await b.page.waitForFunction(
      (goal) => document.querySelector('textarea')?.value === goal,
      GOAL,
      { timeout: 2_000 },
    );
    // The scrum master edits the goal while the product owner renames: the later save gets the
    // conflict dialog with both values, and applies theirs on the current version.
    const mine = `${GOAL}, con avviso via PEC`;
    await b.page.getByLabel('Obiettivo').fill(mine);
    await a.page.getByLabel('Nome', { exact: true }).fill('Sprint 2 — iscrizioni');
    const renamed = a.page.waitForResponse(
      (r) => r.url().endsWith(`/sprints/${sprintId}`) && r.ok(),
    );
    await a.page.getByTestId('sprint-details').getByRole('button', { name: 'Salva' }).click();
    await renamed;
    await b.page.waitForFunction(
      () =>
        [...document.querySelectorAll('#sprint-picker option')].some((o) =>
          (o.textContent ?? '').startsWith('Sprint 2 — iscrizioni'),
        ),
      undefined,
      { timeout: 2_000 },
    );
    await b.page.getByTestId('sprint-details').getByRole('button', { name: 'Salva' }).click();
    const conflict = b.page.getByTestId('conflict-table');
    await conflict.waitFor();
    expect(await conflict.locator('tbody tr').allTextContents()).toEqual([
      `Obiettivo${GOAL}${mine}`,
    ]);
    await b.page.getByRole('button', { name: 'Applica il proprio sulla versione attuale' }).click();
    await a.page.waitForFunction(
      (goal) => document.querySelector('textarea')?.value === goal,
      mine,
      {
        timeout: 2_000,
      },
    );
    const { body: current } = await call(server.url, 'GET', `/api/v1/sprints/${sprintId}`, {
      token: po.accessToken,
    });
    expect([current.name, current.goal]).toEqual(['Sprint 2 — iscrizioni', mine]);

    await panelRow(a.page, 'backlog', TITLES[0]).waitFor();
    const added = a.page.waitForResponse(
      (r) => r.url().endsWith(`/sprints/${sprintId}/items`) && r.ok(),
    );
    await dragIntoSprint(a.page, TITLES[0], 'bottom');
    await added;
    const started = Date.now();
    await waitForPanel(b.page, 'sprint', [TITLES[0]], 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    await announced(a.page, `«${TITLES[0]}» aggiunto allo Sprint «Sprint 2 — iscrizioni»`);
    // Out of the other window's backlog as well.
    expect(await panelRow(b.page, 'backlog', TITLES[0]).count()).toBe(0);

    // A second item dropped on top of the sprint, then the scrum master reorders with "Sposta in…".
    const second = a.page.waitForResponse((r) => r.url().endsWith('/items') && r.ok());
    await dragIntoSprint(a.page, TITLES[1], 'top');
    await second;
    await waitForPanel(a.page, 'sprint', [TITLES[1], TITLES[0]]);
    await waitForPanel(b.page, 'sprint', [TITLES[1], TITLES[0]]);
    await panelRow(b.page, 'sprint', TITLES[0])
      .getByRole('button', { name: /^Sposta in…/ })
      .click();
    await b.page.locator('label', { hasText: 'In cima allo Sprint' }).click();
    await b.page.getByRole('button', { name: 'Sposta', exact: true }).click();
    await waitForPanel(a.page, 'sprint', [TITLES[0], TITLES[1]], 1_000);
    expect(await sprintTitles(server.url, team, po, sprintId)).toEqual([TITLES[0], TITLES[1]]);
    // Out again by pointer, and back in at the bottom.
    await dragToBacklog(a.page, TITLES[1]);
    await waitForPanel(b.page, 'sprint', [TITLES[0]], 1_000);
    await panelRow(b.page, 'backlog', TITLES[1]).waitFor({ timeout: 1_000 });
    await announced(a.page, `«${TITLES[1]}» tolto dallo Sprint e riportato nel Backlog.`);
    await dragIntoSprint(a.page, TITLES[1], 'bottom');
    await waitForPanel(b.page, 'sprint', [TITLES[0], TITLES[1]], 1_000);
    expect(await sprintTitles(server.url, team, po, sprintId)).toEqual([TITLES[0], TITLES[1]]);
    await screenshot(a.page, 'planning-live-po');
    const isConflict = (e: string) => e.startsWith('412 ');
    expect([...a.errors, ...b.errors].filter((e) => !isConflict(e))).toEqual([]);
    expect(b.errors.filter(isConflict)).toHaveLength(1);
    await a.context.close();
    await b.context.close();
  });

  it('capacity saved in one window shows in the other; the forecast warns when the commitment passes the velocity', async () => {
    const a = await open(po);
    const b = await open(sm);
    await a.page.getByTestId('forecast-summary').filter({ hasText: 'Impegno: 5 punti' }).waitFor();
    await a.page.getByText("L'impegno è entro la Velocità media").waitFor();
    expect(await a.page.getByTestId('overcommit-warning').count()).toBe(0);

    await a.page.getByLabel('Altri giorni di assenza di Marco Bedeschi').fill('2');
    await a.page.getByLabel('Quota di tempo sullo Sprint di Anna Ferretti (%)').fill('50');
    const saved = a.page.waitForResponse((r) => r.url().endsWith('/capacity') && r.ok());
    await a.page.getByRole('button', { name: 'Salva la disponibilità' }).click();
    await saved;
    const { body: planning } = await call(
      server.url,
      'GET',
      `/api/v1/sprints/${sprintId}/planning`,
      { token: po.accessToken },
    );
    expect(planning.members).toHaveLength(2);
    const total = `Totale: ${it2(planning.capacityDays)} giorni-persona`;
    expect(planning.capacityDays).toBe((planning.workingDays - 2) * 1 + planning.workingDays * 0.5);
    await b.page.getByTestId('capacity-total').filter({ hasText: total }).waitFor();
    await a.page.getByTestId('capacity-total').filter({ hasText: total }).waitFor();

    // 5 more points: 10 against a mean of 5.
    await dragIntoSprint(a.page, TITLES[2], 'bottom');
    for (const page of [a.page, b.page]) {
      const warning = page.getByTestId('overcommit-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('supera la Velocità media di 5 punti');
    }
    expect(await b.page.getByTestId('forecast-summary').textContent()).toContain(
      'Impegno: 10 punti',
    );
    await screenshot(b.page, 'planning-overcommit');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('starting shows what will be snapshotted; both windows see the sprint running', async () => {
    const a = await open(po);
    const b = await open(sm);
    await waitForPanel(a.page, 'sprint', [TITLES[0], TITLES[1], TITLES[2]]);
    await a.page.getByRole('button', { name: 'Avvia lo Sprint' }).click();
    const summary = a.page.getByTestId('start-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('3 elementi');
    expect(await summary.textContent()).toContain('10 punti stimati');
    await screenshot(a.page, 'planning-start-dialog');
    await a.page.getByRole('button', { name: 'Avvia', exact: true }).click();
    for (const page of [a.page, b.page])
      await page.locator('[data-testid=sprint-state][data-state=active]').waitFor();
    await b.page.getByRole('button', { name: 'Chiudi lo Sprint' }).waitFor();
    const { body } = await call(server.url, 'GET', `/api/v1/sprints/${sprintId}`, {
      token: po.accessToken,
    });
    expect(body.state).toBe('active');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it("closing early carries the two unfinished items into a new sprint; the report shown is the server's", async () => {
    const a = await open(po);
    const b = await open(sm);
    await finish(server.url, team, po, (await itemId(TITLES[0]))!);
    await panelRow(a.page, 'sprint', TITLES[0]).filter({ hasText: 'Fatto' }).waitFor();
    await a.page.getByRole('button', { name: 'Chiudi lo Sprint' }).click();
    const dialog = a.page.getByTestId('close-dialog');
    await dialog.waitFor();
    const unfinished = a.page.getByTestId('close-unfinished').locator('li');
    expect(await unfinished.count()).toBe(2);
    expect(await unfinished.allTextContents()).toEqual([
      expect.stringContaining(TITLES[1]),
      expect.stringContaining(TITLES[2]),
    ]);
    expect(await a.page.getByLabel('In un nuovo Sprint').isChecked()).toBe(true);
    expect(await a.page.getByRole('textbox', { name: 'Nome del nuovo Sprint' }).inputValue()).toBe(
      'Sprint 3',
    );
    expect(await axe(a.page)).toEqual([]);
    await a.page.getByRole('button', { name: 'Rivedi' }).click();
    const review = a.page.getByTestId('close-review');
    await review.waitFor();
    expect(await review.textContent()).toContain('Completati: 1 elemento, 3 punti.');
    expect(await review.textContent()).toContain(
      'Non completati: 2 elementi, 7 punti, nel nuovo Sprint «Sprint 3»:',
    );
    await a.page.locator('dialog[open]').getByRole('button', { name: 'Chiudi lo Sprint' }).click();
    await a.page.getByTestId('sprint-report').waitFor();
    await screenshot(a.page, 'planning-close-report');

    const { body: report } = await call(server.url, 'GET', `/api/v1/sprints/${sprintId}/report`, {
      token: po.accessToken,
    });
    expect(report.frozen).toBe(true);
    const cell = async (key: string, col: 'items' | 'points') =>
      a.page.getByTestId(`report-${key}`).getByTestId(col).textContent();
    for (const key of ['committed', 'completed', 'finalScope'] as const) {
      expect(await cell(key, 'items')).toBe(it2(report[key].items));
      expect(await cell(key, 'points')).toBe(it2(report[key].points));
    }
    expect(await cell('carriedOver', 'items')).toBe(it2(report.carriedOver.length));
    expect(report.committed).toEqual({ items: 3, points: 10 });
    expect(report.completed).toEqual({ items: 1, points: 3 });
    expect(report.carriedOver).toHaveLength(2);

    const { body: sprints } = await call(server.url, 'GET', `/api/v1/teams/${team.id}/sprints`, {
      token: po.accessToken,
    });
    const next = (sprints as { id: string; name: string; state: string }[]).find(
      (s) => s.name === 'Sprint 3',
    )!;
    nextSprintId = next.id;
    expect(next.state).toBe('planned');
    expect(await sprintTitles(server.url, team, po, next.id)).toEqual([TITLES[1], TITLES[2]]);
    // The other window moves on to the new sprint, with the carried items in it.
    await b.page.locator('[data-testid=sprint-state][data-state=planned]').waitFor();
    await waitForPanel(b.page, 'sprint', [TITLES[1], TITLES[2]]);
    await a.page.getByRole('button', { name: 'Chiudi', exact: true }).last().click();
    await waitForPanel(a.page, 'sprint', [TITLES[1], TITLES[2]]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('plans by keyboard alone: pick up, into the sprint, down one place, drop — every step announced', async () => {
    const { context, page, errors } = await open(po);
    await waitForPanel(page, 'sprint', [TITLES[1], TITLES[2]]);
    await tabTo(page, `Sposta «${TITLES[3]}»`);
    await page.keyboard.press('Space');
    await announced(page, `Preso «${TITLES[3]}» dal Backlog`);
    await page.keyboard.press('ArrowRight');
    await announced(page, 'Nello Sprint, posizione 1 di 3.');
    await page.keyboard.press('ArrowDown');
    await announced(page, 'Nello Sprint, posizione 2 di 3.');
    const added = page.waitForResponse((r) => r.url().endsWith('/items') && r.ok());
    await page.keyboard.press('Space');
    await added;
    await announced(page, `«${TITLES[3]}» aggiunto allo Sprint «Sprint 3», posizione 2 di 3.`);
    expect(await sprintTitles(server.url, team, po, nextSprintId)).toEqual([
      TITLES[1],
      TITLES[3],
      TITLES[2],
    ]);
    // The keyboard stays on the moved item.
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''),
    ).toBe(`Sposta «${TITLES[3]}»`);
    // Escape puts a picked-up item back where it was.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowLeft');
    await announced(page, 'Nel Backlog');
    await page.keyboard.press('Escape');
    await announced(page, `Spostamento di «${TITLES[3]}» annullato.`);
    await waitForPanel(page, 'sprint', [TITLES[1], TITLES[3], TITLES[2]]);
    // And back to the backlog through "Sposta in…", by keyboard.
    await tabTo(page, `Sposta in… «${TITLES[3]}»`);
    await page.keyboard.press('Enter');
    await page.getByTestId('plan-move-dialog').waitFor();
    // The radio group starts on "back to the backlog" for a sprint item: Enter submits.
    expect(await page.getByLabel('Di nuovo nel Backlog').isChecked()).toBe(true);
    await page.getByLabel('Di nuovo nel Backlog').focus();
    await page.keyboard.press('Enter');
    await announced(page, `«${TITLES[3]}» tolto dallo Sprint e riportato nel Backlog.`);
    expect(await sprintTitles(server.url, team, po, nextSprintId)).toEqual([TITLES[1], TITLES[2]]);
    await screenshot(page, 'planning-keyboard');
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(['it', 'en'] as const)(
    'has 0 axe violations on planning and the close dialog (%s)',
    async (lang) => {
      if (lang === 'it') {
        const { body: next } = await call(server.url, 'GET', `/api/v1/sprints/${nextSprintId}`, {
          token: po.accessToken,
        });
        await call(server.url, 'PATCH', `/api/v1/sprints/${nextSprintId}`, {
          token: po.accessToken,
          headers: { 'If-Match': `"${next.version}"` },
          body: { startDate: plainDate(1), endDate: plainDate(14) },
        });
        await call(server.url, 'POST', `/api/v1/sprints/${nextSprintId}/start`, {
          token: po.accessToken,
        });
      }
      const { context, page, errors } = await open(po, lang);
      await waitForPanel(page, 'sprint', [TITLES[1], TITLES[2]]);
      await page.getByTestId('capacity').waitFor();
      expect(await axe(page)).toEqual([]);
      await screenshot(page, `planning-${lang}`);
      await page
        .getByRole('button', { name: lang === 'it' ? 'Chiudi lo Sprint' : 'Close the Sprint' })
        .click();
      await page.getByTestId('close-dialog').waitFor();
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: lang === 'it' ? 'Rivedi' : 'Review' }).click();
      await page.getByTestId('close-review').waitFor();
      expect(await axe(page)).toEqual([]);
      await screenshot(page, `planning-close-dialog-${lang}`);
      await page.keyboard.press('Escape');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('closing with a destination per item: one to the top of the backlog, one into a new sprint', async () => {
    const { context, page, errors } = await open(po);
    await waitForPanel(page, 'sprint', [TITLES[1], TITLES[2]]);
    await page.getByRole('button', { name: 'Chiudi lo Sprint' }).click();
    await page.getByTestId('close-dialog').waitFor();
    await page.getByLabel(`Destinazione di «${TITLES[1]}»`).selectOption('top');
    await page.getByRole('button', { name: 'Rivedi' }).click();
    const review = page.getByTestId('close-review');
    await review.waitFor();
    expect(await review.textContent()).toContain(
      `Non completati: 1 elemento, 2 punti, in cima al Backlog: ${TITLES[1]}`,
    );
    expect(await review.textContent()).toContain(
      `Non completati: 1 elemento, 5 punti, nel nuovo Sprint «Sprint 4»: ${TITLES[2]}`,
    );
    // The new sprint, then one completion naming each item's place: no moves after it.
    const writes: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() !== 'GET' && path.startsWith('/api/v1/')) writes.push(`${r.method()} ${path}`);
    });
    await page.locator('dialog[open]').getByRole('button', { name: 'Chiudi lo Sprint' }).click();
    await page.getByTestId('sprint-report').waitFor();
    expect(writes).toEqual([
      `POST /api/v1/teams/${team.id}/sprints`,
      `POST /api/v1/sprints/${nextSprintId}/complete`,
    ]);
    const { body: report } = await call(
      server.url,
      'GET',
      `/api/v1/sprints/${nextSprintId}/report`,
      { token: po.accessToken },
    );
    expect(report.carriedOver).toHaveLength(2);
    expect(await page.getByTestId('report-carriedOver').getByTestId('items').textContent()).toBe(
      '2',
    );
    const { body: sprints } = await call(server.url, 'GET', `/api/v1/teams/${team.id}/sprints`, {
      token: po.accessToken,
    });
    const fourth = (sprints as { id: string; name: string }[]).find((s) => s.name === 'Sprint 4')!;
    expect(await sprintTitles(server.url, team, po, fourth.id)).toEqual([TITLES[2]]);
    expect((await serverOrder(server.url, team, po))[0]).toBe(TITLES[1]);
    await page.getByRole('button', { name: 'Chiudi', exact: true }).last().click();
    await waitForPanel(page, 'sprint', [TITLES[2]]);
    await panelRow(page, 'backlog', TITLES[1]).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  async function itemId(title: string): Promise<string | undefined> {
    const { body } = await call(
      server.url,
      'GET',
      `/api/v1/teams/${team.id}/backlog-items?sprint=${sprintId}&limit=200`,
      { token: po.accessToken },
    );
    return (body.items as { id: string; title: string }[]).find((i) => i.title === title)?.id;
  }
});
