import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook, screen } from '@testing-library/react';
import type { KeyboardEvent, ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { BacklogItem } from '../../src/api/backlog';
import type { Forecast, Sprint } from '../../src/api/sprints';
import type { SprintActions } from '../../src/api/sprints-mutations';
import { ForecastGauge } from '../../src/features/planning/ForecastGauge';
import { usePlanMoves } from '../../src/features/planning/usePlanMoves';
import { i18n } from '../../src/i18n';
import { AnnouncerProvider } from '../../src/ui/announcer';

const wrap = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>
    <I18nextProvider i18n={i18n}>
      <AnnouncerProvider>{children}</AnnouncerProvider>
    </I18nextProvider>
  </QueryClientProvider>
);

const item = (id: string, rank: string) =>
  ({ id, rank, title: `Pratica ${id}`, estimate: 1, status: 'todo', version: 1 }) as BacklogItem;
const sprint = { id: 's', name: 'Sprint 2', state: 'planned', version: 1 } as Sprint;

function key(k: string) {
  return { key: k, preventDefault: vi.fn() } as unknown as KeyboardEvent<HTMLButtonElement>;
}

describe('usePlanMoves: the keyboard path', () => {
  const backlog = [item('x', 'b0'), item('y', 'b1')];
  const sprintItems = [item('a', 'a0'), item('b', 'a1')];
  const setup = () => {
    const actions = {
      addItems: vi.fn(() => Promise.resolve(true)),
      removeFromSprint: vi.fn(() => Promise.resolve(true)),
    } as unknown as SprintActions;
    const hook = renderHook(() => usePlanMoves({ backlog, sprintItems, sprint, actions }), {
      wrapper: wrap,
    });
    return { actions, hook };
  };

  it('picks up from the backlog, crosses into the sprint, moves down and drops: one add with its anchor', async () => {
    const { actions, hook } = setup();
    act(() => hook.result.current.onHandleKey('x', 'backlog', key(' ')));
    expect(hook.result.current.kbd).toEqual({ id: 'x', from: 'backlog', to: 'backlog', index: 0 });
    act(() => hook.result.current.onHandleKey('x', 'backlog', key('ArrowRight')));
    expect(hook.result.current.shown.sprint.map((i) => i.id)).toEqual(['x', 'a', 'b']);
    act(() => hook.result.current.onHandleKey('x', 'sprint', key('ArrowDown')));
    act(() => hook.result.current.onHandleKey('x', 'sprint', key('ArrowDown')));
    act(() => hook.result.current.onHandleKey('x', 'sprint', key('ArrowDown')));
    // The last place is after every other item: it does not go further.
    expect(hook.result.current.kbd?.index).toBe(2);
    await act(async () => {
      hook.result.current.onHandleKey('x', 'sprint', key('Enter'));
      await Promise.resolve();
    });
    expect(actions.addItems).toHaveBeenCalledWith('s', ['x'], { after: 'b' });
    expect(hook.result.current.kbd).toBe(null);
    expect(hook.result.current.focusId).toBe('x');
  });

  it('Escape cancels without a request; a sprint item taken left goes back to the backlog', async () => {
    const { actions, hook } = setup();
    act(() => hook.result.current.onHandleKey('a', 'sprint', key(' ')));
    act(() => hook.result.current.onHandleKey('a', 'sprint', key('ArrowDown')));
    act(() => hook.result.current.onHandleKey('a', 'sprint', key('Escape')));
    expect(actions.addItems).not.toHaveBeenCalled();
    act(() => hook.result.current.onHandleKey('a', 'sprint', key(' ')));
    act(() => hook.result.current.onHandleKey('a', 'sprint', key('ArrowLeft')));
    expect(hook.result.current.shown.backlog.map((i) => i.id)).toEqual(['a', 'x', 'y']);
    await act(async () => {
      hook.result.current.onHandleKey('a', 'backlog', key(' '));
      await Promise.resolve();
    });
    expect(actions.removeFromSprint).toHaveBeenCalledWith('s', ['a']);
  });

  it('a drop where the item was asks nothing', async () => {
    const { actions, hook } = setup();
    act(() => hook.result.current.onHandleKey('b', 'sprint', key(' ')));
    await act(async () => {
      hook.result.current.onHandleKey('b', 'sprint', key(' '));
      await Promise.resolve();
    });
    expect(actions.addItems).not.toHaveBeenCalled();
    expect(actions.removeFromSprint).not.toHaveBeenCalled();
  });
});

describe('ForecastGauge', () => {
  const forecast: Forecast = {
    sprintsUsed: 3,
    enoughHistory: true,
    mean: 8,
    min: 6,
    max: 10,
    plannedPoints: 12,
    overcommitted: true,
  };

  it('says the commitment and the velocity range in words, and warns in words when over', () => {
    render(wrap({ children: <ForecastGauge forecast={forecast} unestimated={1} /> }));
    expect(
      screen.getByRole('img', {
        name: /Impegno: 12 punti. Velocità degli ultimi 3 Sprint: media 8, da 6 a 10 punti/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('overcommit-warning')).toHaveTextContent(
      'supera la Velocità media di 4 punti',
    );
    expect(screen.getByText('1 elemento senza stima non è contato.')).toBeInTheDocument();
  });

  it('within the mean there is no warning', () => {
    render(
      wrap({
        children: (
          <ForecastGauge
            forecast={{ ...forecast, plannedPoints: 8, overcommitted: false }}
            unestimated={0}
          />
        ),
      }),
    );
    expect(screen.queryByTestId('overcommit-warning')).toBe(null);
    expect(screen.getByText(/entro la Velocità media/)).toBeInTheDocument();
  });
});
