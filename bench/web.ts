/// <reference lib="dom" />
// npm run bench:web — the backlog screen with 5,000 items in headless Chromium (Debian's, via
// playwright-core), against the built app as `npm start` runs it (dist/), and a bare
// no-framework page of the same items (bench/web-bare.ts). Measures: initial JS of the route
// (gzip), LCP and a first successful drag after navigation, a remote change painted after its
// event reaches the page, and scrolling the whole list (longest frame, long tasks). Then the
// board with 1,000 cards and its own bare baseline (bench/web-board.ts).
// Needs DATABASE_URL (a server where it may create and drop a scratch database).
// BENCH_WEB_PARTS=backlog,board (default both) picks the parts; BENCH_WEB_ITEMS and
// BENCH_BOARD_CARDS change the sizes (a smoke run: BENCH_WEB_ITEMS=300 BENCH_BOARD_CARDS=40).
// Results: bench/results/web.json.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { machine, ROOT, saveResults } from './lib/run';
import {
  admin,
  base,
  call,
  launchChromium,
  login,
  percentile,
  round,
  seedTeam,
  startRitmo,
  withDatabase,
  type Seeded,
} from './lib/web-app';
import { startBareWeb } from './web-bare';
import { benchBoard } from './web-board';

const ITEMS = Number(process.env.BENCH_WEB_ITEMS ?? 5_000);
const BOARD_CARDS = Number(process.env.BENCH_BOARD_CARDS ?? 1_000);
const PARTS = new Set((process.env.BENCH_WEB_PARTS ?? 'backlog,board').split(','));
const COLD_RUNS = 3;
const REMOTE_ROUNDS = 20;
const SCROLL_STEP = 20 * 52;

async function seed(url: string): Promise<Seeded> {
  const { teamId, email, password, token } = await seedTeam(url, {
    person: 'Ufficio Tributi',
    workspace: 'Comune di Rubiera',
  });
  const team = { id: teamId };
  for (let done = 0; done < ITEMS; done += 200) {
    const lines = Array.from(
      { length: Math.min(200, ITEMS - done) },
      (_, i) => `Pratica ${done + i + 1}`,
    );
    await call(`${url}/api/v1/teams/${team.id}/backlog-items/bulk`, 'POST', token, {
      text: lines.join('\n'),
    });
  }
  return { teamId: team.id, email, password };
}

/** Runs in the page before its own scripts: LCP, long tasks, socket frames, paint of a marker. */
const INSTRUMENT = `(() => {
  const b = (window.__bench = { ws: [], painted: [], longtasks: [], lcp: 0, firstRow: 0, waiting: null });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longtasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(u, p) {
      super(u, p);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        const m = /BENCH-[a-z]*\\d+/.exec(e.data);
        if (m) b.ws.push([m[0], performance.now()]);
      });
    }
  };
  const check = () => {
    if (!b.firstRow && document.querySelector('[data-testid=backlog-row]')) b.firstRow = performance.now();
    const marker = b.waiting;
    const list = document.querySelector('[data-testid=backlog-list]');
    if (marker && list && list.textContent.includes(marker)) {
      b.waiting = null;
      // The frame that shows the change: after its rAF callbacks and paint.
      requestAnimationFrame(() => setTimeout(() => b.painted.push([marker, performance.now()]), 0));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

interface BenchWindow {
  __bench: {
    ws: [string, number][];
    painted: [string, number][];
    longtasks: [number, number][];
    lcp: number;
    firstRow: number;
    waiting: string | null;
  };
}

function gzipOf(files: string[]): number {
  let total = 0;
  for (const file of files) total += gzipSync(readFileSync(file)).length;
  return total;
}

// Main-thread time Chromium spent while scrolling, per frame: the wall-clock frame figures follow
// the machine's load, these split the work into script, style and layout.
async function mainThreadWork(page: Page, run: () => Promise<{ frames: number }>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    ) as Record<string, number>;
  // BENCH_CPU_PROFILE=file.cpuprofile keeps a CPU profile of the scroll (ritmo's page only),
  // for DevTools' Performance panel.
  const profile = process.env.BENCH_CPU_PROFILE && page.url().includes('/teams/');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // BENCH_TRACE=file.json keeps a Chromium trace of the same scroll (style and layout events).
  const browser = page.context().browser();
  const trace = process.env.BENCH_TRACE && page.url().includes('/teams/') ? browser : null;
  if (trace) await trace.startTracing(page, { categories: ['devtools.timeline'] });
  const before = await read();
  const result = await run();
  const after = await read();
  if (trace) writeFileSync(process.env.BENCH_TRACE as string, await trace.stopTracing());
  if (profile) {
    const { profile: data } = await cdp.send('Profiler.stop');
    writeFileSync(process.env.BENCH_CPU_PROFILE as string, JSON.stringify(data));
  }
  await cdp.detach();
  const perFrame = (key: string) =>
    round((((after[key] ?? 0) - (before[key] ?? 0)) * 1000) / Math.max(1, result.frames));
  return {
    ...result,
    perFrameMs: {
      task: perFrame('TaskDuration'),
      script: perFrame('ScriptDuration'),
      style: perFrame('RecalcStyleDuration'),
      layout: perFrame('LayoutDuration'),
    },
  };
}

async function scrollAll(page: Page) {
  return mainThreadWork(page, () => scrollFrames(page));
}

async function scrollFrames(page: Page) {
  return page.evaluate(async (step) => {
    const el = document.querySelector<HTMLElement>('[data-testid=backlog-scroll]');
    if (!el) throw new Error('no scroll region');
    const b = (window as unknown as BenchWindow).__bench;
    el.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const before = b.longtasks.length;
    const frames: number[] = [];
    let last = performance.now();
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        frames.push(now - last);
        last = now;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return resolve();
        el.scrollTop += step;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    frames.shift();
    const sorted = [...frames].sort((x, y) => x - y);
    return {
      frames: frames.length,
      p50FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.5)] ?? 0),
      framesOver50Ms: frames.filter((f) => f > 50).length,
      maxFrameMs: Math.round(sorted[sorted.length - 1] ?? 0),
      p99FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
      longTasks: b.longtasks.length - before,
      rowsInDom: document.querySelectorAll('[data-testid=backlog-row]').length,
    };
  }, SCROLL_STEP);
}

async function dragThirdToTop(page: Page) {
  const rows = page.locator('[data-testid=backlog-row]');
  const handle = rows.nth(2).locator('.ritmo-handle');
  const a = await handle.boundingBox();
  const b = await rows.nth(0).boundingBox();
  if (!a || !b) throw new Error('rows not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y - 8, { steps: 2 });
  await page.mouse.move(a.x + a.width / 2 + 20, b.y + b.height * 0.15, { steps: 4 });
  await page.mouse.up();
}

async function coldRun(browser: Browser, url: string, s: Seeded) {
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
  await page.goto(`${url}/teams/${s.teamId}/backlog`);
  await page.locator('[data-testid=backlog-row]').nth(2).waitFor();
  const routeScripts = [...scripts];
  const rank = page.waitForResponse((r) => r.url().endsWith('/backlog-items/rank') && r.ok());
  await dragThirdToTop(page);
  await rank;
  await page.waitForTimeout(300);
  const timings = await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    const entry = performance
      .getEntriesByType('resource')
      .find((e) => e.name.endsWith('/backlog-items/rank'));
    return {
      lcp: b.lcp,
      firstRow: b.firstRow,
      dragDone: entry ? (entry as PerformanceResourceTiming).responseEnd : NaN,
    };
  });
  const files = routeScripts.map((p) => join(ROOT, 'dist', 'web', p));
  return { page, context, timings, js: { files: routeScripts, gzipBytes: gzipOf(files) } };
}

async function remoteChanges(
  page: Page,
  change: (marker: string) => Promise<void> | void,
  prefix: string,
) {
  const gaps: number[] = [];
  for (let i = 0; i < REMOTE_ROUNDS + 3; i++) {
    const marker = `BENCH-${prefix}${i}`;
    await page.evaluate((m) => ((window as unknown as BenchWindow).__bench.waiting = m), marker);
    await change(marker);
    await page.waitForFunction(
      (m) => (window as unknown as BenchWindow).__bench.painted.some(([x]) => x === m),
      marker,
      { timeout: 10_000 },
    );
    const [arrived, painted] = await page.evaluate((m) => {
      const b = (window as unknown as BenchWindow).__bench;
      return [
        b.ws.find(([x]) => x === m)?.[1] ?? NaN,
        b.painted.find(([x]) => x === m)?.[1] ?? NaN,
      ];
    }, marker);
    if (i >= 3) gaps.push(painted - arrived); // three warm-up rounds
    await page.waitForTimeout(100);
  }
  return {
    rounds: gaps.length,
    p50Ms: round(percentile(gaps, 50)),
    p95Ms: round(percentile(gaps, 95)),
    maxMs: round(Math.max(...gaps)),
  };
}

/** The backlog part: 5,000 items, three cold runs, remote changes, the whole list scrolled. */
async function benchBacklog(browser: Browser, ritmo: { url: string }) {
  console.log(`seeding ${ITEMS} items…`);
  const s = await seed(ritmo.url);
  const runs: { lcp: number; firstRow: number; dragDone: number; jsGzipBytes: number }[] = [];
  let last: Awaited<ReturnType<typeof coldRun>> | undefined;
  for (let i = 0; i < COLD_RUNS; i++) {
    if (last) await last.context.close();
    last = await coldRun(browser, ritmo.url, s);
    runs.push({ ...last.timings, jsGzipBytes: last.js.gzipBytes });
    console.log(`cold run ${i + 1}:`, JSON.stringify(runs[runs.length - 1]));
  }
  if (!last) throw new Error('no run');
  const page = last.page;
  // Remote changes on the whole list: wait until every page is in.
  await page.waitForFunction(
    () =>
      !/Caricamento/.test(
        document.querySelector('[data-testid=backlog-count]')?.textContent ?? 'Caricamento',
      ),
    undefined,
    { timeout: 60_000 },
  );
  const { accessToken } = await login(ritmo.url, s);
  const itemId = await page
    .locator('[data-testid=backlog-row][aria-posinset="1"]')
    .getAttribute('data-item-id');
  let version = (
    await call<{ version: number }>(
      `${ritmo.url}/api/v1/backlog-items/${itemId}`,
      'GET',
      accessToken,
    )
  ).version;
  const remote = await remoteChanges(
    page,
    async (marker) => {
      const item = await call<{ version: number }>(
        `${ritmo.url}/api/v1/backlog-items/${itemId}`,
        'PATCH',
        accessToken,
        { title: `Pratica ${marker}` },
        { 'If-Match': `"${version}"` },
      );
      version = item.version;
    },
    '',
  );
  const scroll = await scrollAll(page);
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const pageOf: { items: unknown[]; nextCursor: string | null } = await call(
      `${ritmo.url}/api/v1/teams/${s.teamId}/backlog-items?sprint=unplanned&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      'GET',
      accessToken,
    );
    items.push(...pageOf.items);
    cursor = pageOf.nextCursor;
  } while (cursor);
  await last.context.close();

  // The bare page: same items, same row height, no framework.
  const bare = await startBareWeb(items);
  const context = await browser.newContext({
    locale: 'it-IT',
    viewport: { width: 1280, height: 900 },
  });
  await context.addInitScript(INSTRUMENT);
  const bp = await context.newPage();
  await bp.goto(bare.url);
  await bp.locator('[data-testid=backlog-row]').nth(2).waitFor();
  await bp.waitForTimeout(300);
  const bareTimings = await bp.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    return { lcp: b.lcp, firstRow: b.firstRow };
  });
  await bp.waitForFunction(() => (window as unknown as BenchWindow).__bench !== undefined);
  const first = items[0] as { id: string; title: string };
  const bareRemote = await remoteChanges(
    bp,
    (marker) =>
      bare.broadcast({
        type: 'backlog_item.updated',
        data: { item: { ...first, title: `Pratica ${marker}` } },
      }),
    'bare',
  );
  const bareScroll = await scrollAll(bp);
  await context.close();
  await bare.close();

  const median = (key: 'lcp' | 'firstRow' | 'dragDone') =>
    round(
      percentile(
        runs.map((r) => r[key]),
        50,
      ),
    );
  const results = {
    items: ITEMS,
    ritmo: {
      initialJsGzipKB: round((runs[0]?.jsGzipBytes ?? 0) / 1024),
      routeScripts: last.js.files,
      coldRuns: runs.map((r) => ({
        lcpMs: round(r.lcp),
        firstRowMs: round(r.firstRow),
        firstDragDoneMs: round(r.dragDone),
      })),
      lcpMsMedian: median('lcp'),
      firstDragDoneMsMedian: median('dragDone'),
      remoteChangePaint: remote,
      scroll,
    },
    bare: {
      lcpMs: round(bareTimings.lcp),
      firstRowMs: round(bareTimings.firstRow),
      remoteChangePaint: bareRemote,
      scroll: bareScroll,
    },
  };
  return results;
}

async function main(): Promise<void> {
  const loadBefore = loadavg().map(round);
  const name = `ritmo_bench_web_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const ritmo = await startRitmo(withDatabase(base, name));
  const browser = await launchChromium();
  try {
    const backlog = PARTS.has('backlog') ? await benchBacklog(browser, ritmo) : undefined;
    const board = PARTS.has('board')
      ? await benchBoard(browser, ritmo.url, BOARD_CARDS)
      : undefined;
    const results = {
      machine: { ...machine(), loadavgBefore: loadBefore, loadavgAfter: loadavg().map(round) },
      ...backlog,
      ...(board ? { board } : {}),
    };
    const file = saveResults('web.json', results);
    console.log(JSON.stringify(results, null, 2));
    console.log(`written ${file}`);
  } finally {
    await browser.close();
    ritmo.child.kill('SIGTERM');
    await new Promise((r) => ritmo.child.once('exit', r));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
