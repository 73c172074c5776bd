import type { Browser, Page } from 'playwright-core';
import { addMember, call, createTeam, createUser } from './support/api';
import {
  axe,
  closeBrowser,
  launchBrowser,
  newContext,
  screenshot,
  signedInContext,
  signIn,
  switchLanguage,
} from './support/browser';
import { BrowserServer, startServer } from './support/server';

/** Waits until another context's change shows in a field, without a reload. */
async function hasValue(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForFunction(
    ([s, v]) => document.querySelector<HTMLInputElement>(s)?.value === v,
    [selector, value] as const,
    { timeout: 5_000 },
  );
}

async function axeBoth(page: Page, name: string, heading: { it: string; en: string }) {
  await page.getByRole('heading', { name: heading.it, exact: true }).waitFor();
  expect(await axe(page)).toEqual([]);
  await screenshot(page, `${name}-it`);
  await switchLanguage(page, 'en');
  await page.getByRole('heading', { name: heading.en, exact: true }).waitFor();
  expect(await axe(page)).toEqual([]);
  await screenshot(page, `${name}-en`);
  await switchLanguage(page, 'it');
}

/**
 * Team settings and invitations, with several people: the scrum master invites, the invitee
 * joins in a fresh browser context; an edit shows live in another context; two people saving
 * the same field: exactly one gets the conflict dialog with the other's value.
 */
describe('team settings, invitations and personal settings', () => {
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await closeBrowser(browser);
    await server?.stop();
  });

  it('invites by link: a new person creates the account and joins in a fresh context', async () => {
    const sm = await createUser(server.url, 'Giulia Ferrari');
    const team = await createTeam(server.url, sm, {
      workspace: 'Comune di Casalgrande',
      team: 'Servizi Scolastici',
    });
    const sm2 = await call(server.url, 'PATCH', `/api/v1/teams/${team.id}/members/${sm.id}`, {
      token: sm.accessToken,
      body: { role: 'scrum_master' },
    });
    expect(sm2.body.role).toBe('scrum_master');

    const a = await signedInContext(browser, server.url, sm, 'it', `/teams/${team.id}/settings`);
    await axeBoth(a.page, 'team-settings', {
      it: 'Impostazioni del team Servizi Scolastici',
      en: 'Settings of the team Servizi Scolastici',
    });
    await a.page.getByLabel('Email della persona da invitare').fill('mensa@comune.example');
    await a.page.getByLabel('Ruolo', { exact: true }).selectOption('developer');
    await a.page.getByRole('button', { name: "Crea l'invito" }).click();
    const link = await a.page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/join#ritmo_inv_[\\w-]+$`));
    await a.page
      .getByTestId('pending-invitations')
      .getByRole('button', { name: "Revoca l'invito a mensa@comune.example" })
      .waitFor();
    expect(await axe(a.page)).toEqual([]);
    await screenshot(a.page, 'team-settings-invited-it');

    const b = await newContext(browser, 'it');
    await b.page.goto(link);
    const preview = b.page.getByTestId('invitation-preview');
    await preview
      .getByText('Giulia Ferrari invita a far parte del team «Servizi Scolastici»')
      .waitFor();
    // The token left the address bar (it stays in this tab only).
    expect(new URL(b.page.url()).hash).toBe('');
    await axeBoth(b.page, 'join-new', { it: 'Invito a un team', en: 'Invitation to a team' });
    await b.page.getByLabel('Nome visualizzato').fill('Mensa Scolastica');
    await b.page.getByLabel('Password').fill('Refezione-Casalgrande-2026!');
    await b.page.getByRole('button', { name: "Crea l'account ed entra nel team" }).click();
    await b.page.waitForURL(new RegExp(`/teams/${team.id}/backlog$`));

    // The scrum master sees the new member without a reload.
    await a.page
      .getByTestId('members')
      .getByRole('rowheader', { name: 'Mensa Scolastica' })
      .waitFor({ timeout: 5_000 });
    await a.page.getByTestId('pending-invitations').waitFor({ state: 'detached', timeout: 5_000 });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('an existing account signs in from the invitation and comes back to accept it', async () => {
    const sm = await createUser(server.url, 'Paolo Gentili');
    const team = await createTeam(server.url, sm, { team: 'Ufficio Anagrafe' });
    const invitee = await createUser(server.url, 'Sara Montanari');
    const { body: invitation } = await call(
      server.url,
      'POST',
      `/api/v1/teams/${team.id}/invitations`,
      { token: sm.accessToken, body: { email: invitee.email, role: 'stakeholder' } },
    );
    const b = await newContext(browser, 'en');
    await b.page.goto(`${server.url}/join#${invitation.token}`);
    await b.page.getByTestId('invitation-preview').getByText('as Stakeholder').waitFor();
    await b.page.getByRole('link', { name: 'Sign in to accept the invitation' }).click();
    await b.page.waitForURL(/\/sign-in/);
    await b.page.locator('#email').fill(invitee.email);
    await b.page.locator('#password').fill(invitee.password);
    await b.page.locator('form button[type=submit]').click();
    await b.page.waitForURL(/\/join$/);
    await b.page.getByText('Signed in as Sara Montanari.').waitFor();
    expect(await axe(b.page)).toEqual([]);
    await screenshot(b.page, 'join-existing-en');
    await b.page.getByRole('button', { name: 'Join the team “Ufficio Anagrafe”' }).click();
    await b.page.waitForURL(new RegExp(`/teams/${team.id}/backlog$`));
    const { body: members } = await call(server.url, 'GET', `/api/v1/teams/${team.id}/members`, {
      token: sm.accessToken,
    });
    expect(members).toContainEqual(
      expect.objectContaining({ userId: invitee.id, role: 'stakeholder' }),
    );
    expect(b.errors).toEqual([]);
    await b.context.close();
  });

  it('shows an edit live elsewhere, offers nothing to a developer, and shows a conflict to exactly one', async () => {
    const admin = await createUser(server.url, 'Ufficio Personale');
    const team = await createTeam(server.url, admin, { team: 'Ufficio Tributi' });
    const sm = await createUser(server.url, 'Elena Rinaldi');
    const dev = await createUser(server.url, 'Luca Bonini');
    await addMember(server.url, team, admin, sm, 'scrum_master');
    await addMember(server.url, team, admin, dev, 'developer');
    const path = `/teams/${team.id}/settings`;
    const a = await signedInContext(browser, server.url, sm, 'it', path);
    const b = await signedInContext(browser, server.url, dev, 'it', path);
    const c = await signedInContext(browser, server.url, admin, 'it', path);
    for (const { page } of [a, b, c]) {
      await page.getByLabel('Nome del team').waitFor();
      await page.locator('[data-testid=connection-state][data-state=online]').waitFor();
    }

    // The developer reads; no control is offered.
    await b.page.getByText('Sola consultazione').waitFor();
    expect(await b.page.getByLabel('Nome del team').isDisabled()).toBe(true);
    expect(await b.page.getByRole('button', { name: 'Salva' }).count()).toBe(0);
    expect(await b.page.getByText('Inviti', { exact: true }).count()).toBe(0);
    expect(await axe(b.page)).toEqual([]);
    await screenshot(b.page, 'team-settings-readonly-it');

    // The scrum master renames "Sprint": every context shows it without a reload.
    await a.page.getByLabel('Parola per «Sprint (singolare)»').fill('Ciclo di lavoro');
    await a.page.getByRole('button', { name: 'Salva le parole' }).click();
    await hasValue(b.page, '#term-sprint', 'Ciclo di lavoro');

    // Both the scrum master and the admin rename the team from the same version.
    await a.page.getByLabel('Nome del team').fill('Tributi e Tariffe');
    await c.page.getByLabel('Nome del team').fill('Ufficio Entrate');
    await a.page.getByRole('button', { name: 'Salva', exact: true }).click();
    await hasValue(b.page, '#team-name', 'Tributi e Tariffe');
    await c.page.getByRole('button', { name: 'Salva', exact: true }).click();
    const dialog = c.page.getByRole('dialog', { name: "Modifica di un'altra persona" });
    await dialog.waitFor();
    const table = dialog.getByTestId('conflict-table');
    expect(await table.textContent()).toContain('Tributi e Tariffe');
    expect(await table.textContent()).toContain('Ufficio Entrate');
    expect(await axe(c.page)).toEqual([]);
    await screenshot(c.page, 'team-settings-conflict-it');
    expect(await a.page.getByRole('dialog').count()).toBe(0);
    // Nothing typed was lost: the admin applies theirs on the current version.
    await dialog.getByRole('button', { name: 'Applica il proprio sulla versione attuale' }).click();
    await hasValue(a.page, '#team-name', 'Ufficio Entrate');
    const { body: saved } = await call(server.url, 'GET', `/api/v1/teams/${team.id}`, {
      token: admin.accessToken,
    });
    expect(saved).toMatchObject({
      name: 'Ufficio Entrate',
      vocabulary: { sprint: 'Ciclo di lavoro' },
    });

    // The refused save was a 412, which the dialog answered; nothing else failed.
    expect(c.errors.filter((e) => !e.startsWith('412 '))).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    for (const ctx of [a, b, c]) await ctx.context.close();
  });

  it('personal settings: language, API token shown once; an expired session returns to the page after sign-in', async () => {
    const user = await createUser(server.url, 'Chiara Benassi');
    const a = await signedInContext(browser, server.url, user, 'it', '/settings');
    await axeBoth(a.page, 'personal-settings', {
      it: 'Impostazioni personali',
      en: 'Personal settings',
    });
    await a.page.getByLabel('Nome', { exact: true }).fill('Cruscotto sportello');
    await a.page.getByRole('button', { name: 'Crea il token' }).click();
    const secret = await a.page.getByTestId('token-secret').inputValue();
    expect(secret).toMatch(/^ritmo_pat_/);
    await a.page
      .getByTestId('tokens')
      .getByRole('rowheader', { name: 'Cruscotto sportello' })
      .waitFor();
    const me = await call(server.url, 'GET', '/api/v1/me', { token: secret });
    expect(me.body.displayName).toBe('Chiara Benassi');
    // Shown once: after a reload only its prefix is left.
    await a.page.reload();
    await a.page
      .getByTestId('tokens')
      .getByRole('rowheader', { name: 'Cruscotto sportello' })
      .waitFor();
    expect(await a.page.getByTestId('token-secret').count()).toBe(0);
    expect(await a.page.content()).not.toContain(secret);

    // Bootstrap Italia draws the radio on its label, which takes the click.
    await a.page.locator('label[for=language-en]').click();
    expect(await a.page.getByLabel('English').isChecked()).toBe(true);
    await a.page.getByRole('heading', { name: 'Personal settings' }).waitFor();
    const { body: after } = await call(server.url, 'GET', '/api/v1/me', {
      token: user.accessToken,
    });
    expect(after.locale).toBe('en');

    // A reload rotated the refresh token silently; revoking it ends the session, and the
    // next start goes to sign-in and back to this page.
    const rotated = await a.page.evaluate(() => localStorage.getItem('ritmo.refreshToken'));
    expect(rotated).toMatch(/^ritmo_rt_/);
    expect(rotated).not.toBe(user.refreshToken);
    await call(server.url, 'POST', '/api/v1/auth/logout', { body: { refreshToken: rotated } });
    await a.page.goto(`${server.url}/settings?tab=tokens`);
    await a.page.waitForURL(/\/sign-in\?/);
    const url = new URL(a.page.url());
    expect(url.searchParams.get('next')).toBe('/settings?tab=tokens');
    expect(url.searchParams.get('expired')).toBe('1');
    await a.page.getByText('La sessione è scaduta').waitFor();
    await signIn(a.page, server.url, user, url.pathname + url.search);
    await a.page.waitForURL(/\/settings\?tab=tokens$/);
    await a.page.getByRole('heading', { name: 'Impostazioni personali' }).waitFor();
    // The refused refresh, and a request that went out while it was refused, are the expiry.
    expect(a.errors.filter((e) => !e.startsWith('401 '))).toEqual([]);
    await a.context.close();
  });
});
