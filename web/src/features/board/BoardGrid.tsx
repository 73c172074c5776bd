import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { BoardColumn, Card } from '../../api/board';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import type { CardContext } from './BoardCard';
import { BoardLane } from './BoardLane';
import { ColumnHeader } from './ColumnHeader';
import { useKeyboardMove } from './useKeyboardMove';
import type { Lane } from './view';

interface Props {
  columns: BoardColumn[];
  lanes: Lane[];
  laneName: (laneId: string) => string | null;
  ctx: Omit<CardContext, 'instructionsId' | 'onHandleKey'>;
  /** Folded lanes, by id (kept by the page while the lanes' kind stays). */
  collapsed: ReadonlySet<string>;
  onToggleLane: (laneId: string) => void;
  /** A drop at `index` among `cards` (the cell as shown) of a column. */
  onDrop: (itemId: string, cards: Card[], statusId: string, index: number) => void;
}

/** Cards over cells: a drop on a card goes before or after it, on a cell to its bottom. */
const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const card = hits.find((h) => String(h.id).startsWith('card:'));
  if (card) return [card];
  return hits.length > 0 ? hits : rectIntersection(args);
};

/**
 * The columns (and lanes), with pointer drags (dnd-kit) and the keyboard path of
 * useKeyboardMove. Both end in `onDrop`, one request.
 */
export function BoardGrid({
  columns,
  lanes,
  laneName,
  ctx,
  collapsed,
  onToggleLane,
  onDrop,
}: Props) {
  const { t } = useTeamT('board');
  const announce = useAnnounce();
  const instructionsId = useId();
  const [dragging, setDragging] = useState<Card | null>(null);
  const texts = useMemo(
    () => ({
      pickedUp: (card: Card, column: string, position: number, total: number) =>
        t('move.pickedUp', { title: card.title, column, position, total }),
      over: (column: string, position: number, total: number) =>
        t('move.over', { column, position, total }),
      cancelled: (card: Card) => t('move.cancelled', { title: card.title }),
    }),
    [t],
  );
  const keyboard = useKeyboardMove(lanes, texts, announce, onDrop);
  const keyHandler = useRef(keyboard.onHandleKey);
  // Updated before the next key press is handled (a keydown right after a re-render).
  useLayoutEffect(() => {
    keyHandler.current = keyboard.onHandleKey;
  });
  const cardCtx = useMemo<CardContext>(
    () => ({ ...ctx, instructionsId, onHandleKey: (id, e) => keyHandler.current(id, e) }),
    [ctx, instructionsId],
  );

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const find = (itemId: string) => {
    for (const lane of lanes)
      for (const cell of lane.cells) {
        const card = cell.cards.find((c) => c.id === itemId);
        if (card) return { lane, cell, card };
      }
    return undefined;
  };
  const onDragStart = ({ active }: DragStartEvent) =>
    setDragging(find(String(active.id))?.card ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over) return;
    const itemId = String(active.id);
    const overId = String(over.id);
    if (overId.startsWith('card:')) {
      const target = find(overId.slice(5));
      if (!target || target.card.id === itemId) return;
      const dragged = active.rect.current.translated;
      const below = dragged
        ? dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2
        : false;
      const rest = target.cell.cards.filter((c) => c.id !== itemId);
      const at = rest.findIndex((c) => c.id === target.card.id);
      onDrop(itemId, target.cell.cards, target.cell.column.statusId, below ? at + 1 : at);
      return;
    }
    const data = over.data.current as { statusId: string; laneId: string } | undefined;
    if (!data) return;
    const lane = lanes.find((l) => l.id === data.laneId);
    const cell = lane?.cells.find((c) => c.column.statusId === data.statusId);
    if (!cell) return;
    // Already the last card there: nothing moves.
    if (cell.cards[cell.cards.length - 1]?.id === itemId) return;
    onDrop(itemId, cell.cards, data.statusId, cell.cards.filter((c) => c.id !== itemId).length);
  };

  const template = { gridTemplateColumns: `repeat(${columns.length}, minmax(15rem, 1fr))` };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisions}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{
        screenReaderInstructions: { draggable: t('move.instructions') },
        announcements: {
          onDragStart: ({ active }) =>
            t('move.dragStart', { title: find(String(active.id))?.card.title ?? '' }),
          onDragOver: () => undefined,
          // The drop is announced once the server answered.
          onDragEnd: () => undefined,
          onDragCancel: () => t('move.dragCancelled'),
        },
      }}
    >
      <p id={instructionsId} className="visually-hidden">
        {t('move.instructions')}
      </p>
      <div
        className="ritmo-board"
        role="region"
        aria-label={t('boardLabel')}
        tabIndex={0}
        data-testid="board"
      >
        <div className="ritmo-board-row ritmo-board-headers" style={template}>
          {columns.map((column) => (
            <ColumnHeader key={column.statusId} column={column} />
          ))}
        </div>
        {keyboard.shown.map((lane) => (
          <BoardLane
            key={lane.id}
            lane={lane}
            name={laneName(lane.id)}
            collapsed={collapsed.has(lane.id)}
            onToggle={() => onToggleLane(lane.id)}
            template={template}
            ctx={cardCtx}
            moving={keyboard.move?.itemId ?? dragging?.id ?? null}
          />
        ))}
      </div>
      <DragOverlay>
        {dragging ? <div className="ritmo-drag-overlay">{dragging.title}</div> : null}
      </DragOverlay>
    </DndContext>
  );
}
