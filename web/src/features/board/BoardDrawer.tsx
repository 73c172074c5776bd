import { lazy, Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { Label, TeamMember } from '../../api/backlog';
import { useBacklogActions, type ItemEdit } from '../../api/backlog-mutations';
import type { Board } from '../../api/board';
import type { Team } from '../../api/teams';
import { useTeamT } from '../../i18n/vocabulary';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ConflictDialog } from '../backlog/ConflictDialog';
import { backlogPermissions } from '../backlog/permissions';
import { useFeedback } from '../backlog/useFeedback';

// The backlog's drawer (Markdown, history) loads when a card is opened, not with the board.
const ItemDrawer = lazy(() => import('../backlog/ItemDrawer'));

const focusCard = (itemId: string) =>
  document.querySelector<HTMLElement>(`[data-open-card="${CSS.escape(itemId)}"]`)?.focus();

/**
 * The open card lives in the URL (`?item=<id>`), so a link shares it. Opening adds a history
 * entry (Back closes the drawer); whichever way it closes, the focus returns to the card's
 * title — the element that opened it may have been drawn again since, in another column.
 */
export function useOpenCard() {
  const [params, setParams] = useSearchParams();
  const openId = params.get('item');
  // Stable across URL changes: `open` is in every card's context, and a new one would
  // re-render every card.
  const latest = useRef(setParams);
  useEffect(() => {
    latest.current = setParams;
  });
  const open = useCallback(
    (itemId: string) =>
      latest.current((p) => {
        const next = new URLSearchParams(p);
        next.set('item', itemId);
        return next;
      }),
    [],
  );
  const close = useCallback(
    () =>
      latest.current(
        (p) => {
          const next = new URLSearchParams(p);
          next.delete('item');
          return next;
        },
        { replace: true },
      ),
    [],
  );
  const last = useRef(openId);
  useEffect(() => {
    if (last.current && last.current !== openId) focusCard(last.current);
    last.current = openId;
  }, [openId]);
  return { openId, open, close };
}

interface Props {
  team: Team;
  board: Board;
  itemId: string;
  labels: Label[];
  members: TeamMember[];
  onOpen: (itemId: string) => void;
  onClose: () => void;
}

/**
 * The item drawer of the backlog, opened from a board card: the same fields, edits and
 * conflicts. The board holds no product backlog, so the epic choices are the board's epics
 * and an epic's children the cards that name it.
 */
export function BoardDrawer({ team, board, itemId, labels, members, onOpen, onClose }: Props) {
  const { t } = useTeamT('backlog');
  const can = backlogPermissions(team.myRole);
  const { feedback, problem, clearProblem, conflict, resolveConflict } = useFeedback();
  const actions = useBacklogActions(team.id, feedback);
  const related = useMemo(
    () => ({
      epics: board.epics.filter((e) => !e.archived),
      children: board.columns.flatMap((c) => c.items).filter((c) => c.parentId === itemId),
    }),
    [board, itemId],
  );
  const onEdit = useCallback(
    (edit: ItemEdit) => {
      clearProblem();
      void actions.edit(edit);
    },
    [actions, clearProblem],
  );
  return (
    <>
      <ProblemAlert error={problem} title={problem ? t('problemTitle') : undefined} />
      <Suspense fallback={null}>
        <ItemDrawer
          team={team}
          itemId={itemId}
          can={can}
          labels={labels}
          members={members}
          items={[]}
          related={related}
          onEdit={onEdit}
          onOpen={onOpen}
          onClose={onClose}
        />
      </Suspense>
      {conflict ? (
        <ConflictDialog
          conflict={conflict}
          members={members}
          onTakeTheirs={resolveConflict}
          onApplyMine={() => {
            const { current, patch } = conflict;
            resolveConflict();
            void actions.edit({ itemId: current.id, patch });
          }}
        />
      ) : null}
    </>
  );
}
