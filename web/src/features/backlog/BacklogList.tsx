import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { BacklogItem } from '../../api/backlog';
import type { MoveTarget } from '../../api/backlog-mutations';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { ItemRow, ROW_HEIGHT, type RowContext } from './ItemRow';
import { anchorFor, inListOrder, previewOrder, restIndex } from './order';

type Ctx = Omit<RowContext, 'onHandleKey' | 'instructionsId' | 't'>;

interface Props {
  /** The items shown (filters applied), in rank order. */
  items: readonly BacklogItem[];
  selection: ReadonlySet<string>;
  ctx: Ctx;
  /** Moves ids to target; resolves true when the server accepted. */
  move: (ids: string[], target: MoveTarget) => Promise<boolean>;
}

interface KeyboardMove {
  ids: string[];
  /** Where the block sits among the rest of the shown list. */
  index: number;
  origin: number;
}

/**
 * The backlog, virtualised (only the rows in view are in the DOM), reordered by pointer
 * (dnd-kit) or keyboard. The keyboard path is the screen's own: the handle picks the item up
 * with Space, arrows move it in the list, Space/Enter drops, Escape cancels — with every
 * step announced. Both end in the same rank call.
 */
export function BacklogList({ items, selection, ctx, move }: Props) {
  const { t } = useTeamT('backlog');
  const announce = useAnnounce();
  const instructionsId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [kbd, setKbd] = useState<KeyboardMove | null>(null);
  const [drag, setDrag] = useState<{
    ids: string[];
    over: string | null;
    side: 'before' | 'after';
  } | null>(null);

  const shown = useMemo(
    () => (kbd ? previewOrder(items, kbd.ids, kbd.index) : items),
    [items, kbd],
  );
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => shown[index]?.id ?? index,
  });

  const titleOf = (ids: string[]) => items.find((item) => item.id === ids[0])?.title ?? '';
  const describeDrop = (ids: string[], index: number) =>
    ids.length > 1
      ? t('move.droppedMany', { count: ids.length, position: index + 1, total: items.length })
      : t('move.dropped', { title: titleOf(ids), position: index + 1, total: items.length });

  const commit = useCallback(
    async (ids: string[], index: number) => {
      const target = anchorFor(items, ids, index);
      const message = describeDrop(ids, index);
      const ok = await move(ids, target);
      announce(ok ? message : t('move.failed'), ok ? 'polite' : 'assertive');
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- describeDrop reads items and t
    [items, move, announce, t],
  );

  const focusHandle = (id: string) => {
    const index = shown.findIndex((item) => item.id === id);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() =>
      scrollRef.current
        ?.querySelector<HTMLButtonElement>(`[data-handle="${CSS.escape(id)}"]`)
        ?.focus(),
    );
  };

  const onHandleKey = (itemId: string, event: KeyboardEvent<HTMLButtonElement>) => {
    const key = event.key;
    if (!kbd) {
      if (key === ' ' || key === 'Enter') {
        event.preventDefault();
        const ids =
          selection.has(itemId) && selection.size > 1 ? inListOrder(items, selection) : [itemId];
        const origin = restIndex(items, ids);
        setKbd({ ids, index: origin, origin });
        announce(
          ids.length > 1
            ? t('move.pickedUpMany', {
                count: ids.length,
                position: origin + 1,
                total: items.length,
              })
            : t('move.pickedUp', {
                title: titleOf(ids),
                position: origin + 1,
                total: items.length,
              }),
          'assertive',
        );
      } else if (key === 'ArrowDown' || key === 'ArrowUp') {
        event.preventDefault();
        const at = shown.findIndex((item) => item.id === itemId);
        const next = shown[at + (key === 'ArrowDown' ? 1 : -1)];
        if (next) focusHandle(next.id);
      }
      return;
    }
    const last = items.length - kbd.ids.length;
    let index = kbd.index;
    if (key === 'ArrowUp') index -= 1;
    else if (key === 'ArrowDown') index += 1;
    else if (key === 'Home' || key === 'PageUp') index = key === 'Home' ? 0 : index - 10;
    else if (key === 'End' || key === 'PageDown') index = key === 'End' ? last : index + 10;
    else if (key === ' ' || key === 'Enter') {
      event.preventDefault();
      setKbd(null);
      if (kbd.index !== kbd.origin) void commit(kbd.ids, kbd.index);
      else announce(describeDrop(kbd.ids, kbd.index));
      focusHandle(itemId);
      return;
    } else if (key === 'Escape' || key === 'Tab') {
      if (key === 'Escape') event.preventDefault();
      setKbd(null);
      announce(
        t('move.cancelled', { title: titleOf(kbd.ids), position: kbd.origin + 1 }),
        'assertive',
      );
      if (key === 'Escape') focusHandle(itemId);
      return;
    } else return;
    event.preventDefault();
    index = Math.max(0, Math.min(last, index));
    if (index === kbd.index) return;
    setKbd({ ...kbd, index });
    announce(t('move.over', { position: index + 1, total: items.length }), 'assertive');
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  // Pointer drags: a row is "over" when the dragged block's centre is on it; the upper or
  // lower half says before or after.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const onDragStart = ({ active }: DragStartEvent) => {
    const id = String(active.id);
    const ids = selection.has(id) && selection.size > 1 ? inListOrder(items, selection) : [id];
    setDrag({ ids, over: null, side: 'before' });
  };
  // Where the pointer is over the list, from the row height (rows are fixed-height), not from
  // one droppable per row: registering droppables as rows mount re-rendered the whole list on
  // every scrolled frame.
  const onDragMove = ({ activatorEvent, delta }: DragMoveEvent) => {
    const el = scrollRef.current;
    const startY =
      activatorEvent instanceof PointerEvent || activatorEvent instanceof MouseEvent
        ? activatorEvent.clientY
        : null;
    if (!el || startY === null) return;
    const box = el.getBoundingClientRect();
    const y = startY + delta.y;
    const inside = y >= box.top && y <= box.bottom;
    const offset = y - box.top + el.scrollTop;
    const index = Math.floor(offset / ROW_HEIGHT);
    const target = inside ? shown[index] : undefined;
    const side = offset - index * ROW_HEIGHT < ROW_HEIGHT / 2 ? 'before' : 'after';
    const over = target?.id ?? null;
    setDrag((d) => (d && (d.over !== over || d.side !== side) ? { ...d, over, side } : d));
  };
  const onDragEnd = (_: DragEndEvent) => {
    const current = drag;
    setDrag(null);
    if (!current?.over || current.ids.includes(current.over)) return;
    const rest = items.filter((item) => !current.ids.includes(item.id));
    const at = rest.findIndex((item) => item.id === current.over);
    if (at < 0) return;
    void commit(current.ids, current.side === 'before' ? at : at + 1);
  };

  // One context object while ctx holds: memoised rows then re-render only when their item does.
  const keyHandler = useRef(onHandleKey);
  useEffect(() => {
    keyHandler.current = onHandleKey;
  });
  const rowCtx = useMemo<RowContext>(
    () => ({
      ...ctx,
      t,
      instructionsId,
      onHandleKey: (id, event) => keyHandler.current(id, event),
    }),
    [ctx, t, instructionsId],
  );
  const moving = new Set(kbd?.ids ?? drag?.ids ?? []);

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
          onDragStart: ({ active }) =>
            t('move.pickedUp', { title: titleOf([String(active.id)]), position: '', total: '' }),
          onDragOver: ({ over }) =>
            over
              ? t('move.overItem', { title: items.find((i) => i.id === over.id)?.title ?? '' })
              : undefined,
          // The drop itself is announced once the server accepted it.
          onDragEnd: () => undefined,
          onDragCancel: () => t('move.failed'),
        },
      }}
    >
      <p id={instructionsId} className="visually-hidden">
        {t('move.instructions')}
      </p>
      <div
        ref={scrollRef}
        className="ritmo-scroll"
        role="region"
        aria-label={t('listLabel')}
        tabIndex={-1}
        data-testid="backlog-scroll"
      >
        <ul
          className="ritmo-list"
          style={{ height: virtualizer.getTotalSize() }}
          data-testid="backlog-list"
        >
          {virtualizer.getVirtualItems().map((row) => {
            const item = shown[row.index];
            return (
              <ItemRow
                key={item.id}
                item={item}
                position={row.index + 1}
                total={shown.length}
                start={row.start}
                selected={selection.has(item.id)}
                moving={moving.has(item.id)}
                dropSide={drag?.over === item.id ? drag.side : null}
                scrolling={virtualizer.isScrolling}
                ctx={rowCtx}
              />
            );
          })}
        </ul>
      </div>
      <DragOverlay>
        {drag ? (
          <div className="ritmo-drag-overlay">
            {drag.ids.length > 1
              ? t('selection.count', { count: drag.ids.length })
              : titleOf(drag.ids)}
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
