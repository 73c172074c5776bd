import { useCallback, useState, type KeyboardEvent } from 'react';
import type { BacklogItem } from '../../api/backlog';
import type { Sprint } from '../../api/sprints';
import type { SprintActions } from '../../api/sprints-mutations';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { indexIn, lastIndex, previewLists, requestFor, type PlanMove, type Side } from './moves';

/**
 * The moves of the planning screen, whichever way they start (pointer, keyboard, "Sposta
 * in…"): one request each, announced once the server accepted. The keyboard path is a small
 * state machine on the row's handle: Space picks up, arrows move (left/right switch list),
 * Space/Enter drops, Escape cancels.
 */
export function usePlanMoves({
  backlog,
  sprintItems,
  sprint,
  actions,
}: {
  backlog: readonly BacklogItem[];
  sprintItems: readonly BacklogItem[];
  sprint: Sprint;
  actions: SprintActions;
}) {
  const { t } = useTeamT('planning');
  const announce = useAnnounce();
  const [kbd, setKbd] = useState<PlanMove | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  // A move on its way to the server stays shown as a preview: the cache's own update reaches
  // the screen a tick later, and the item must not flash back (nor lose the keyboard focus).
  const [pending, setPending] = useState<PlanMove | null>(null);
  const titleOf = useCallback(
    (id: string) => [...backlog, ...sprintItems].find((i) => i.id === id)?.title ?? '',
    [backlog, sprintItems],
  );

  const commit = useCallback(
    async (move: PlanMove) => {
      const title = titleOf(move.id);
      const request = requestFor(move, sprintItems);
      if (!request) return announce(t('move.unchanged', { title }));
      const total = sprintItems.filter((i) => i.id !== move.id).length + 1;
      setPending(move);
      const ok = await (
        request.kind === 'add'
          ? actions.addItems(sprint.id, request.ids, request.anchor)
          : actions.removeFromSprint(sprint.id, request.ids)
      ).finally(() => setPending(null));
      if (!ok) return announce(t('move.failed'), 'assertive');
      if (request.kind === 'remove') announce(t('move.toBacklog', { title }));
      else
        announce(
          t(move.from === 'sprint' ? 'move.reordered' : 'move.toSprint', {
            title,
            sprint: sprint.name,
            position: move.index + 1,
            total,
          }),
        );
    },
    [actions, announce, sprint.id, sprint.name, sprintItems, t, titleOf],
  );

  const describeOver = (move: PlanMove) =>
    move.to === 'backlog'
      ? t('move.overBacklog')
      : t('move.overSprint', {
          position: move.index + 1,
          total: lastIndex(sprintItems, move) + 1,
        });

  const onHandleKey = (itemId: string, side: Side, event: KeyboardEvent<HTMLButtonElement>) => {
    const key = event.key;
    if (!kbd) {
      if (key !== ' ' && key !== 'Enter') return;
      event.preventDefault();
      const list = side === 'sprint' ? sprintItems : backlog;
      const index = indexIn(list, itemId);
      setKbd({ id: itemId, from: side, to: side, index: side === 'sprint' ? index : 0 });
      announce(
        t('move.pickedUp', {
          title: titleOf(itemId),
          place: t(side === 'sprint' ? 'move.placeSprint' : 'move.placeBacklog'),
          position: index + 1,
          total: list.length,
        }),
        'assertive',
      );
      return;
    }
    let next: PlanMove = kbd;
    if (key === 'ArrowRight' && kbd.to === 'backlog')
      next = {
        ...kbd,
        to: 'sprint',
        index: kbd.from === 'sprint' ? indexIn(sprintItems, kbd.id) : 0,
      };
    else if (key === 'ArrowLeft' && kbd.to === 'sprint') next = { ...kbd, to: 'backlog', index: 0 };
    else if ((key === 'ArrowUp' || key === 'ArrowDown') && kbd.to === 'sprint')
      next = {
        ...kbd,
        index: Math.max(
          0,
          Math.min(lastIndex(sprintItems, kbd), kbd.index + (key === 'ArrowDown' ? 1 : -1)),
        ),
      };
    else if (key === 'Home' && kbd.to === 'sprint') next = { ...kbd, index: 0 };
    else if (key === 'End' && kbd.to === 'sprint')
      next = { ...kbd, index: lastIndex(sprintItems, kbd) };
    else if (key === ' ' || key === 'Enter') {
      event.preventDefault();
      setKbd(null);
      setFocusId(kbd.id);
      void commit(kbd);
      return;
    } else if (key === 'Escape' || key === 'Tab') {
      if (key === 'Escape') event.preventDefault();
      setKbd(null);
      if (key === 'Escape') setFocusId(kbd.id);
      announce(t('move.cancelled', { title: titleOf(kbd.id) }), 'assertive');
      return;
    } else return;
    event.preventDefault();
    if (next === kbd) return;
    setKbd(next);
    // The handle is in the other list now: keep the keyboard on it.
    if (next.to !== kbd.to) setFocusId(kbd.id);
    announce(describeOver(next), 'assertive');
  };

  const shown = previewLists(backlog, sprintItems, kbd ?? pending);
  const onFocused = useCallback(() => setFocusId(null), []);

  return { shown, kbd, focusId, onFocused, onHandleKey, commit, setFocusId };
}
