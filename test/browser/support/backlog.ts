import type { Page } from 'playwright-core';
import { call, type ApiTeam, type ApiUser } from './api';

/** Items from lines of text, at the bottom, in that order (one bulk call). */
export async function seedItems(base: string, team: ApiTeam, user: ApiUser, titles: string[]) {
  const { body } = await call(base, 'POST', `/api/v1/teams/${team.id}/backlog-items/bulk`, {
    token: user.accessToken,
    body: { text: titles.join('\n') },
  });
  return body.items as { id: string; title: string; version: number }[];
}

/** The server's order of the product backlog (titles). */
export async function serverOrder(base: string, team: ApiTeam, user: ApiUser): Promise<string[]> {
  const titles: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `sprint=unplanned&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const { body } = await call(base, 'GET', `/api/v1/teams/${team.id}/backlog-items?${query}`, {
      token: user.accessToken,
    });
    titles.push(...(body.items as { title: string }[]).map((i) => i.title));
    cursor = body.nextCursor;
  } while (cursor);
  return titles;
}

/** The titles the page shows, top to bottom (rows rendered by the virtual list). */
export function shownOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid=backlog-row]')]
      .sort(
        (a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
      )
      .map((row) => row.querySelector('[data-testid=item-title]')?.textContent ?? ''),
  );
}

export function row(page: Page, title: string) {
  return page.locator('[data-testid=backlog-row]', {
    has: page.locator('[data-testid=item-title]', { hasText: title }),
  });
}

/** Waits until the page shows exactly these titles in this order. */
export async function waitForOrder(page: Page, titles: string[], timeout = 5_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const shown = [...document.querySelectorAll<HTMLElement>('[data-testid=backlog-row]')]
        .sort(
          (a, b) =>
            Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
        )
        .map((r) => r.querySelector('[data-testid=item-title]')?.textContent ?? '');
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    titles,
    { timeout },
  );
}

/** A pointer drag of a row's handle onto the upper quarter of another row (dnd-kit). */
export async function dragAbove(page: Page, from: string, to: string): Promise<void> {
  const handle = row(page, from).locator('.ritmo-handle');
  const target = row(page, to);
  const a = await handle.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error('rows not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 - 10, { steps: 4 });
  await page.mouse.move(b.x + a.width / 2 + 40, b.y + b.height * 0.2, { steps: 12 });
  await page.mouse.move(b.x + a.width / 2 + 40, b.y + b.height * 0.15, { steps: 2 });
  await page.mouse.up();
}
