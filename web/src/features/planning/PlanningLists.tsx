import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
  type DragMoveEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BacklogItem } from '../../api/backlog';
import type { Sprint } from '../../api/sprints';
import type { SprintActions } from '../../api/sprints-mutations';
import { useTeamT } from '../../i18n/vocabulary';
import type { PlanMove, Side } from './moves';
import { PlanList } from './PlanList';
import { PlanMoveDialog } from './PlanMoveDialog';
import { PLAN_ROW_HEIGHT, type PlanRowContext } from './PlanRow';
import { usePlanMoves } from './usePlanMoves';

interface Props {
  backlog: readonly BacklogItem[];
  sprintItems: readonly BacklogItem[];
  sprint: Sprint;
  canMove: boolean;
  actions: SprintActions;
}

interface PointerDrag {
  id: string;
  from: Side;
  over: Side | null;
  /** Index in the shown target list the drop goes before. */
  shownIndex: number;
}

/** Backlog on one side, the sprint on the other; drag, keyboard or "Sposta in…" between them. */
export function PlanningLists({ backlog, sprintItems, sprint, canMove, actions }: Props) {
  const { t } = useTeamT('planning');
  const instructionsId = useId();
  const moves = usePlanMoves({ backlog, sprintItems, sprint, actions });
  const [drag, setDrag] = useState<PointerDrag | null>(null);
  const [menu, setMenu] = useState<{ id: string; side: Side } | null>(null);
  const scrolls = useRef<Partial<Record<Side, HTMLDivElement | null>>>({});
  const registerScroll = useCallback((side: Side, el: HTMLDivElement | null) => {
    scrolls.current[side] = el;
  }, []);

  // Rows keep one context object: they re-render only when their own item changes.
  const keyHandler = useRef(moves.onHandleKey);
  useEffect(() => {
    keyHandler.current = moves.onHandleKey;
  });
  const ctx = useMemo<PlanRowContext>(
    () => ({
      canMove,
      instructionsId,
      onHandleKey: (id, side, event) => keyHandler.current(id, side, event),
      onMoveMenu: (id, side) => setMenu({ id, side }),
    }),
    [canMove, instructionsId],
  );

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const onDragStart = ({ active }: DragStartEvent) => {
    const from = (active.data.current as { side: Side } | undefined)?.side ?? 'backlog';
    setDrag({ id: String(active.id), from, over: null, shownIndex: 0 });
  };
  const onDragMove = ({ activatorEvent, delta }: DragMoveEvent) => {
    if (!(activatorEvent instanceof PointerEvent || activatorEvent instanceof MouseEvent)) return;
    const x = activatorEvent.clientX + delta.x;
    const y = activatorEvent.clientY + delta.y;
    let over: Side | null = null;
    let shownIndex = 0;
    for (const side of ['backlog', 'sprint'] as const) {
      const el = scrolls.current[side];
      const box = el?.getBoundingClientRect();
      if (!el || !box || x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
      over = side;
      const count = side === 'sprint' ? sprintItems.length : backlog.length;
      shownIndex = Math.max(
        0,
        Math.min(count, Math.round((y - box.top + el.scrollTop) / PLAN_ROW_HEIGHT)),
      );
    }
    setDrag((d) =>
      d && (d.over !== over || d.shownIndex !== shownIndex) ? { ...d, over, shownIndex } : d,
    );
  };
  const onDragEnd = () => {
    const current = drag;
    setDrag(null);
    if (!current?.over) return;
    // The index among the sprint's other items: the dragged one above the drop does not count.
    const above = sprintItems.slice(0, current.shownIndex).filter((i) => i.id !== current.id);
    const move: PlanMove = {
      id: current.id,
      from: current.from,
      to: current.over,
      index: current.over === 'sprint' ? above.length : 0,
    };
    void moves.commit(move);
  };

  const titleOf = (id: string) =>
    [...backlog, ...sprintItems].find((i) => i.id === id)?.title ?? '';
  const movingId = moves.kbd?.id ?? drag?.id ?? null;

  return (
    <DndContext
      sensors={sensors}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
      accessibility={{
        screenReaderInstructions: { draggable: t('move.instructions') },
        announcements: {
          onDragStart: ({ active }) => t('move.grabbed', { title: titleOf(String(active.id)) }),
          onDragOver: () => undefined,
          // The drop is announced once the server accepted it.
          onDragEnd: () => undefined,
          onDragCancel: ({ active }) => t('move.cancelled', { title: titleOf(String(active.id)) }),
        },
      }}
    >
      <p id={instructionsId} className="visually-hidden">
        {t('move.instructions')}
      </p>
      <div className="ritmo-plan-lists">
        <PlanList
          side="backlog"
          items={moves.shown.backlog}
          heading={t('lists.backlog')}
          hint={`${t('lists.backlogHint')} · ${t('lists.count', { count: backlog.length })}`}
          empty={t('lists.backlogEmpty')}
          ctx={ctx}
          movingId={movingId}
          dropIndex={drag?.over === 'backlog' && drag.from === 'sprint' ? backlog.length : null}
          focusId={moves.focusId}
          onFocused={moves.onFocused}
          registerScroll={registerScroll}
        />
        <PlanList
          side="sprint"
          items={moves.shown.sprint}
          heading={t('lists.sprint', { name: sprint.name })}
          hint={t('lists.count', { count: sprintItems.length })}
          empty={t('lists.sprintEmpty')}
          ctx={ctx}
          movingId={movingId}
          dropIndex={drag?.over === 'sprint' ? drag.shownIndex : null}
          focusId={moves.focusId}
          onFocused={moves.onFocused}
          registerScroll={registerScroll}
        />
      </div>
      {/* No drop animation: the item is already shown in its new place (and motion stays low). */}
      <DragOverlay dropAnimation={null}>
        {drag ? <div className="ritmo-drag-overlay">{titleOf(drag.id)}</div> : null}
      </DragOverlay>
      {menu ? (
        <PlanMoveDialog
          id={menu.id}
          side={menu.side}
          title={titleOf(menu.id)}
          sprintItems={sprintItems}
          onMove={(move) => {
            setMenu(null);
            moves.setFocusId(move.id);
            void moves.commit(move);
          }}
          onClose={() => setMenu(null)}
        />
      ) : null}
    </DndContext>
  );
}
