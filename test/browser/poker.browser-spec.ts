import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ApiTeam, type ApiUser, seedTeam } from './support/api';
import { row, seedItems } from './support/backlog';
import {
  axe,
  closeBrowser,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  type Lang,
} from './support/browser';
import { framePayload, pageText, recordTraffic, valuesUnder, type Traffic } from './support/frames';
import { BrowserServer, startServer } from './support/server';

const TITLES = [
  'Iscrizioni alla mensa scolastica online',
  'Rimborso TARI per i residenti di Rubiera',
  'Prenotazione dello sportello anagrafe',
];
// Hidden cards of the first round: values that appear nowhere else on the page but the deck.
const FIRST = { sm: '34', dev1: '21', dev2: '55' } as const;

interface Person {
  user: ApiUser;
  context: BrowserContext;
  page: Page;
  errors: string[];
  traffic: Traffic;
  close(): Promise<void>;
}

const online = (page: Page) =>
  page.locator('[data-testid=connection-state][data-state=online]').waitFor({ timeout: 30_000 });

async function votedCount(page: Page, n: number) {
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid=vote][data-voted=yes]').length === count,
    n,
  );
}

/** The cards of the open round a person's traffic carried (frames and API answers alike). */
async function cardsSeen(traffic: Traffic): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (const frame of traffic.frames) valuesUnder(framePayload(frame), ['card', 'myCard'], seen);
  for (const body of await traffic.bodies()) valuesUnder(body, ['card', 'myCard'], seen);
  return seen.filter((v) => v !== null);
}

/** A card value standing alone (not part of a number or of an id like a55c…). */
const token = (value: string) => new RegExp(`(^|[^0-9A-Za-z])${value}([^0-9A-Za-z]|$)`);

describe('planning poker, live in four windows (scrum master, two developers, a stakeholder) and a backlog', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let sm: ApiUser;
  let dev1: ApiUser;
  let dev2: ApiUser;
  let sh: ApiUser;
  let team: ApiTeam;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({
      team,
      po,
      members: [sm, dev1, dev2, sh],
    } = await seedTeam(server.url, 'Anna Ferretti', [
      ['Marco Bedeschi', 'scrum_master'],
      ['Giulia Rinaldi', 'developer'],
      ['Paolo Ganassi', 'developer'],
      ['Elena Corradini', 'stakeholder'],
    ]));
    await seedItems(server.url, team, po, TITLES);
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  async function person(user: ApiUser, lang: Lang, path: string): Promise<Person> {
    const ctx = await newContext(browser, lang);
    const traffic = recordTraffic(ctx.page, /\/api\/v1\/(poker-sessions|teams\/[^/]+\/poker)/);
    await signIn(ctx.page, server.url, user, path);
    await online(ctx.page);
    return { user, ...ctx, traffic, close: () => ctx.context.close() };
  }

  it('hidden votes stay hidden everywhere; reveal, revote after a lost connection, accept, next, skip, end', async () => {
    const lobby = `/teams/${team.id}/poker`;
    const a = await person(sm, 'it', lobby);
    const d1 = await person(dev1, 'it', lobby);
    const d2 = await person(dev2, 'en', lobby);
    const s = await person(sh, 'it', lobby);
    const backlog = await person(po, 'it', `/teams/${team.id}/backlog`);
    await row(backlog.page, TITLES[0]).waitFor();

    // The lobby in both languages; only the scrum master is offered a new session.
    await a.page.getByText('Nessuna sessione di stima a carte.').waitFor();
    expect(await axe(a.page)).toEqual([]);
    expect(await axe(d2.page)).toEqual([]);
    expect(await d1.page.locator('#new-session-title').count()).toBe(0);
    expect(await s.page.locator('#new-session-title').count()).toBe(0);

    await a.page.getByLabel('Titolo della sessione').fill('Stima ciclo 12');
    // Bootstrap Italia draws the box on the label: a person clicks that.
    for (const title of TITLES.slice(0, 2))
      await a.page.getByTestId('pick-items').locator('label', { hasText: title }).click();
    expect(await a.page.getByLabel(TITLES[0]).isChecked()).toBe(true);
    await a.page.getByRole('button', { name: 'Apri la sessione' }).click();
    await a.page.waitForURL(/\/poker\/[0-9a-f-]{36}$/);
    const roomPath = new URL(a.page.url()).pathname;
    // The others see it appear in their lobby and walk in.
    for (const [p, name] of [
      [d1, 'Stima ciclo 12'],
      [d2, 'Stima ciclo 12'],
      [s, 'Stima ciclo 12'],
    ] as const) {
      await p.page.getByRole('link', { name }).click();
      await p.page.waitForURL((url) => url.pathname === roomPath);
    }
    const everyone = [a, d1, d2, s];
    // Three voters joined (the stakeholder watches): every room counts 0 of 3.
    await a.page.getByText('Voti: 0 su 3').waitFor();
    await d1.page.getByText('Voti: 0 su 3').waitFor();
    await d2.page.getByText('Votes: 0 of 3').waitFor();
    await s.page.getByText('Voti: 0 su 3').waitFor();
    await s.page.getByTestId('spectator-note').waitFor();
    await a.page.getByText('Elemento 1 di 2').waitFor();
    expect(await s.page.getByTestId('deck').count()).toBe(0);
    for (const p of everyone) p.traffic.reset();

    // Round 1, three different cards: by pointer, and by typing the value.
    await a.page.getByRole('button', { name: `Carta ${FIRST.sm}`, exact: true }).click();
    await d1.page.locator('body').click({ position: { x: 5, y: 5 } });
    await d1.page.keyboard.type(FIRST.dev1);
    await d2.page.locator('body').click({ position: { x: 5, y: 5 } });
    await d2.page.keyboard.type(FIRST.dev2);
    for (const p of everyone) await votedCount(p.page, 3);
    await d1.page
      .getByRole('button', { name: `Carta ${FIRST.dev1}`, exact: true, pressed: true })
      .waitFor();
    await d2.page
      .getByRole('button', { name: `Card ${FIRST.dev2}`, exact: true, pressed: true })
      .waitFor();
    expect(await d1.page.getByTestId('my-card').textContent()).toContain(`voto: ${FIRST.dev1}`);

    // Nothing of another voter's card reached any window: not in the DOM (the deck aside,
    // which lists every card), not in a WebSocket frame, not in an API answer.
    const own = new Map<Person, string | undefined>([
      [a, FIRST.sm],
      [d1, FIRST.dev1],
      [d2, FIRST.dev2],
      [s, undefined],
    ]);
    for (const p of everyone) {
      const mine = own.get(p);
      const others = Object.values(FIRST).filter((c) => c !== mine);
      const text = await pageText(p.page, '[data-testid=deck]');
      for (const card of others) expect(text).not.toMatch(token(card));
      const seen = await cardsSeen(p.traffic);
      // Only the voter's own card, which its own answers carry (the stakeholder: none at all).
      expect([...new Set(seen)]).toEqual(mine ? [mine] : []);
      // The frames were read (parsed, not only matched): each window heard the votes being cast.
      const casts = p.traffic.frames
        .map(framePayload)
        .filter((f): f is [string, { type: string }] => Array.isArray(f) && f[0] === 'event')
        .filter(([, e]) => e.type === 'poker.vote_cast');
      expect(casts.length).toBeGreaterThan(0);
      expect(p.traffic.frames.filter((f) => f.includes('poker.vote_cast')).length).toBeGreaterThan(
        0,
      );
    }
    expect(await axe(a.page)).toEqual([]);
    expect(await axe(d2.page)).toEqual([]);
    expect(await axe(s.page)).toEqual([]);
    await screenshot(a.page, 'poker-hidden-scrum-master');
    await screenshot(s.page, 'poker-hidden-stakeholder');

    // The stakeholder's vote is refused by the server too (not only absent from the screen).
    const refused = await fetch(
      `${server.url}/api/v1${roomPath.replace(/^.*\/poker\//, '/poker-sessions/')}/votes`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${sh.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ card: '5' }),
      },
    );
    expect(refused.status).toBe(403);

    // Reveal: every window shows each card and the statistics.
    await a.page.getByRole('button', { name: 'Scopri le carte' }).click();
    for (const p of everyone) {
      await p.page.getByTestId('stats').waitFor();
      expect(await p.page.getByTestId('stat-min').textContent()).toBe('21');
      expect(await p.page.getByTestId('stat-max').textContent()).toBe('55');
      expect(await p.page.getByTestId('stat-median').textContent()).toBe('34');
    }
    expect(await s.page.getByTestId('stat-consensus').textContent()).toBe('no');
    expect(await d2.page.getByTestId('stat-consensus').textContent()).toBe('no');
    expect(await s.page.getByTestId('votes').innerText()).toMatch(
      /Marco Bedeschi\s+34[\s\S]*Giulia Rinaldi\s+21[\s\S]*Paolo Ganassi\s+55/,
    );
    expect(await axe(a.page)).toEqual([]);
    await screenshot(a.page, 'poker-revealed');

    // One developer loses the connection; meanwhile a new round starts and two vote.
    await d2.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await d2.context.setOffline(true);
    await d2.page
      .locator('[data-testid=connection-state]:not([data-state=online])')
      .waitFor({ timeout: 30_000 });
    await a.page.getByRole('button', { name: 'Nuova votazione' }).click();
    await a.page.getByTestId('round').filter({ hasText: 'Votazione 2' }).waitFor();
    await a.page.getByRole('button', { name: 'Carta 5', exact: true }).click();
    await d1.page.getByRole('button', { name: 'Carta 5', exact: true }).click();
    await votedCount(a.page, 2);
    await d2.context.setOffline(false);
    await online(d2.page);
    // Back without a reload: round 2, hidden, two votes, and no card of its own yet.
    await d2.page.getByTestId('round').filter({ hasText: 'Round 2' }).waitFor();
    await d2.page.getByTestId('round-state').filter({ hasText: 'votes hidden' }).waitFor();
    await votedCount(d2.page, 2);
    expect(await d2.page.getByTestId('my-card').textContent()).toBe(
      'You have not voted in this round.',
    );
    expect(await d2.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    await d2.page.getByRole('button', { name: 'Card 5', exact: true }).click();
    for (const p of everyone) await votedCount(p.page, 3);

    // Consensus, accepted: the estimate is written to the item, live in the backlog window.
    await a.page.getByRole('button', { name: 'Scopri le carte' }).click();
    await s.page.getByTestId('stat-consensus').filter({ hasText: 'sì, tutti uguali' }).waitFor();
    await a.page.getByTestId('earlier-rounds').waitFor();
    expect(await a.page.getByLabel('Stima da accettare').inputValue()).toBe('5');
    await a.page.getByRole('button', { name: 'Accetta la stima' }).click();
    for (const p of everyone) await p.page.getByTestId('accepted').waitFor();
    await backlog.page.waitForFunction((title) => {
      const r = [...document.querySelectorAll('[data-testid=backlog-row]')].find(
        (el) => el.querySelector('[data-testid=item-title]')?.textContent === title,
      );
      const e = r?.querySelector<HTMLElement>('.ritmo-estimate');
      return e instanceof HTMLSelectElement ? e.value === '5' : e?.textContent === '5';
    }, TITLES[0]);

    // Next item, skipped; the session ends for everyone.
    await a.page.getByRole('button', { name: 'Elemento successivo' }).click();
    for (const p of everyone)
      await p.page.getByTestId('current-title').filter({ hasText: TITLES[1] }).waitFor();
    expect(await d2.page.getByTestId('session-item-state').allTextContents()).toEqual([
      'estimated: 5',
      'being estimated',
    ]);
    await a.page.getByRole('button', { name: "Salta l'elemento" }).click();
    for (const p of everyone) await p.page.getByTestId('all-done').waitFor();
    await a.page.getByRole('button', { name: 'Termina la sessione' }).click();
    await a.page.getByRole('button', { name: 'Termina', exact: true }).click();
    for (const p of everyone) await p.page.getByTestId('ended').waitFor();
    expect(await s.page.getByTestId('ended').textContent()).toContain('Elementi stimati: 1 su 2.');
    expect(await axe(d2.page)).toEqual([]);
    await screenshot(d2.page, 'poker-ended-en');

    expect([...a.errors, ...d1.errors, ...s.errors, ...backlog.errors]).toEqual([]);
    for (const p of [...everyone, backlog]) await p.close();
  });
});
