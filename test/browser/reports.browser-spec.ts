import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { addMember, call, createTeam, createUser, type ApiTeam, type ApiUser } from './support/api';
import { seedItems } from './support/backlog';
import { workflow } from './support/board';
import {
  axe,
  closeBrowser,
  launchBrowser,
  screenshot,
  signedInContext,
  switchLanguage,
  type Lang,
} from './support/browser';
import { completedSprint, estimate, plainDate } from './support/planning';
import { BrowserServer, startServer } from './support/server';

const DONE_BEFORE = ['Pagamento TARI online con PagoPA', 'Certificati anagrafici via ANPR'];
const RUNNING = [
  'Modulo iscrizione mensa scolastica',
  'Rimborso pre-scuola',
  'Prenotazione sportello tributi',
  'Avvisi di scadenza via app IO',
];

type Cell = string | number | null;
interface Burn {
  points: {
    day: number;
    date: string;
    workingDay: boolean;
    remaining: number | null;
    completed: number | null;
    scope: number | null;
    ideal: number;
    provisional: boolean;
  }[];
}

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

const asCells = (rows: Cell[][]) => rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
const burnRows = (burn: Burn) =>
  asCells(
    burn.points.map((p) => [
      p.day,
      p.date,
      p.workingDay ? 'yes' : 'no',
      p.remaining,
      p.completed,
      p.scope,
      p.ideal,
      p.provisional ? 'yes' : 'no',
    ]),
  );
/** The working-day and provisional columns read in the page's language: compared apart. */
const withoutWorkingDay = (rows: string[][]) =>
  rows.map((r) => r.filter((_, i) => i !== 2 && i !== 7));

describe('reports: burndown, burnup, velocity, cumulative flow and forecast, live', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let dev: ApiUser;
  let team: ApiTeam;
  let activeId: string;
  let completedId: string;
  let running: { id: string; title: string; version: number }[];
  let statuses: { id: string; category: string }[];

  const get = async <T>(path: string) =>
    (await call<T>(server.url, 'GET', path, { token: po.accessToken })).body;
  const move = (itemId: string, statusId: string) =>
    call(server.url, 'POST', `/api/v1/teams/${team.id}/board/moves`, {
      token: po.accessToken,
      body: { itemId, statusId },
    });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    po = await createUser(server.url, 'Anna Ferretti');
    dev = await createUser(server.url, 'Marco Bedeschi');
    team = await createTeam(server.url, po, { team: 'Servizi al cittadino' });
    await addMember(server.url, team, po, dev, 'developer');
    const before = await seedItems(server.url, team, po, DONE_BEFORE);
    await estimate(server.url, po, before, [3, 5]);
    completedId = await completedSprint(
      server.url,
      team,
      po,
      'Sprint 1 — tributi',
      before.map((i) => i.id),
    );
    running = await seedItems(server.url, team, po, RUNNING);
    await estimate(server.url, po, running, [2, 3, 5, 8]);
    const { body: sprint } = await call(server.url, 'POST', `/api/v1/teams/${team.id}/sprints`, {
      token: po.accessToken,
      body: { name: 'Sprint 2 — scuola', startDate: plainDate(0), endDate: plainDate(13) },
    });
    activeId = sprint.id as string;
    await call(server.url, 'POST', `/api/v1/sprints/${activeId}/items`, {
      token: po.accessToken,
      body: { ids: running.map((i) => i.id) },
    });
    await call(server.url, 'POST', `/api/v1/sprints/${activeId}/start`, {
      token: po.accessToken,
    });
    statuses = (await workflow(server.url, team, po)).statuses;
    const doing = statuses.find((s) => s.category === 'in_progress') ?? statuses[1];
    const done = statuses.find((s) => s.category === 'done');
    await move(running[0].id, done?.id ?? '');
    await move(running[1].id, doing.id);
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  const open = async (user: ApiUser, lang: Lang = 'it', query = '') => {
    const ctx = await signedInContext(
      browser,
      server.url,
      user,
      lang,
      `/teams/${team.id}/reports${query}`,
    );
    await ctx.page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    await ctx.page.locator('[data-testid=chart-burndown] [data-testid=chart-table]').waitFor({
      state: 'attached',
    });
    return ctx;
  };

  it('the tables equal the server JSON point for point; a move through the API makes both open pages read the reports again live', async () => {
    const a = await open(po);
    const b = await open(dev);
    const burndown = await get<Burn>(`/api/v1/sprints/${activeId}/burndown`);
    const burnup = await get<Burn>(`/api/v1/sprints/${activeId}/burnup`);
    const velocity = await get<{
      sprints: { name: string; committed: number; completed: number }[];
    }>(`/api/v1/teams/${team.id}/velocity`);
    const cfd = await get<{
      statuses: { id: string }[];
      days: { date: string; counts: Record<string, number> }[];
    }>(`/api/v1/teams/${team.id}/cumulative-flow`);
    for (const ctx of [a, b]) {
      await ctx.page.locator('[data-testid=chart-velocity] [data-testid=chart-table]').waitFor({
        state: 'attached',
      });
      await ctx.page.locator('[data-testid=chart-cfd] [data-testid=chart-table]').waitFor({
        state: 'attached',
      });
      expect(withoutWorkingDay(await tableValues(ctx.page, 'chart-burndown'))).toEqual(
        withoutWorkingDay(burnRows(burndown)),
      );
      expect(withoutWorkingDay(await tableValues(ctx.page, 'chart-burnup'))).toEqual(
        withoutWorkingDay(burnRows(burnup)),
      );
      expect(await tableValues(ctx.page, 'chart-velocity')).toEqual(
        asCells(velocity.sprints.map((s) => [s.name, s.committed, s.completed])),
      );
      expect(await tableValues(ctx.page, 'chart-cfd')).toEqual(
        asCells(cfd.days.map((d) => [d.date, ...cfd.statuses.map((s) => d.counts[s.id] ?? 0)])),
      );
    }
    expect(velocity.sprints.map((s) => s.name)).toEqual(['Sprint 1 — tributi']);
    // Drawn by ECharts as SVG, named and summarised for screen readers.
    const figure = a.page.locator('[data-testid=chart-burndown] [role=img]');
    expect(await figure.getAttribute('aria-label')).toContain(
      'Burndown — Sprint «Sprint 2 — scuola»',
    );
    await figure.locator('svg').waitFor();
    expect(await figure.locator('svg').count()).toBe(1);
    await a.page.getByTestId('forecast-sentence').waitFor();

    // A card finished by someone else: both open pages read the reports again, without a
    // reload. Today's burndown point is the state now (provisional, report-math.ts), so the
    // move shows in it at once, as in the cumulative flow.
    const done = statuses.find((s) => s.category === 'done');
    const refetched = [a, b].map((ctx) =>
      ctx.page.waitForResponse((r) => r.url().endsWith(`/sprints/${activeId}/burndown`) && r.ok(), {
        timeout: 5_000,
      }),
    );
    await move(running[2].id, done?.id ?? '');
    await Promise.all(refetched);
    const after = await get<Burn>(`/api/v1/sprints/${activeId}/burndown`);
    const today = (burn: Burn) => burn.points.filter((p) => p.provisional);
    expect(today(burndown)).toHaveLength(1);
    // 5 points finished: today's live point falls by them.
    expect(today(after)[0].remaining).toBe((today(burndown)[0].remaining ?? 0) - 5);
    const cfdAfter = await get<typeof cfd>(`/api/v1/teams/${team.id}/cumulative-flow`);
    const cfdRows = (data: typeof cfd) =>
      asCells(data.days.map((d) => [d.date, ...data.statuses.map((s) => d.counts[s.id] ?? 0)]));
    expect(cfdRows(cfdAfter)).not.toEqual(cfdRows(cfd));
    for (const ctx of [a, b]) {
      await ctx.page.waitForFunction(
        (expected) =>
          JSON.stringify(
            [
              ...document.querySelectorAll(
                '[data-testid=chart-cfd] [data-testid=chart-table] tbody tr',
              ),
            ].map((tr) => [...tr.children].map((cell) => cell.getAttribute('data-value') ?? '')),
          ) === JSON.stringify(expected),
        cfdRows(cfdAfter),
        { timeout: 5_000 },
      );
      expect(withoutWorkingDay(await tableValues(ctx.page, 'chart-burndown'))).toEqual(
        withoutWorkingDay(burnRows(after)),
      );
    }
    await a.page.getByText('Mostra i dati').first().click();
    await screenshot(a.page, 'reports-active-it');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('downloads the SVG and the CSV of the server; a completed sprint offers its report page', async () => {
    const a = await open(po);
    const downloaded = async (testId: string) => {
      const [download] = await Promise.all([
        a.page.waitForEvent('download'),
        a.page.locator(`[data-testid="${testId}"]`).first().click(),
      ]);
      const bytes = readFileSync(await download.path());
      return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
    };
    const csv = await downloaded('download-burndown.csv');
    expect(csv.name).toBe('burndown.csv');
    const fromServer = await fetch(`${server.url}/api/v1/sprints/${activeId}/burndown.csv`, {
      headers: { Authorization: `Bearer ${po.accessToken}`, 'Accept-Language': 'it' },
    });
    // Byte for byte, the BOM that tells a spreadsheet it is UTF-8 included.
    expect(csv.bytes.equals(Buffer.from(await fromServer.arrayBuffer()))).toBe(true);
    const svg = await downloaded('download-velocity.svg');
    expect(svg.name).toBe('velocity.svg');
    expect(svg.text).toContain('<svg');
    // One source of texts: the summary on screen is the one the server wrote into its SVG.
    const summary = await a.page
      .locator('[data-testid=chart-velocity] [data-testid=chart-summary]')
      .textContent();
    const unescaped = svg.text
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(summary).toBeTruthy();
    expect(unescaped).toContain(summary);

    // The completed sprint, chosen from the list.
    await a.page.locator('#report-sprint').selectOption(completedId);
    const completedBurn = await get<Burn>(`/api/v1/sprints/${completedId}/burndown`);
    await a.page.waitForFunction(
      (rows) =>
        document.querySelectorAll('[data-testid=chart-burndown] [data-testid=chart-table] tbody tr')
          .length === rows,
      completedBurn.points.length,
    );
    expect(withoutWorkingDay(await tableValues(a.page, 'chart-burndown'))).toEqual(
      withoutWorkingDay(burnRows(completedBurn)),
    );
    const html = await downloaded('download-report.html');
    expect(html.text).toContain('Sprint 1 — tributi');
    await screenshot(a.page, 'reports-completed-it');
    expect(a.errors).toEqual([]);
    await a.context.close();
  });

  it('0 axe violations in Italian and in English, tables open', async () => {
    const a = await open(dev);
    await a.page.getByTestId('forecast-sentence').waitFor();
    const openTables = () =>
      a.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await openTables();
    expect(await axe(a.page)).toEqual([]);
    await switchLanguage(a.page, 'en');
    await a.page.getByRole('heading', { name: /^Reports/ }).waitFor();
    await a.page.getByText('Show the data').first().waitFor();
    await openTables();
    expect(await a.page.locator('[data-testid=chart-velocity] h2').textContent()).toBe('Velocity');
    // The forecast's sentence is the server's, asked again in the new language.
    await a.page
      .getByTestId('forecast-sentence')
      .filter({ hasText: /^Not enough data for a forecast/ })
      .waitFor();
    expect(await axe(a.page)).toEqual([]);
    await screenshot(a.page, 'reports-en');
    // Reached from the team's card on the home page, beside the backlog and the board.
    await a.page.getByRole('link', { name: 'My teams' }).click();
    await a.page.getByTestId('team-card').getByRole('link', { name: 'Reports' }).click();
    await a.page.waitForURL(`**/teams/${team.id}/reports`);
    await a.page.getByRole('heading', { name: /^Reports/ }).waitFor();
    expect(a.errors).toEqual([]);
    await a.context.close();
  });
});
