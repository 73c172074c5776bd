import type { Page } from 'playwright-core';
import { call, type ApiTeam, type ApiUser } from './api';
import { seedItems } from './backlog';

export interface Column {
  id: string;
  name: string;
  category: string;
  position: number;
  wipLimit: number | null;
  version: number;
}

/** A planned sprint of today's fortnight with these items, started (the board shows it). */
export async function startSprint(
  base: string,
  team: ApiTeam,
  user: ApiUser,
  titles: string[],
): Promise<{ id: string; items: { id: string; title: string }[] }> {
  const items = await seedItems(base, team, user, titles);
  const today = new Date();
  const end = new Date(today.getTime() + 13 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const { body: sprint } = await call(base, 'POST', `/api/v1/teams/${team.id}/sprints`, {
    token: user.accessToken,
    body: {
      name: 'Ciclo 1 — iscrizioni mensa',
      goal: 'Iscrizioni online',
      startDate: day(today),
      endDate: day(end),
    },
  });
  await call(base, 'POST', `/api/v1/sprints/${sprint.id}/items`, {
    token: user.accessToken,
    body: { ids: items.map((i) => i.id) },
  });
  await call(base, 'POST', `/api/v1/sprints/${sprint.id}/start`, { token: user.accessToken });
  return { id: sprint.id as string, items };
}

export async function workflow(base: string, team: ApiTeam, user: ApiUser) {
  const { body } = await call(base, 'GET', `/api/v1/teams/${team.id}/workflow`, {
    token: user.accessToken,
  });
  return body as { wipMode: string; statuses: Column[] };
}

export async function setColumn(
  base: string,
  team: ApiTeam,
  user: ApiUser,
  column: Column,
  patch: Partial<Column>,
) {
  await call(base, 'PATCH', `/api/v1/teams/${team.id}/workflow/statuses/${column.id}`, {
    token: user.accessToken,
    headers: { 'If-Match': `"${column.version}"` },
    body: patch,
  });
}

export async function setWipMode(base: string, team: ApiTeam, user: ApiUser, mode: string) {
  await call(base, 'PUT', `/api/v1/teams/${team.id}/workflow`, {
    token: user.accessToken,
    body: { wipMode: mode },
  });
}

/** Column name → card titles, as the server has them. */
export async function serverBoard(base: string, team: ApiTeam, user: ApiUser) {
  const { body } = await call(base, 'GET', `/api/v1/teams/${team.id}/board`, {
    token: user.accessToken,
  });
  return Object.fromEntries(
    (body.columns as { name: string; items: { title: string }[] }[]).map((c) => [
      c.name,
      c.items.map((i) => i.title),
    ]),
  ) as Record<string, string[]>;
}

export function card(page: Page, title: string) {
  return page.locator('[data-testid=board-card]', {
    has: page.locator('[data-testid=card-title]', { hasText: title }),
  });
}

export function header(page: Page, name: string) {
  return page.locator('[data-testid=column-header]', {
    has: page.locator('h2', { hasText: name }),
  });
}

/** Column name → card titles, as the page shows them (lane by lane, top to bottom). */
export function shownBoard(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const names = [...document.querySelectorAll('[data-testid=column-header]')].map((h) => [
      h.getAttribute('data-status-id') ?? '',
      h.querySelector('h2')?.textContent ?? '',
    ]);
    const out: Record<string, string[]> = {};
    for (const [id, name] of names) {
      out[name] = [
        ...document.querySelectorAll(`[data-testid=board-cell][data-status-id="${id}"]`),
      ].flatMap((cell) =>
        [...cell.querySelectorAll('[data-testid=card-title]')].map((t) => t.textContent ?? ''),
      );
    }
    return out;
  });
}

export async function waitForBoard(
  page: Page,
  expected: Record<string, string[]>,
  timeout = 5_000,
): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const names = [...document.querySelectorAll('[data-testid=column-header]')].map((h) => [
        h.getAttribute('data-status-id') ?? '',
        h.querySelector('h2')?.textContent ?? '',
      ]);
      return Object.entries(want).every(([name, titles]) => {
        const id = names.find(([, n]) => n === name)?.[0];
        if (!id) return false;
        const shown = [
          ...document.querySelectorAll(`[data-testid=board-cell][data-status-id="${id}"]`),
        ].flatMap((cell) =>
          [...cell.querySelectorAll('[data-testid=card-title]')].map((t) => t.textContent ?? ''),
        );
        return JSON.stringify(shown) === JSON.stringify(titles);
      });
    },
    expected,
    { timeout },
  );
}

/**
 * A pointer drag of a card into a column's cell (dnd-kit's pointer sensor), let go just below
 * the cell's last card: near the window's bottom edge dnd-kit would scroll the page.
 */
export async function dragToColumn(
  page: Page,
  title: string,
  column: string,
  shot?: string,
): Promise<void> {
  const id = await header(page, column).getAttribute('data-status-id');
  const cell = page.locator(`[data-testid=board-cell][data-status-id="${id}"]`).first();
  const from = await card(page, title).boundingBox();
  const to = await cell.boundingBox();
  const cards = cell.locator('[data-testid=board-card]');
  const last = (await cards.count()) > 0 ? await cards.last().boundingBox() : null;
  if (!from || !to) throw new Error('card or column not visible');
  const x = from.x + 20;
  const y = from.y + from.height / 2;
  const dropY = Math.min((last ? last.y + last.height : to.y) + 14, to.y + to.height - 4);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 10, y + 10, { steps: 3 });
  // The drag has started (dnd-kit draws its overlay).
  await page.locator('.ritmo-drag-overlay').waitFor({ timeout: 2_000 });
  await page.mouse.move(to.x + to.width / 2, dropY - 4, { steps: 12 });
  await page.mouse.move(to.x + to.width / 2, dropY, { steps: 2 });
  if (shot) await page.screenshot({ path: `test-results/${shot}.png` });
  await page.mouse.up();
}
