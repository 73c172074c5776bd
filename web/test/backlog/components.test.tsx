import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { ConflictDialog } from '../../src/features/backlog/ConflictDialog';
import { QuickCreate } from '../../src/features/backlog/QuickCreate';
import { i18n } from '../../src/i18n';
import type { BacklogItem } from '../../src/live/backlog-reducer';
import { AnnouncerProvider } from '../../src/ui/announcer';

const wrap = (node: React.ReactNode) => (
  <I18nextProvider i18n={i18n}>
    <AnnouncerProvider>{node}</AnnouncerProvider>
  </I18nextProvider>
);

describe('QuickCreate', () => {
  it('creates on Enter, and pasting several lines makes one bulk create', async () => {
    const create = vi.fn(() => Promise.resolve({}));
    const bulkCreate = vi.fn(() => Promise.resolve([{}, {}]));
    render(wrap(<QuickCreate create={create} bulkCreate={bulkCreate} />));
    const input = screen.getByLabelText('Nuovo elemento in fondo al Backlog');
    await userEvent.type(input, 'Rimborso pre-scuola{Enter}');
    expect(create).toHaveBeenCalledWith('Rimborso pre-scuola');
    expect(input).toHaveValue('');
    fireEvent.paste(input, {
      clipboardData: { getData: () => 'Mensa\n\n- Trasporto scolastico\n' },
    });
    expect(bulkCreate).toHaveBeenCalledTimes(1);
    expect(bulkCreate).toHaveBeenCalledWith('Mensa\n\n- Trasporto scolastico\n');
    expect(await screen.findByText('2 elementi aggiunti in fondo al Backlog')).toBeInTheDocument();
  });
});

describe('ConflictDialog', () => {
  it('shows the current value beside the person’s and offers both choices', async () => {
    const onTakeTheirs = vi.fn();
    const onApplyMine = vi.fn();
    const current = { id: 'x', title: 'Prenotazione appuntamenti tributi' } as BacklogItem;
    render(
      wrap(
        <ConflictDialog
          conflict={{ current, patch: { title: 'Prenotazione sportello online' } }}
          members={[]}
          onTakeTheirs={onTakeTheirs}
          onApplyMine={onApplyMine}
        />,
      ),
    );
    expect(screen.getByTestId('conflict-theirs')).toHaveTextContent(
      'Prenotazione appuntamenti tributi',
    );
    expect(screen.getByTestId('conflict-yours')).toHaveTextContent('Prenotazione sportello online');
    await userEvent.click(screen.getByRole('button', { name: 'Applica la propria modifica' }));
    expect(onApplyMine).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Tieni il valore attuale' }));
    expect(onTakeTheirs).toHaveBeenCalledTimes(1);
  });
});
