import type { Page } from 'playwright-core';
import { call, type ApiTeam, type ApiUser } from './api';

/** A plain date `days` from today (UTC), as the server takes sprint dates. */
export function plainDate(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Sets each item's estimate (one PATCH each, with its current version). */
export async function estimate(
  base: string,
  user: ApiUser,
  items: { id: string; version: number }[],
  points: number[],
): Promise<void> {
  for (const [i, item] of items.entries()) {
    const { body } = await call(base, 'PATCH', `/api/v1/backlog-items/${item.id}`, {
      token: user.accessToken,
      headers: { 'If-Match': `"${item.version}"` },
      body: { estimate: points[i] },
    });
    item.version = body.version;
  }
}

/** Moves an item to the team's first "done" column on the board. */
export async function finish(base: string, team: ApiTeam, user: ApiUser, itemId: string) {
  const { body: workflow } = await call(base, 'GET', `/api/v1/teams/${team.id}/workflow`, {
    token: user.accessToken,
  });
  const done = (workflow.statuses as { id: string; category: string }[]).find(
    (s) => s.category === 'done',
  );
  await call(base, 'POST', `/api/v1/teams/${team.id}/board/moves`, {
    token: user.accessToken,
    body: { itemId, statusId: done?.id },
  });
}

/** A sprint run and completed through the API: the history the forecast reads velocity from. */
export async function completedSprint(
  base: string,
  team: ApiTeam,
  user: ApiUser,
  name: string,
  itemIds: string[],
): Promise<string> {
  const { body: sprint } = await call<{ id: string }>(
    base,
    'POST',
    `/api/v1/teams/${team.id}/sprints`,
    {
      token: user.accessToken,
      body: { name, startDate: plainDate(-14), endDate: plainDate(-1) },
    },
  );
  await call(base, 'POST', `/api/v1/sprints/${sprint.id}/items`, {
    token: user.accessToken,
    body: { ids: itemIds },
  });
  await call(base, 'POST', `/api/v1/sprints/${sprint.id}/start`, { token: user.accessToken });
  for (const id of itemIds) await finish(base, team, user, id);
  await call(base, 'POST', `/api/v1/sprints/${sprint.id}/complete`, {
    token: user.accessToken,
    body: { carryOverTo: 'bottom' },
  });
  return sprint.id;
}

/** The titles of a sprint's items on the server, in rank order. */
export async function sprintTitles(base: string, team: ApiTeam, user: ApiUser, sprintId: string) {
  const { body } = await call(
    base,
    'GET',
    `/api/v1/teams/${team.id}/backlog-items?sprint=${sprintId}&limit=200`,
    { token: user.accessToken },
  );
  return (body.items as { title: string }[]).map((i) => i.title);
}

export function panelRow(page: Page, side: 'backlog' | 'sprint', title: string) {
  return page.locator(`[data-testid=${side}-row]`, {
    has: page.locator('[data-testid=item-title]', { hasText: title }),
  });
}

/** The titles a panel shows, top to bottom. */
export function panelTitles(page: Page, side: 'backlog' | 'sprint'): Promise<string[]> {
  return page.evaluate(
    (s) =>
      [...document.querySelectorAll<HTMLElement>(`[data-testid=${s}-row]`)]
        .sort(
          (a, b) =>
            Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
        )
        .map((r) => r.querySelector('[data-testid=item-title]')?.textContent ?? ''),
    side,
  );
}

export async function waitForPanel(
  page: Page,
  side: 'backlog' | 'sprint',
  titles: string[],
  timeout = 5_000,
) {
  await page.waitForFunction(
    ({ s, expected }) => {
      const shown = [...document.querySelectorAll<HTMLElement>(`[data-testid=${s}-row]`)]
        .sort(
          (a, b) =>
            Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
        )
        .map((r) => r.querySelector('[data-testid=item-title]')?.textContent ?? '');
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    { s: side, expected: titles },
    { timeout },
  );
}

/** A pointer drag of a backlog row's handle into the sprint panel, at its top or bottom. */
export async function dragIntoSprint(page: Page, title: string, where: 'top' | 'bottom') {
  const handle = panelRow(page, 'backlog', title).locator('.ritmo-handle');
  const panel = page.locator('[data-testid=sprint-panel] .ritmo-plan-scroll');
  // Away from the window's edges, where dnd-kit scrolls the page under the pointer.
  await panel.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const a = await handle.boundingBox();
  const b = await panel.boundingBox();
  if (!a || !b) throw new Error('not visible');
  const rows = await page.locator('[data-testid=sprint-row]').count();
  const y = where === 'top' ? b.y + 8 : b.y + Math.min(rows * 48 + 20, b.height - 60);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
  await page.mouse.move(b.x + b.width / 2, y + 2, { steps: 2 });
  await page.mouse.up();
}

/** A pointer drag of a sprint row's handle out, onto the backlog panel. */
export async function dragToBacklog(page: Page, title: string) {
  const handle = panelRow(page, 'sprint', title).locator('.ritmo-handle');
  const panel = page.locator('[data-testid=backlog-panel] .ritmo-plan-scroll');
  await panel.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const a = await handle.boundingBox();
  const b = await panel.boundingBox();
  if (!a || !b) throw new Error('not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 - 10, a.y + a.height / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 2, { steps: 2 });
  await page.mouse.up();
}
