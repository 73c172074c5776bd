import type { Browser } from 'playwright-core';
import { addMember, call, createTeam, createUser, type ApiTeam, type ApiUser } from './support/api';
import {
  dragAbove,
  row,
  seedItems,
  serverOrder,
  shownOrder,
  waitForOrder,
} from './support/backlog';
import { closeBrowser, launchBrowser, screenshot, signedInContext } from './support/browser';
import { BrowserServer, startServer } from './support/server';

const TITLES = [
  'Pagamento TARI online con PagoPA',
  'Certificati anagrafici via ANPR',
  'Prenotazione sportello tributi',
  'Modulo iscrizione mensa scolastica',
  'Rimborso pre-scuola',
];

describe('backlog grooming, live in two windows (product owner and developer)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let po: ApiUser;
  let dev: ApiUser;
  let team: ApiTeam;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    po = await createUser(server.url, 'Anna Ferretti');
    dev = await createUser(server.url, 'Marco Bedeschi');
    team = await createTeam(server.url, po);
    await addMember(server.url, team, po, dev, 'developer');
    await seedItems(server.url, team, po, TITLES);
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  const open = async (user: ApiUser) => {
    const ctx = await signedInContext(browser, server.url, user, 'it', `/teams/${team.id}/backlog`);
    await ctx.page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    await row(ctx.page, TITLES[0]).waitFor();
    return ctx;
  };

  it('a drag to the top shows in the other window within 1 s; an estimate set by the developer shows for the PO', async () => {
    const a = await open(po);
    const b = await open(dev);
    const moved = TITLES[3];
    const rank = a.page.waitForResponse((r) => r.url().endsWith('/backlog-items/rank') && r.ok());
    await dragAbove(a.page, moved, TITLES[0]);
    await rank;
    const started = Date.now();
    const expected = [moved, ...TITLES.filter((t) => t !== moved)];
    await waitForOrder(b.page, expected, 1_000);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    expect(await shownOrder(a.page)).toEqual(expected);
    expect(await serverOrder(server.url, team, po)).toEqual(expected);
    // Announced in the person's language.
    await a.page
      .getByTestId('announcer')
      .filter({ hasText: 'spostato in posizione 1 di 5' })
      .waitFor();

    // The developer may not rank: no handle is offered. Estimates they may set.
    expect(await b.page.locator('.ritmo-handle').count()).toBe(0);
    // As a person does: point at the select (it lists its options from then on), then choose.
    const estimate = row(b.page, TITLES[1]).locator('select.ritmo-estimate');
    await estimate.hover();
    await estimate.selectOption('5');
    await a.page.waitForFunction(
      (title) =>
        [...document.querySelectorAll('[data-testid=backlog-row]')]
          .find((r) => r.querySelector('[data-testid=item-title]')?.textContent === title)
          ?.querySelector<HTMLSelectElement>('select.ritmo-estimate')?.value === '5',
      TITLES[1],
      { timeout: 2_000 },
    );
    await screenshot(a.page, 'backlog-live-po');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('both edit one title: exactly one gets the conflict dialog with the other text, and nothing is lost', async () => {
    const a = await open(po);
    const b = await open(dev);
    const target = TITLES[2];
    const mine = {
      a: 'Prenotazione sportello tributi online',
      b: 'Prenotazione appuntamenti tributi',
    };
    for (const [ctx, text] of [
      [a, mine.a],
      [b, mine.b],
    ] as const) {
      await row(ctx.page, target)
        .getByRole('button', { name: /Modifica il titolo/ })
        .click();
      await ctx.page.locator('.ritmo-title-input').fill(text);
    }
    await Promise.all([a.page.keyboard.press('Enter'), b.page.keyboard.press('Enter')]);
    const dialog = (ctx: typeof a) => ctx.page.getByTestId('conflict-dialog');
    await Promise.race([dialog(a).waitFor(), dialog(b).waitFor()]);
    await new Promise((r) => setTimeout(r, 1_000));
    const counts = [await dialog(a).count(), await dialog(b).count()];
    expect(counts.sort()).toEqual([0, 1]);
    const [loser, winner, loserText, winnerText] =
      (await dialog(a).count()) === 1 ? [a, b, mine.a, mine.b] : [b, a, mine.b, mine.a];
    expect(await loser.page.getByTestId('conflict-theirs').textContent()).toBe(winnerText);
    expect(await loser.page.getByTestId('conflict-yours').textContent()).toBe(loserText);
    await screenshot(loser.page, 'backlog-conflict');
    // Apply mine on the current version: the loser's text wins now, the winner's is in history.
    await loser.page.getByRole('button', { name: 'Applica la propria modifica' }).click();
    await row(winner.page, loserText).waitFor({ timeout: 2_000 });
    const items = await serverOrder(server.url, team, po);
    expect(items).toContain(loserText);
    const list = await call(server.url, 'GET', `/api/v1/teams/${team.id}/backlog-items?q=tributi`, {
      token: po.accessToken,
    });
    const item = (list.body.items as { id: string; title: string }[]).find(
      (i) => i.title === loserText,
    );
    const history = await call(server.url, 'GET', `/api/v1/backlog-items/${item?.id}/history`, {
      token: po.accessToken,
    });
    const titles = (history.body as { type: string; changes: { field: string; to: unknown }[] }[])
      .filter((e) => e.type === 'backlog_item.updated')
      .flatMap((e) => e.changes)
      .filter((c) => c.field === 'title')
      .map((c) => c.to);
    expect(titles).toEqual([winnerText, loserText]);
    const isConflict = (e: string) => e.startsWith('412 ');
    expect([...a.errors, ...b.errors].filter((e) => !isConflict(e))).toEqual([]);
    expect([...a.errors, ...b.errors].filter(isConflict)).toHaveLength(1);
    await a.context.close();
    await b.context.close();
  });

  it('the developer offline while the PO makes 10 changes comes back to exactly the server order, without a reload', async () => {
    const b = await open(dev);
    const before = await serverOrder(server.url, team, po);
    // A reload would lose this mark.
    await b.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await b.context.setOffline(true);
    await b.page
      .locator('[data-testid=connection-state]:not([data-state=online])')
      .waitFor({ timeout: 30_000 });
    const { body } = await call(
      server.url,
      'GET',
      `/api/v1/teams/${team.id}/backlog-items?limit=50`,
      {
        token: po.accessToken,
      },
    );
    const ids = (body.items as { id: string; version: number }[]).map((i) => i);
    for (let n = 0; n < 10; n++) {
      const item = ids[n % ids.length];
      if (n % 2 === 0) {
        await call(server.url, 'POST', `/api/v1/teams/${team.id}/backlog-items/rank`, {
          token: po.accessToken,
          body: { ids: [item.id], position: n % 4 === 0 ? 'top' : 'bottom' },
        });
      } else {
        const { body: now } = await call<{ title: string; version: number }>(
          server.url,
          'GET',
          `/api/v1/backlog-items/${item.id}`,
          {
            token: po.accessToken,
          },
        );
        await call(server.url, 'PATCH', `/api/v1/backlog-items/${item.id}`, {
          token: po.accessToken,
          headers: { 'If-Match': `"${now.version}"` },
          body: { title: `${now.title.replace(/ \(\d+\)$/, '')} (${n})` },
        });
      }
    }
    const after = await serverOrder(server.url, team, po);
    expect(after).not.toEqual(before);
    await b.context.setOffline(false);
    await b.page
      .locator('[data-testid=connection-state][data-state=online]')
      .waitFor({ timeout: 30_000 });
    await waitForOrder(b.page, after, 5_000);
    expect(await shownOrder(b.page)).toEqual(after);
    expect(await b.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    await b.context.close();
  });
  it('rows drawn during a fast scroll show their values as text, and get their selects once it stops', async () => {
    const long = await createTeam(server.url, po);
    const titles = Array.from({ length: 120 }, (_, n) => `Pratica ${n + 1} del registro`);
    await seedItems(server.url, long, po, titles);
    const ctx = await signedInContext(browser, server.url, po, 'it', `/teams/${long.id}/backlog`);
    await row(ctx.page, titles[0]).waitFor();
    await row(ctx.page, titles[0]).locator('select.ritmo-estimate').waitFor();
    // 20 rows per frame, as a fling does; what each frame mounted is looked at in the same frame.
    const seen = await ctx.page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('[data-testid=backlog-scroll]')!;
      let asText = 0;
      for (let frame = 0; frame < 5; frame++) {
        el.scrollTop += 20 * 52;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        asText += el.querySelectorAll('.ritmo-row .ritmo-select-text').length;
      }
      return { asText };
    });
    expect(seen.asText).toBeGreaterThan(0);
    // Once it stops every row in view is editable again, and shows the same values.
    await ctx.page.waitForFunction(
      () => document.querySelectorAll('.ritmo-row .ritmo-select-text').length === 0,
    );
    const shown = ctx.page.locator('[data-testid=backlog-row]').first();
    expect(await shown.locator('select').count()).toBe(3);
    expect(await shown.locator('select.ritmo-type').inputValue()).toBe('story');
    expect(await shown.locator('select.ritmo-assignee option:checked').textContent()).toBe(
      'Nessuno',
    );

    await ctx.context.close();
  });
});
