import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The generated client keeps the fetch it finds at import: route it to a handler per test.
const net = vi.hoisted(() => {
  const state = {
    handler: (_request: Request): Promise<Response> | Response =>
      new Response('{}', { status: 500 }),
    requests: [] as { method: string; path: string; ifMatch: string | null; body: unknown }[],
  };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const text = request.method === 'GET' ? '' : await request.clone().text();
    state.requests.push({
      method: request.method,
      path: new URL(request.url).pathname,
      ifMatch: request.headers.get('If-Match'),
      body: text ? JSON.parse(text) : undefined,
    });
    return state.handler(request);
  };
  return state;
});

import type { Team } from '../src/api/teams';
import { i18n } from '../src/i18n';
import JoinPage from '../src/features/auth/JoinPage';
import { parseScale, GeneralSection } from '../src/features/settings/GeneralSection';
import { invitationLink } from '../src/features/settings/InvitationsSection';
import { mayManageTeam } from '../src/features/settings/permissions';
import { VocabularySection } from '../src/features/settings/VocabularySection';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

function wrap(node: ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>{node}</MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const TEAM: Team = {
  id: '00000000-0000-4000-8000-000000000001',
  workspaceId: '00000000-0000-4000-8000-000000000002',
  name: 'Ufficio Tributi',
  process: 'scrum',
  locale: 'it',
  timezone: 'Europe/Rome',
  pointScale: [0, 1, 2, 3, 5, 8],
  vocabulary: {},
  myRole: 'scrum_master',
  version: 3,
  eventSeq: 10,
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
};

afterEach(() => {
  net.requests.length = 0;
});

describe('team settings: If-Match and the conflict dialog', () => {
  it(
    'sends the version seen; on 412 shows theirs beside mine and applies mine on the current version',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      const theirs = { ...TEAM, name: 'Tributi e Tariffe', version: 4 };
      let patches = 0;
      net.handler = () => {
        patches += 1;
        return patches === 1
          ? json(
              { status: 412, type: 'urn:ritmo:problem:precondition-failed', current: theirs },
              412,
            )
          : json({ ...theirs, name: 'Ufficio Entrate', version: 5 });
      };
      wrap(<GeneralSection team={TEAM} editable />);
      const name = screen.getByLabelText('Nome del team');
      await user.clear(name);
      await user.type(name, 'Ufficio Entrate');
      await user.click(screen.getByRole('button', { name: 'Salva' }));

      const dialog = await screen.findByRole('dialog', { name: "Modifica di un'altra persona" });
      const row = within(dialog).getByRole('row', { name: /Nome del team/ });
      expect(row).toHaveTextContent('Tributi e Tariffe');
      expect(row).toHaveTextContent('Ufficio Entrate');
      // What was typed is still in the field behind the dialog.
      expect(name).toHaveValue('Ufficio Entrate');

      await user.click(within(dialog).getByRole('button', { name: /Applica il proprio/ }));
      await waitFor(() => expect(patches).toBe(2));
      expect(net.requests.map((r) => [r.method, r.ifMatch, r.body])).toEqual([
        ['PATCH', '"3"', { name: 'Ufficio Entrate' }],
        ['PATCH', '"4"', { name: 'Ufficio Entrate' }],
      ]);
      await waitFor(() =>
        expect(screen.queryByRole('dialog', { name: "Modifica di un'altra persona" })).toBeNull(),
      );
      expect(screen.getByRole('button', { name: 'Salva' })).toBeDisabled();
    },
  );

  it('"take theirs" drops the draft for the stored values', async () => {
    const user = userEvent.setup();
    const theirs = { ...TEAM, vocabulary: { sprint: 'Ciclo' }, version: 4 };
    net.handler = () => json({ status: 412, current: theirs }, 412);
    wrap(<VocabularySection team={TEAM} editable />);
    const sprint = screen.getByLabelText('Parola per «Sprint (singolare)»');
    await user.type(sprint, 'Iterazione');
    await user.click(screen.getByRole('button', { name: 'Salva le parole' }));
    expect(net.requests[0]).toMatchObject({
      ifMatch: '"3"',
      body: { vocabulary: { sprint: 'Iterazione' } },
    });
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Tieni il valore salvato' }));
    expect(sprint).toHaveValue('Ciclo');
    expect(net.requests).toHaveLength(1);
  });

  it('offers no save to a role that may not edit', () => {
    wrap(<GeneralSection team={{ ...TEAM, myRole: 'developer' }} editable={false} />);
    expect(screen.getByLabelText('Nome del team')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Salva' })).toBeNull();
  });

  it('follows the permission table and reads scales and links as the server expects', () => {
    expect(mayManageTeam('scrum_master', 'member')).toBe(true);
    expect(mayManageTeam('product_owner', 'member')).toBe(false);
    expect(mayManageTeam('stakeholder', null)).toBe(false);
    expect(mayManageTeam(null, 'admin')).toBe(true);
    expect(mayManageTeam(null, 'instance_admin')).toBe(true);
    expect(parseScale('0, 1; 2 3,5 8')).toEqual([0, 1, 2, 3, 5, 8]);
    expect(parseScale('0,5 1')).toEqual([0, 5, 1]);
    expect(invitationLink('ritmo_inv_abc', 'https://ritmo.example')).toBe(
      'https://ritmo.example/join#ritmo_inv_abc',
    );
  });
});

describe('joining by invitation', () => {
  it('says who invites, keeps the token off the address bar, and creates the account', async () => {
    const user = userEvent.setup();
    history.replaceState(null, '', '/join#ritmo_inv_segreto');
    net.handler = (request) => {
      const path = new URL(request.url).pathname;
      if (path.endsWith('/preview'))
        return json({
          email: 'mensa@comune.example',
          role: 'developer',
          teamName: 'Servizi Scolastici',
          workspaceName: 'Comune di Casalgrande',
          inviterName: 'Giulia Ferrari',
          accountExists: false,
          expiresAt: '2026-12-09T08:00:00.000Z',
        });
      return json(
        { status: 400, errors: [{ field: 'password', message: 'è troppo facile' }] },
        400,
      );
    };
    wrap(<JoinPage />);
    await screen.findByText(
      "Giulia Ferrari invita a far parte del team «Servizi Scolastici» dell'ente Comune di Casalgrande, con il ruolo di Sviluppatore.",
    );
    expect(location.hash).toBe('');
    expect(sessionStorage.getItem('ritmo.joinToken')).toBe('ritmo_inv_segreto');
    expect(screen.getByLabelText('Indirizzo email')).toHaveValue('mensa@comune.example');
    await user.type(screen.getByLabelText('Nome visualizzato'), 'Mensa');
    await user.type(screen.getByLabelText('Password'), 'password');
    await user.click(screen.getByRole('button', { name: "Crea l'account ed entra nel team" }));
    // The server's field message lands under the field it is about.
    const field = screen.getByLabelText('Password');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('è troppo facile'));
    expect(net.requests.at(-1)).toMatchObject({
      path: '/api/v1/invitations/accept',
      body: { token: 'ritmo_inv_segreto', displayName: 'Mensa', password: 'password' },
    });
    sessionStorage.clear();
  });
});
