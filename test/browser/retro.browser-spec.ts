import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, type ApiTeam, type ApiUser, seedTeam } from './support/api';
import { row } from './support/backlog';
import {
  axe,
  closeBrowser,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  type Lang,
} from './support/browser';
import { framePayload, recordTraffic, valuesUnder, type Traffic } from './support/frames';
import { BrowserServer, startServer } from './support/server';

const NAME = 'Momento di confronto';
// Columns of the "went_well" template, in the team's language.
const COLS = { well: 'Andato bene', improve: 'Da migliorare', ideas: 'Idee' };
const CARDS = {
  a1: 'Sportello anagrafe aperto anche il sabato',
  a2: 'Prenotazioni online senza code allo sportello',
  b1: 'Troppe email per le stesse pratiche',
  b2: 'Posta elettronica certificata controllata tardi',
  c1: 'Un modulo unico per la mensa scolastica',
};
/** As the board shortens a card's text in its labels. */
const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const ACTION = 'Una sola casella PEC per ufficio, letta ogni mattina';

interface Person {
  user: ApiUser;
  context: BrowserContext;
  page: Page;
  errors: string[];
  traffic: Traffic;
}

const online = (page: Page) =>
  page.locator('[data-testid=connection-state][data-state=online]').waitFor({ timeout: 30_000 });

async function phaseIs(page: Page, name: string) {
  await page.getByTestId('phase-current').filter({ hasText: name }).waitFor();
}

async function cardCount(page: Page, n: number) {
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid=retro-card]').length === count,
    n,
  );
}

/** Every JSON value a person's traffic carried: socket frames and API answers. */
async function payloads(traffic: Traffic): Promise<unknown[]> {
  return [...traffic.frames.map(framePayload), ...(await traffic.bodies())].filter(
    (p) => p !== undefined,
  );
}

/** Objects that look like retro cards (an id, a column, a text), anywhere in a value. */
function cardsIn(value: unknown, out: Record<string, unknown>[] = []) {
  if (Array.isArray(value)) for (const v of value) cardsIn(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('column' in o && 'text' in o) out.push(o);
    for (const v of Object.values(o)) cardsIn(v, out);
  }
  return out;
}

describe('a retrospective through every phase, live in four windows, anonymous and private', () => {
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
    // The team calls its retrospective by its own name.
    const { body: current } = await call(server.url, 'GET', `/api/v1/teams/${team.id}`, {
      token: po.accessToken,
    });
    await call(server.url, 'PATCH', `/api/v1/teams/${team.id}`, {
      token: po.accessToken,
      headers: { 'If-Match': `"${current.version}"` },
      body: { vocabulary: { retrospective: NAME } },
    });
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  async function person(user: ApiUser, lang: Lang, path: string): Promise<Person> {
    const ctx = await newContext(browser, lang);
    const traffic = recordTraffic(ctx.page, /\/api\/v1\/(retrospectives|teams\/[^/]+\/retro)/);
    await signIn(ctx.page, server.url, user, path);
    await online(ctx.page);
    return { user, ...ctx, traffic };
  }

  async function write(p: Person, column: string, text: string) {
    await p.page
      .getByLabel(`Nuova scheda in «${column}»`)
      .or(p.page.getByLabel(`New card in "${column}"`))
      .fill(text);
    await p.page
      .getByRole('button', { name: `Aggiungi a «${column}»` })
      .or(p.page.getByRole('button', { name: `Add to "${column}"` }))
      .click();
    await p.page.getByTestId('card-text').filter({ hasText: text }).waitFor();
  }

  it('collect → group → vote → discuss → closed: hidden until revealed, no author anywhere, budget kept, action to the backlog', async () => {
    const lobby = `/teams/${team.id}/retro`;
    const a = await person(sm, 'it', lobby);
    const d1 = await person(dev1, 'it', lobby);
    const d2 = await person(dev2, 'en', lobby);
    const p = await person(po, 'it', lobby);
    const backlog = await person(sh, 'it', `/teams/${team.id}/backlog`);
    const everyone = [a, d1, d2, p];
    const names = [po, sm, dev1, dev2].map((u) => u.displayName);

    // The team's word, in the page and in the menu.
    await a.page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await a.page.getByRole('link', { name: NAME }).first().waitFor();
    expect(await axe(a.page)).toEqual([]);
    expect(await axe(d2.page)).toEqual([]);
    expect(await d1.page.locator('#new-retro-title').count()).toBe(0);

    await a.page.getByLabel('Modello').selectOption('went_well');
    await a.page.locator('label[for=retro-anonymous]').click();
    await a.page.getByLabel('Voti a persona').fill('3');
    await a.page.getByRole('button', { name: 'Apri la sessione' }).click();
    await a.page.waitForURL(/\/retro\/[0-9a-f-]{36}$/);
    const roomPath = new URL(a.page.url()).pathname;
    const retroId = roomPath.split('/').pop() ?? '';
    for (const q of [d1, d2, p]) {
      await q.page.locator('[data-testid=retros] a').first().click();
      await q.page.waitForURL((url) => url.pathname === roomPath);
      await q.page.getByTestId('retro-column').first().waitFor();
    }
    for (const q of everyone) q.traffic.reset();

    // Collect, private: each sees their own cards, and only counts of the others'.
    await write(d1, COLS.well, CARDS.a1);
    await write(d1, COLS.well, CARDS.a2);
    await write(d2, COLS.improve, CARDS.b1);
    await write(p, COLS.improve, CARDS.b2);
    await write(a, COLS.ideas, CARDS.c1);
    await d1.page
      .getByTestId('hidden-count')
      .filter({ hasText: '2 schede di altre persone' })
      .waitFor();
    await d1.page
      .getByTestId('hidden-count')
      .filter({ hasText: '1 scheda di altre persone' })
      .waitFor();
    await d2.page.getByTestId('hidden-count').filter({ hasText: '2 cards by others' }).waitFor();
    const mineOf = new Map<Person, string[]>([
      [a, [CARDS.c1]],
      [d1, [CARDS.a1, CARDS.a2]],
      [d2, [CARDS.b1]],
      [p, [CARDS.b2]],
    ]);
    for (const q of everyone) {
      const others = Object.values(CARDS).filter((c) => !mineOf.get(q)?.includes(c));
      const dom = await q.page.locator('body').innerText();
      const traffic = JSON.stringify(await payloads(q.traffic));
      for (const text of others) {
        expect(dom).not.toContain(text);
        expect(traffic).not.toContain(text);
      }
      expect(await q.page.getByTestId('retro-card').count()).toBe(mineOf.get(q)?.length);
    }
    expect(await axe(d1.page)).toEqual([]);
    await screenshot(d1.page, 'retro-collect-private');

    // Group: every card shows, none with its author.
    await a.page.getByRole('button', { name: 'Passa a: Raggruppamento' }).click();
    for (const q of everyone) {
      await phaseIs(q.page, q === d2 ? 'Group' : 'Raggruppamento');
      await cardCount(q.page, 5);
    }
    for (const q of everyone) {
      for (const text of await q.page.getByTestId('retro-card').allInnerTexts())
        for (const name of names) expect(text).not.toContain(name);
    }
    // By pointer: the second card dropped on the first makes a group of the two.
    const card = (q: Person, text: string) =>
      q.page.locator('[data-testid=retro-card]', {
        has: q.page.getByTestId('card-text').filter({ hasText: text }),
      });
    await card(d1, CARDS.a2).dragTo(card(d1, CARDS.a1));
    for (const q of everyone) await q.page.getByTestId('retro-group').first().waitFor();
    // By keyboard: "Group with", then the button.
    const select = d2.page.getByLabel(`Group "${short(CARDS.b1)}" with`);
    await select.focus();
    await select.selectOption({ label: `the card "${short(CARDS.b2)}"` });
    await d2.page.keyboard.press('Tab');
    await d2.page.keyboard.press('Enter');
    for (const q of everyone)
      await q.page.waitForFunction(
        () => document.querySelectorAll('[data-testid=retro-group]').length === 2,
      );
    expect(await axe(d2.page)).toEqual([]);

    // One window drops its connection while the facilitator moves on to the vote.
    await d2.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await d2.context.setOffline(true);
    await d2.page
      .locator('[data-testid=connection-state]:not([data-state=online])')
      .waitFor({ timeout: 30_000 });
    await a.page.getByRole('button', { name: 'Passa a: Voto' }).click();
    await phaseIs(a.page, 'Voto');
    // The lone idea got a group of its own.
    await a.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=retro-group]').length === 3,
    );
    await d2.context.setOffline(false);
    await online(d2.page);
    await phaseIs(d2.page, 'Vote');
    await d2.page.getByTestId('vote-budget').filter({ hasText: 'Votes left: 3 of 3' }).waitFor();
    expect(await d2.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );

    // Vote: three each at most; totals hidden from everyone, the facilitator too.
    const groupTitled = (q: Person, text: string) =>
      q.page.locator('[data-testid=retro-group]', { hasText: text });
    const give = async (q: Person, text: string, label: RegExp) => {
      await groupTitled(q, text).getByRole('button', { name: label }).click();
    };
    for (let n = 0; n < 3; n++) {
      await give(d1, CARDS.a1, /^Aggiungi un voto/);
      await d1.page
        .getByTestId('vote-budget')
        .filter({ hasText: `rimasti: ${2 - n} di 3` })
        .waitFor();
    }
    // Out of votes: the buttons are gone from use, and the server refuses one sent anyway.
    expect(
      await d1.page
        .getByRole('button', { name: /^Aggiungi un voto/ })
        .evaluateAll((buttons) => buttons.every((b) => (b as HTMLButtonElement).disabled)),
    ).toBe(true);
    const { body: view } = await call(server.url, 'GET', `/api/v1/retrospectives/${retroId}`, {
      token: dev1.accessToken,
    });
    const over = await fetch(`${server.url}/api/v1/retrospectives/${retroId}/votes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${dev1.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        groupId: (view.groups as { id: string; title: string }[]).find(
          (g) => g.title !== short(CARDS.a1),
        )?.id,
      }),
    });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { type: string }).type).toBe(
      'urn:ritmo:problem:vote-budget-exhausted',
    );
    await give(d2, CARDS.b1, /^Add a vote/);
    await d2.page.getByTestId('vote-budget').filter({ hasText: 'left: 2 of 3' }).waitFor();
    await give(d2, CARDS.b1, /^Add a vote/);
    await d2.page.getByTestId('vote-budget').filter({ hasText: 'left: 1 of 3' }).waitFor();
    await give(d2, CARDS.c1, /^Add a vote/);
    await d2.page.getByTestId('vote-budget').filter({ hasText: 'left: 0 of 3' }).waitFor();
    for (const q of everyone) {
      expect(await q.page.getByTestId('group-votes').count()).toBe(0);
      const totals = valuesUnder(await payloads(q.traffic), ['votes']).filter(
        (v) => typeof v === 'number',
      );
      expect(totals).toEqual([]);
    }
    expect(await axe(a.page)).toEqual([]);
    await screenshot(d1.page, 'retro-vote');

    // Discuss: totals, most voted first.
    await a.page.getByRole('button', { name: 'Passa a: Discussione' }).click();
    for (const q of everyone) {
      await phaseIs(q.page, q === d2 ? 'Discuss' : 'Discussione');
      await q.page.getByTestId('group-votes').first().waitFor();
    }
    expect(await p.page.getByTestId('group-votes').allTextContents()).toEqual([
      '3 voti',
      '2 voti',
      '1 voto',
    ]);
    await a.page.getByLabel('Nuova nota').fill('La PEC si legge a turno');
    await a.page.getByRole('button', { name: 'Aggiungi la nota' }).click();
    await d1.page.getByLabel('Azione', { exact: true }).fill(ACTION);
    await d1.page.getByLabel('Responsabile').selectOption({ label: dev1.displayName });
    await d1.page.getByRole('button', { name: "Aggiungi l'azione" }).click();
    for (const q of everyone)
      await q.page.getByTestId('action-text').filter({ hasText: ACTION }).waitFor();
    await d1.page.getByRole('button', { name: `Porta «${ACTION}» nel Backlog` }).click();
    for (const q of everyone) await q.page.getByTestId('action-linked').waitFor();
    await row(backlog.page, ACTION).waitFor();
    expect(await axe(p.page)).toEqual([]);
    expect(await axe(d2.page)).toEqual([]);
    await screenshot(a.page, 'retro-discuss');

    // Closed for everyone; the Markdown export has the groups, votes and the action, no author.
    await a.page.getByRole('button', { name: 'Passa a: Chiusa' }).click();
    for (const q of everyone) await phaseIs(q.page, q === d2 ? 'Closed' : 'Chiusa');
    const download = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: 'Esporta in Markdown' }).click();
    const file = await (await download).path();
    const markdown = readFileSync(file, 'utf8');
    for (const text of Object.values(CARDS)) expect(markdown).toContain(text);
    expect(markdown).toContain(ACTION);
    for (const line of markdown
      .split('\n')
      .filter((l) => Object.values(CARDS).some((c) => l.includes(c))))
      for (const name of names) expect(line).not.toContain(name);

    // Anonymous from start to end: no card in any frame or answer had an author, no card event an actor.
    for (const q of everyone) {
      const all = await payloads(q.traffic);
      expect(cardsIn(all).filter((c) => c.authorId !== null && c.authorId !== undefined)).toEqual(
        [],
      );
      const cardEvents = q.traffic.frames
        .map(framePayload)
        .filter((f): f is [string, { type: string; actorId: unknown }] => Array.isArray(f))
        .map((f) => f[1])
        .filter((e) => typeof e?.type === 'string' && e.type.startsWith('retro.card_'));
      expect(cardEvents.filter((e) => e.actorId !== null)).toEqual([]);
      // Not vacuous: the cards and their events were read.
      expect(cardsIn(all).length).toBeGreaterThan(0);
      expect(cardEvents.length).toBeGreaterThan(0);
    }
    expect(await axe(a.page)).toEqual([]);
    await screenshot(a.page, 'retro-closed');

    // The next retrospective opens with this one's action items and their status.
    const { body: next } = await call(
      server.url,
      'POST',
      `/api/v1/teams/${team.id}/retrospectives`,
      {
        token: sm.accessToken,
        body: { template: 'mad_sad_glad' },
      },
    );
    await a.page.goto(`${server.url}/teams/${team.id}/retro/${next.id}`);
    await a.page.getByTestId('previous-actions').filter({ hasText: ACTION }).waitFor();
    expect(await a.page.getByTestId('previous-actions').innerText()).toContain('da fare');

    expect([...a.errors, ...d1.errors, ...p.errors, ...backlog.errors]).toEqual([]);
    for (const q of [...everyone, backlog]) await q.context.close();
  });
});
