/// <reference lib="dom" />
// The board part of npm run bench:web: a Kanban team with 1,000 cards spread over its columns.
// Cold navigations (LCP, first card, a first successful drag after navigation), then drags on
// one of three open boards: from the pointer's release to the move answered AND both other
// boards repainted with the card in its new column (clock: the pages' shared wall time,
// performance.timeOrigin + now). The same on a bare no-framework board (bench/web-board-bare.ts)
// in the same run, and the ratios.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from './lib/run';
import { call, login, percentile, round, seedTeam, type Seeded } from './lib/web-app';
import { startBareBoard } from './web-board-bare';

const COLD_RUNS = 3;
const DRAGS = Number(process.env.BENCH_BOARD_DRAGS ?? 20);
const WARM_UP = 3;
const BOARDS = 3;

interface BoardSeed extends Seeded {
  token: string;
  statusIds: string[];
}

/** A Kanban team (the continuous board: every card on it), WIP limits as a warning only. */
async function seedBoard(url: string, cards: number): Promise<BoardSeed> {
  const { teamId, email, password, token } = await seedTeam(url, {
    person: 'Servizi demografici',
    workspace: 'Comune di Casalgrande',
    process: 'kanban',
  });
  const team = { id: teamId };
  await call(`${url}/api/v1/teams/${team.id}/workflow`, 'PUT', token, { wipMode: 'warn' });
  const ids: string[] = [];
  for (let done = 0; done < cards; done += 200) {
    const lines = Array.from(
      { length: Math.min(200, cards - done) },
      (_, i) => `Pratica anagrafica ${done + i + 1}`,
    );
    const { items } = await call<{ items: { id: string }[] }>(
      `${url}/api/v1/teams/${team.id}/backlog-items/bulk`,
      'POST',
      token,
      { text: lines.join('\n') },
    );
    ids.push(...items.map((i) => i.id));
  }
  const { statuses } = await call<{ statuses: { id: string }[] }>(
    `${url}/api/v1/teams/${team.id}/workflow`,
    'GET',
    token,
  );
  const statusIds = statuses.map((s) => s.id);
  // A board in use: the cards spread over every column, not all in the first.
  for (const [i, itemId] of ids.entries()) {
    const statusId = statusIds[i % statusIds.length];
    if (i % statusIds.length !== 0)
      await call(`${url}/api/v1/teams/${team.id}/board/moves`, 'POST', token, { itemId, statusId });
  }
  return { teamId: team.id, email, password, token, statusIds };
}

/** Runs in each page before its own scripts: LCP, first card, release time, repaint of a card. */
const INSTRUMENT = `(() => {
  const b = (window.__board = { lcp: 0, firstCard: 0, waiting: null, painted: [], released: [] });
  performance.setResourceTimingBufferSize(100000);
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  document.addEventListener('pointerup', () => b.released.push(performance.timeOrigin + performance.now()), true);
  const check = () => {
    if (!b.firstCard && document.querySelector('[data-testid=board-card]')) b.firstCard = performance.now();
    const w = b.waiting;
    if (w && document.querySelector('[data-testid=board-cell][data-status-id="' + w.statusId + '"] [data-item-id="' + w.itemId + '"]')) {
      b.waiting = null;
      // The frame that shows the change: after its rAF callbacks and paint.
      requestAnimationFrame(() => setTimeout(() => b.painted.push([w.key, performance.timeOrigin + performance.now()]), 0));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

interface BoardWindow {
  __board: {
    lcp: number;
    firstCard: number;
    waiting: { key: string; itemId: string; statusId: string } | null;
    painted: [string, number][];
    released: number[];
  };
}

interface Target {
  kind: 'ritmo' | 'bare';
  url: string;
  /** The path of the move request, to find its timing. */
  moves: string;
  /** A page to open, signed in when ritmo. */
  open: (browser: Browser) => Promise<{ context: BrowserContext; page: Page; scripts: string[] }>;
}

function ritmoTarget(url: string, s: BoardSeed): Target {
  return {
    kind: 'ritmo',
    url,
    moves: '/board/moves',
    open: async (browser) => {
      const pair = await login(url, s);
      const context = await browser.newContext({
        locale: 'it-IT',
        viewport: { width: 1280, height: 900 },
      });
      await context.addInitScript((token) => {
        localStorage.setItem('ritmo.refreshToken', token);
        localStorage.setItem('ritmo.language', 'it');
      }, pair.refreshToken);
      await context.addInitScript(INSTRUMENT);
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto(`${url}/teams/${s.teamId}/board`);
      return { context, page, scripts };
    },
  };
}

function bareTarget(url: string): Target {
  return {
    kind: 'bare',
    url,
    moves: '/moves',
    open: async (browser) => {
      const context = await browser.newContext({
        locale: 'it-IT',
        viewport: { width: 1280, height: 900 },
      });
      await context.addInitScript(INSTRUMENT);
      const page = await context.newPage();
      await page.goto(url);
      return { context, page, scripts: [] };
    },
  };
}

const cardsIn = (page: Page, statusId: string) =>
  page.locator(`[data-testid=board-cell][data-status-id="${statusId}"] [data-testid=board-card]`);

/** A pointer drag of the first card of a column onto the top of another; returns its id. */
async function dragFirst(page: Page, kind: Target['kind'], from: string, to: string) {
  const card = cardsIn(page, from).first();
  const itemId = await card.getAttribute('data-item-id');
  const a = await card.boundingBox();
  const cell = await page
    .locator(`[data-testid=board-cell][data-status-id="${to}"]`)
    .first()
    .boundingBox();
  if (!itemId || !a || !cell) throw new Error('card or column not visible');
  await page.mouse.move(a.x + 20, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 30, a.y + a.height / 2 + 10, { steps: 3 });
  // dnd-kit has started the drag once it draws its overlay.
  if (kind === 'ritmo') await page.locator('.ritmo-drag-overlay').waitFor({ timeout: 5_000 });
  await page.mouse.move(cell.x + cell.width / 2, cell.y + 30, { steps: 8 });
  await page.mouse.up();
  return itemId;
}

const ready = async (page: Page, kind: Target['kind']) => {
  await page.locator('[data-testid=board-card]').first().waitFor({ timeout: 60_000 });
  if (kind === 'ritmo')
    await page.locator('[data-testid=connection-state][data-state=online]').waitFor();
  else
    await page.waitForFunction(() => (window as unknown as { __bareReady?: boolean }).__bareReady);
};

/** The move's resource timing: it is recorded once the body is in, after the response event. */
const movesTiming = (page: Page, moves: string) =>
  page.waitForFunction(
    (m) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((e) =>
        e.name.endsWith(m),
      ),
    moves,
    { timeout: 10_000 },
  );

/** Navigation to a first successful drag, in a fresh context each time. */
async function coldRuns(browser: Browser, target: Target, statusIds: string[]) {
  const runs: { lcpMs: number; firstCardMs: number; firstDragDoneMs: number }[] = [];
  let js: { files: string[]; gzipKB: number } | undefined;
  for (let i = 0; i < COLD_RUNS; i++) {
    const { context, page, scripts } = await target.open(browser);
    await cardsIn(page, statusIds[0]).first().waitFor({ timeout: 60_000 });
    js ??= {
      files: [...scripts],
      gzipKB: round(
        scripts.reduce(
          (n, p) => n + gzipSync(readFileSync(join(ROOT, 'dist', 'web', p))).length,
          0,
        ) / 1024,
      ),
    };
    const answered = page.waitForResponse((r) => r.url().endsWith(target.moves) && r.ok());
    await dragFirst(page, target.kind, statusIds[0], statusIds[1]);
    await answered;
    await movesTiming(page, target.moves);
    const t = await page.evaluate((moves) => {
      const b = (window as unknown as BoardWindow).__board;
      const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
        (e) => e.name.endsWith(moves),
      );
      return { lcp: b.lcp, firstCard: b.firstCard, dragDone: entry?.responseEnd ?? NaN };
    }, target.moves);
    runs.push({
      lcpMs: round(t.lcp),
      firstCardMs: round(t.firstCard),
      firstDragDoneMs: round(t.dragDone),
    });
    console.log(`board ${target.kind} cold run ${i + 1}:`, JSON.stringify(runs[i]));
    await context.close();
  }
  const median = (key: keyof (typeof runs)[number]) =>
    round(
      percentile(
        runs.map((r) => r[key]),
        50,
      ),
    );
  return {
    ...(js && target.kind === 'ritmo'
      ? { initialJsGzipKB: js.gzipKB, routeScripts: js.files }
      : {}),
    coldRuns: runs,
    lcpMsMedian: median('lcpMs'),
    firstCardMsMedian: median('firstCardMs'),
    firstDragDoneMsMedian: median('firstDragDoneMs'),
  };
}

const stats = (values: number[]) => ({
  p50Ms: round(percentile(values, 50)),
  p95Ms: round(percentile(values, 95)),
  maxMs: round(Math.max(...values)),
});

/** Drags on the first of three open boards, back and forth between two columns. */
async function dragsWithBoards(browser: Browser, target: Target, statusIds: string[]) {
  const pages = [];
  for (let i = 0; i < BOARDS; i++) pages.push(await target.open(browser));
  for (const p of pages) await ready(p.page, target.kind);
  const [mover, ...others] = pages.map((p) => p.page);
  const complete: number[] = [];
  const answered: number[] = [];
  const repainted: number[] = [];
  for (let i = 0; i < DRAGS + WARM_UP; i++) {
    const [from, to] = i % 2 === 0 ? [statusIds[0], statusIds[1]] : [statusIds[1], statusIds[0]];
    const key = `${target.kind}-${i}`;
    const itemId = await cardsIn(mover, from).first().getAttribute('data-item-id');
    for (const page of others)
      await page.evaluate((w) => ((window as unknown as BoardWindow).__board.waiting = w), {
        key,
        itemId: itemId ?? '',
        statusId: to,
      });
    await mover.evaluate(() => performance.clearResourceTimings());
    const response = mover.waitForResponse((r) => r.url().endsWith(target.moves) && r.ok());
    await dragFirst(mover, target.kind, from, to);
    await response;
    await movesTiming(mover, target.moves);
    const paints: number[] = [];
    for (const page of others) {
      await page.waitForFunction(
        (k) => (window as unknown as BoardWindow).__board.painted.some(([x]) => x === k),
        key,
        { timeout: 10_000 },
      );
      paints.push(
        await page.evaluate(
          (k) =>
            (window as unknown as BoardWindow).__board.painted.find(([x]) => x === k)?.[1] ?? NaN,
          key,
        ),
      );
    }
    const [released, answer] = await mover.evaluate((moves) => {
      const b = (window as unknown as BoardWindow).__board;
      const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
        (e) => e.name.endsWith(moves),
      );
      return [
        b.released[b.released.length - 1] ?? NaN,
        entry ? performance.timeOrigin + entry.responseEnd : NaN,
      ];
    }, target.moves);
    if (i >= WARM_UP) {
      answered.push(answer - released);
      repainted.push(Math.max(...paints) - released);
      complete.push(Math.max(answer, ...paints) - released);
    }
    await mover.waitForTimeout(150);
  }
  for (const p of pages) await p.context.close();
  return {
    boardsOpen: BOARDS,
    rounds: complete.length,
    dragComplete: stats(complete),
    moveAnswered: stats(answered),
    otherBoardsRepainted: stats(repainted),
  };
}

/** The board part: ritmo and its bare baseline, with their ratios and the load around it. */
export async function benchBoard(browser: Browser, url: string, cards: number) {
  const loadBefore = loadavg().map(round);
  console.log(`seeding a board of ${cards} cards…`);
  const s = await seedBoard(url, cards);
  const ritmo = ritmoTarget(url, s);
  const ritmoCold = await coldRuns(browser, ritmo, s.statusIds);
  const ritmoDrags = await dragsWithBoards(browser, ritmo, s.statusIds);
  const board = await call<{ columns: { statusId: string; items: { id: string }[] }[] }>(
    `${url}/api/v1/teams/${s.teamId}/board`,
    'GET',
    s.token,
  );
  const bare = await startBareBoard(board);
  try {
    const target = bareTarget(bare.url);
    const bareCold = await coldRuns(browser, target, s.statusIds);
    const bareDrags = await dragsWithBoards(browser, target, s.statusIds);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    return {
      cards,
      columns: board.columns.map((c) => c.items.length),
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg().map(round),
      ritmo: { ...ritmoCold, dragWithBoardsOpen: ritmoDrags },
      bare: { ...bareCold, dragWithBoardsOpen: bareDrags },
      ratio: {
        lcp: ratio(ritmoCold.lcpMsMedian, bareCold.lcpMsMedian),
        firstDragDone: ratio(ritmoCold.firstDragDoneMsMedian, bareCold.firstDragDoneMsMedian),
        dragCompleteP95: ratio(ritmoDrags.dragComplete.p95Ms, bareDrags.dragComplete.p95Ms),
      },
    };
  } finally {
    await bare.close();
  }
}
