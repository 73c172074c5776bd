import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { BacklogItem } from '../../api/backlog';
import type { Side } from './moves';
import { PLAN_ROW_HEIGHT, PlanRow, type PlanRowContext } from './PlanRow';

interface Props {
  side: Side;
  items: readonly BacklogItem[];
  heading: string;
  hint: string;
  empty: string;
  ctx: PlanRowContext;
  movingId: string | null;
  /** Pointer drag over this list: the index of the row the drop goes before. */
  dropIndex: number | null;
  /** Focus this item's handle once it is shown here (after a move). */
  focusId: string | null;
  onFocused: () => void;
  registerScroll: (side: Side, el: HTMLDivElement | null) => void;
}

/**
 * One side of the planning screen, virtualised (a backlog can hold thousands of items), with
 * fixed-height rows: the pointer's place over the list is worked out from the row height.
 */
export function PlanList({
  side,
  items,
  heading,
  hint,
  empty,
  ctx,
  movingId,
  dropIndex,
  focusId,
  onFocused,
  registerScroll,
}: Props) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const headingId = `plan-${side}-heading`;
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => PLAN_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  useEffect(() => {
    if (!focusId) return;
    const index = items.findIndex((item) => item.id === focusId);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const frame = requestAnimationFrame(() => {
      scrollRef.current
        ?.querySelector<HTMLButtonElement>(`[data-handle="${CSS.escape(focusId)}"]`)
        ?.focus();
      onFocused();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusId, items, virtualizer, onFocused]);

  useEffect(() => {
    if (!movingId) return;
    const index = items.findIndex((item) => item.id === movingId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [movingId, items, virtualizer]);

  return (
    <section className="ritmo-plan-side" aria-labelledby={headingId} data-testid={`${side}-panel`}>
      <h2 id={headingId} className="h5 mb-1">
        {heading}
      </h2>
      <p className="small mb-2">{hint}</p>
      <div
        ref={(el) => {
          scrollRef.current = el;
          registerScroll(side, el);
        }}
        className={`ritmo-plan-scroll ${dropIndex !== null ? 'is-drop-target' : ''}`}
        role="region"
        aria-label={heading}
        tabIndex={-1}
      >
        {items.length === 0 ? (
          <p className="ritmo-plan-empty">{empty}</p>
        ) : (
          <ul className="ritmo-plan-list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index];
              return (
                <PlanRow
                  key={item.id}
                  item={item}
                  side={side}
                  position={row.index + 1}
                  total={items.length}
                  start={row.start}
                  moving={item.id === movingId}
                  dropBefore={dropIndex === row.index}
                  ctx={ctx}
                />
              );
            })}
          </ul>
        )}
        {dropIndex !== null && dropIndex >= items.length && items.length > 0 ? (
          <div className="ritmo-plan-drop-end" aria-hidden="true" />
        ) : null}
      </div>
    </section>
  );
}
