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
import {
  completedSprint,
  dragIntoSprint,
  estimate,
  plainDate,
  sprintTitles,
  waitForPanel,
} from './support/planning';
import { BrowserServer, startServer } from './support/server';

const HISTORY = ['Orari estivi della biblioteca di Rubiera', 'Avviso di scadenza IMU'];
const TITLES = [
  'Iscrizioni al trasporto scolastico online',
  'Rimborso della retta del nido',
  'Prenotazione della sala civica',
  'Modulo per il contrassegno disabili',
];
const [A, B, C, D] = TITLES;
const POINTS = [3, 2, 5, 1];

type Cell = string | number | null;
const asCells = (rows: Cell[][]) => rows.map((r) => r.map((c) => (c === null ? '' : String(c))));

/** The raw values of a chart's data table (data-value), row by row. */
function tableValues(page: Page, testId: string): Promise<string[][]> {
  return page.evaluate(
    (id) =>
      [...document.querySelectorAll(`[data-testid=${id}] [data-testid=chart-table] tbody tr`)].map(
        (tr) => [...tr.children].map((cell) => cell.getAttribute('data-value') ?? ''),
      ),
    testId,
  );
}

const it2 = (n: number) => new Intl.NumberFormat('it').format(n);

describe('a full sprint in the browser: plan, start, run on two boards, hit the WIP limit, close early', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let sm: ApiUser;
  let dev: ApiUser;
  let team: ApiTeam;
  let sprintId = '';

  const get = async <T>(path: string) =>
    (await call<T>(server.url, 'GET', path, { token: po.accessToken })).body;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    po = await createUser(server.url, 'Anna Ferretti');
    sm = await createUser(server.url, 'Giulia Montanari');
    dev = await createUser(server.url, 'Marco Bedeschi');
    team = await createTeam(server.url, po, { team: 'Servizi scolastici di Rubiera' });
    await addMember(server.url, team, po, sm, 'scrum_master');
    await addMember(server.url, team, po, dev, 'developer');
    // One sprint done, 5 points: the velocity the forecast compares the commitment with.
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

  const open = async (user: ApiUser, path: string, lang: Lang = 'it') => {
    const ctx = await signedInContext(browser, server.url, user, lang, `/teams/${team.id}/${path}`);
    await ctx.page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    return ctx;
  };

  it('plans with capacity (the forecast warns once over the velocity) and starts, seen live by both', async () => {
    const a = await open(po, 'planning');
    const b = await open(sm, 'planning');
    await a.page.getByRole('button', { name: 'Nuovo Sprint' }).click();
    await b.page.waitForFunction(
      () =>
        [...document.querySelectorAll('#sprint-picker option')].some((o) =>
          (o.textContent ?? '').startsWith('Sprint 2'),
        ),
      undefined,
      { timeout: 2_000 },
    );
    const sprints = await get<{ id: string; name: string }[]>(`/api/v1/teams/${team.id}/sprints`);
    sprintId = sprints.find((s) => s.name === 'Sprint 2')!.id;
    await a.page.getByLabel('Data di inizio').fill(plainDate(0));
    await a.page.getByLabel('Data di fine').fill(plainDate(13));
    await a.page.getByLabel('Obiettivo').fill('Iscrizioni e rimborsi senza sportello');
    const dated = a.page.waitForResponse((r) => r.url().endsWith(`/sprints/${sprintId}`) && r.ok());
    await a.page.getByTestId('sprint-details').getByRole('button', { name: 'Salva' }).click();
    await dated;

    // Capacity: two days off for the developer, half the scrum master's time.
    await a.page.getByLabel('Altri giorni di assenza di Marco Bedeschi').fill('2');
    await a.page.getByLabel('Quota di tempo sullo Sprint di Giulia Montanari (%)').fill('50');
    const saved = a.page.waitForResponse((r) => r.url().endsWith('/capacity') && r.ok());
    await a.page.getByRole('button', { name: 'Salva la disponibilità' }).click();
    await saved;
    const planning = await get<{ capacityDays: number; workingDays: number }>(
      `/api/v1/sprints/${sprintId}/planning`,
    );
    expect(planning.capacityDays).toBe(
      planning.workingDays + (planning.workingDays - 2) + planning.workingDays * 0.5,
    );
    const total = `Totale: ${it2(planning.capacityDays)} giorni-persona`;
    await b.page.getByTestId('capacity-total').filter({ hasText: total }).waitFor();

    // 3 + 2 points: at the mean of 5, no warning; 6 more, and both windows warn by 6.
    for (const [title, sprint] of [
      [A, [A]],
      [B, [A, B]],
    ] as const) {
      const added = a.page.waitForResponse((r) => r.url().endsWith('/items') && r.ok());
      await dragIntoSprint(a.page, title, 'bottom');
      await added;
      await waitForPanel(b.page, 'sprint', [...sprint], 1_000);
    }
    await b.page.getByTestId('forecast-summary').filter({ hasText: 'Impegno: 5 punti' }).waitFor();
    expect(await b.page.getByTestId('overcommit-warning').count()).toBe(0);
    for (const [title, sprint] of [
      [C, [A, B, C]],
      [D, [A, B, C, D]],
    ] as const) {
      const added = a.page.waitForResponse((r) => r.url().endsWith('/items') && r.ok());
      await dragIntoSprint(a.page, title, 'bottom');
      await added;
      await waitForPanel(b.page, 'sprint', [...sprint], 1_000);
    }
    for (const page of [a.page, b.page]) {
      const warning = page.getByTestId('overcommit-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('supera la Velocità media di 6 punti');
    }
    expect(await sprintTitles(server.url, team, po, sprintId)).toEqual([A, B, C, D]);
    await screenshot(a.page, 'full-sprint-planned');

    await a.page.getByRole('button', { name: 'Avvia lo Sprint' }).click();
    const summary = a.page.getByTestId('start-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('4 elementi');
    expect(await summary.textContent()).toContain('11 punti stimati');
    await a.page.getByRole('button', { name: 'Avvia', exact: true }).click();
    for (const page of [a.page, b.page])
      await page.locator('[data-testid=sprint-state][data-state=active]').waitFor();
    expect((await get<{ state: string }>(`/api/v1/sprints/${sprintId}`)).state).toBe('active');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('moves cards through every column on two boards, each seeing the other within 1 s; the WIP limit refuses, then warns', async () => {
    const a = await open(dev, 'board');
    const b = await open(sm, 'board');
    for (const page of [a.page, b.page]) await card(page, A).waitFor();
    /** A drag in `from`, the server's answer, and the other board showing it within 1 s. */
    const step = async (
      from: Page,
      to: Page,
      title: string,
      column: string,
      expected: Record<string, string[]>,
    ) => {
      const moved = from.waitForResponse((r) => r.url().endsWith('/board/moves') && r.ok());
      await dragToColumn(from, title, column);
      await moved;
      const started = Date.now();
      await waitForBoard(to, expected, 1_000);
      expect(Date.now() - started).toBeLessThan(1_000);
    };
    await step(a.page, b.page, A, 'In corso', { 'Da fare': [B, C, D], 'In corso': [A] });
    await step(b.page, a.page, A, 'In revisione', { 'In corso': [], 'In revisione': [A] });
    await step(a.page, b.page, A, 'Fatto', { 'In revisione': [], Fatto: [A] });
    await step(b.page, a.page, B, 'In corso', { 'Da fare': [C, D], 'In corso': [B] });
    await step(a.page, b.page, B, 'Fatto', { 'In corso': [], Fatto: [A, B] });
    await step(b.page, a.page, C, 'In corso', { 'Da fare': [D], 'In corso': [C] });
    expect(await serverBoard(server.url, team, po)).toMatchObject({
      'Da fare': [D],
      'In corso': [C],
      'In revisione': [],
      Fatto: [A, B],
    });

    // A limit of 1 on "In corso", which C fills: refused with the server's message, card back.
    const wf = await workflow(server.url, team, sm);
    const doing = wf.statuses.find((s) => s.name === 'In corso')!;
    await setColumn(server.url, team, sm, doing, { wipLimit: 1 });
    for (const page of [a.page, b.page])
      await header(page, 'In corso').getByText('1 su 1 (limite WIP)').waitFor();
    const refused = a.page.waitForResponse((r) => r.url().endsWith('/board/moves'));
    await dragToColumn(a.page, D, 'In corso');
    expect((await refused).status()).toBe(409);
    await a.page
      .getByRole('alert')
      .filter({ hasText: 'La colonna ha raggiunto il suo limite WIP (1)' })
      .waitFor();
    await waitForBoard(a.page, { 'Da fare': [D], 'In corso': [C] });
    expect((await serverBoard(server.url, team, po))['In corso']).toEqual([C]);

    // Warn mode: the same drop is taken, and said to be over the limit on both boards.
    await setWipMode(server.url, team, sm, 'warn');
    for (const page of [a.page, b.page])
      await page.getByTestId('wip-mode').filter({ hasText: 'come avviso' }).waitFor();
    const accepted = a.page.waitForResponse((r) => r.url().endsWith('/board/moves') && r.ok());
    await dragToColumn(a.page, D, 'In corso');
    expect((await (await accepted).json()).wipExceeded).toBe(true);
    await a.page
      .getByTestId('wip-warning')
      .filter({ hasText: '«In corso» supera il limite WIP (1)' })
      .waitFor();
    await header(b.page, 'In corso').getByTestId('column-over-limit').waitFor({ timeout: 1_000 });
    await waitForBoard(b.page, { 'Da fare': [], 'In corso': [C, D] }, 1_000);
    await screenshot(b.page, 'full-sprint-board-warn');
    expect(await axe(b.page)).toEqual([]);
    await switchLanguage(b.page, 'en');
    await header(b.page, 'In corso').getByTestId('column-over-limit').waitFor();
    expect(await axe(b.page)).toEqual([]);
    expect(a.errors.filter((e) => !/^409 .*\/board\/moves$/.test(e))).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it("closes early carrying the two unfinished items into the next sprint; the frozen report shown is the server's JSON", async () => {
    const a = await open(po, 'planning');
    const b = await open(sm, 'planning');
    await a.page.getByRole('button', { name: 'Chiudi lo Sprint' }).click();
    await a.page.getByTestId('close-dialog').waitFor();
    const unfinished = a.page.getByTestId('close-unfinished').locator('li');
    expect(await unfinished.allTextContents()).toEqual([
      expect.stringContaining(C),
      expect.stringContaining(D),
    ]);
    expect(await a.page.getByLabel('In un nuovo Sprint').isChecked()).toBe(true);
    expect(await axe(a.page)).toEqual([]);
    await a.page.getByRole('button', { name: 'Rivedi' }).click();
    const review = a.page.getByTestId('close-review');
    await review.waitFor();
    expect(await review.textContent()).toContain('Completati: 2 elementi, 5 punti.');
    expect(await review.textContent()).toContain(
      'Non completati: 2 elementi, 6 punti, nel nuovo Sprint «Sprint 3»:',
    );
    await a.page.locator('dialog[open]').getByRole('button', { name: 'Chiudi lo Sprint' }).click();
    await a.page.getByTestId('sprint-report').waitFor();

    const report = await get<{
      frozen: boolean;
      committed: { items: number; points: number };
      completed: { items: number; points: number };
      finalScope: { items: number; points: number };
      carriedOver: { itemId: string }[];
    }>(`/api/v1/sprints/${sprintId}/report`);
    expect(report.frozen).toBe(true);
    expect(report.committed).toEqual({ items: 4, points: 11 });
    expect(report.completed).toEqual({ items: 2, points: 5 });
    expect(report.carriedOver).toHaveLength(2);
    const cell = (key: string, col: 'items' | 'points') =>
      a.page.getByTestId(`report-${key}`).getByTestId(col).textContent();
    for (const key of ['committed', 'completed', 'finalScope'] as const) {
      expect(await cell(key, 'items')).toBe(it2(report[key].items));
      expect(await cell(key, 'points')).toBe(it2(report[key].points));
    }
    expect(await cell('carriedOver', 'items')).toBe(it2(report.carriedOver.length));
    await screenshot(a.page, 'full-sprint-closed');
    const sprints = await get<{ id: string; name: string; state: string }[]>(
      `/api/v1/teams/${team.id}/sprints`,
    );
    const next = sprints.find((s) => s.name === 'Sprint 3')!;
    expect(next.state).toBe('planned');
    expect(await sprintTitles(server.url, team, po, next.id)).toEqual([C, D]);
    await b.page.locator('[data-testid=sprint-state][data-state=planned]').waitFor();
    await waitForPanel(b.page, 'sprint', [C, D]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('the reports of the closed sprint: every chart table equals its JSON point for point; 0 axe violations in Italian and English', async () => {
    const a = await open(dev, 'reports');
    for (const id of ['chart-burndown', 'chart-cycle', 'chart-lead', 'chart-aging'])
      await a.page
        .locator(`[data-testid=${id}] [data-testid=chart-table]`)
        .waitFor({ state: 'attached' });
    expect(await a.page.locator('#report-sprint').inputValue()).toBe(sprintId);
    const burn = await get<{
      frozen: boolean;
      points: {
        day: number;
        date: string;
        remaining: number | null;
        completed: number | null;
        scope: number | null;
        ideal: number;
        provisional: boolean;
      }[];
    }>(`/api/v1/sprints/${sprintId}/burndown`);
    expect(burn.frozen).toBe(true);
    expect(burn.points.some((p) => p.provisional)).toBe(false);
    // Day, date, remaining, completed, scope, ideal: the yes/no cells read in the page's language.
    expect(
      (await tableValues(a.page, 'chart-burndown')).map((r) => [r[0], r[1], ...r.slice(3, 7)]),
    ).toEqual(
      asCells(burn.points.map((p) => [p.day, p.date, p.remaining, p.completed, p.scope, p.ideal])),
    );
    const flow = await get<{
      items: {
        title: string;
        doneOn: string;
        cycleDays: number;
        leadDays: number;
        cycleWorkingDays: number;
        leadWorkingDays: number;
      }[];
    }>(`/api/v1/teams/${team.id}/flow-times`);
    expect(flow.items.map((i) => i.title).sort()).toEqual([A, B, ...HISTORY].sort());
    expect(await tableValues(a.page, 'chart-cycle')).toEqual(
      asCells(flow.items.map((i) => [i.title, i.doneOn, i.cycleWorkingDays, i.cycleDays])),
    );
    expect(await tableValues(a.page, 'chart-lead')).toEqual(
      asCells(flow.items.map((i) => [i.title, i.doneOn, i.leadWorkingDays, i.leadDays])),
    );
    const aging = await get<{
      statuses: { id: string; name: string }[];
      items: { title: string; statusId: string; ageWorkingDays: number; ageDays: number }[];
    }>(`/api/v1/teams/${team.id}/aging-wip`);
    expect(aging.items.map((i) => i.title).sort()).toEqual([C, D].sort());
    const column = new Map(aging.statuses.map((s) => [s.id, s.name]));
    expect(await tableValues(a.page, 'chart-aging')).toEqual(
      asCells(
        aging.items.map((i) => [
          i.title,
          column.get(i.statusId) ?? '',
          i.ageWorkingDays,
          i.ageDays,
        ]),
      ),
    );
    expect(
      await a.page.locator('[data-testid=chart-aging] [data-testid=chart-summary]').textContent(),
    ).toMatch(/^In lavorazione: 2\. Da più tempo in corso: «/);

    const openTables = () =>
      a.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await openTables();
    expect(await axe(a.page)).toEqual([]);
    await screenshot(a.page, 'full-sprint-reports-it');
    await switchLanguage(a.page, 'en');
    await a.page
      .locator('[data-testid=chart-cycle] h2')
      .filter({ hasText: 'Cycle time' })
      .waitFor();
    await openTables();
    expect(await a.page.locator('[data-testid=chart-aging] h2').textContent()).toBe(
      'Aging work in progress',
    );
    expect(await axe(a.page)).toEqual([]);
    await screenshot(a.page, 'full-sprint-reports-en');
    expect(a.errors).toEqual([]);
    await a.context.close();
  });
});
