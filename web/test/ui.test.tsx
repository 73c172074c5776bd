import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../src/api/problem';
import { changeLanguage, i18n } from '../src/i18n';
import { mergeTerms } from '../src/i18n/vocabulary';
import { Dialog } from '../src/ui/Dialog';
import { ProblemAlert } from '../src/ui/ProblemAlert';

describe('ProblemAlert', () => {
  it("shows the server's localized detail under a heading that names a 403 for what it is", () => {
    render(
      <I18nextProvider i18n={i18n}>
        <ProblemAlert
          error={new ApiProblem(403, { detail: 'Il ruolo stakeholder non può modificare il team' })}
        />
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Operazione non consentita al proprio ruolo',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Il ruolo stakeholder non può modificare il team',
    );
  });
});

describe('Dialog', () => {
  function Harness() {
    const [open, setOpen] = useState(false);
    return (
      <I18nextProvider i18n={i18n}>
        <button type="button" onClick={() => setOpen(true)}>
          Apri
        </button>
        <Dialog open={open} title="Conflitto" onClose={() => setOpen(false)}>
          <p>Testo</p>
        </Dialog>
      </I18nextProvider>
    );
  }

  it('opens with a labelled title and returns focus to its opener when closed', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Apri' }));
    expect(screen.getByRole('heading', { name: 'Conflitto' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Chiudi' }));
    expect(screen.queryByRole('heading', { name: 'Conflitto' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apri' })).toHaveFocus();
  });
});

describe('language and vocabulary', () => {
  it('keeps <html lang> in step and applies the team words over the defaults', async () => {
    await changeLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('connection.reconnecting')).toBe('Reconnecting…');
    await changeLanguage('it');
    expect(document.documentElement.lang).toBe('it');
    expect(i18n.t('connection.reconnecting')).toBe('Riconnessione…');
    expect(mergeTerms('it', { sprint: 'Ciclo' })).toMatchObject({
      sprint: 'Ciclo',
      story: 'Storia',
    });
    expect(mergeTerms('en', {})).toMatchObject({ sprint: 'Sprint', story: 'Story' });
  });
});
