import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Card } from '../../api/board';
import type { Lane } from './view';

export interface KeyboardMove {
  itemId: string;
  laneId: string;
  /** Column index the card is over now, and its place among the other cards there. */
  col: number;
  index: number;
  origin: { col: number; index: number };
}

export interface KeyboardMoveTexts {
  pickedUp: (card: Card, column: string, position: number, total: number) => string;
  over: (column: string, position: number, total: number) => string;
  cancelled: (card: Card) => string;
}

function locate(lanes: Lane[], itemId: string) {
  for (const lane of lanes)
    for (const [col, cell] of lane.cells.entries()) {
      const index = cell.cards.findIndex((c) => c.id === itemId);
      if (index >= 0) return { lane, col, index, card: cell.cards[index] };
    }
  return undefined;
}

/** The lanes with the picked-up card shown where the keyboard has taken it. */
function preview(lanes: Lane[], move: KeyboardMove | null): Lane[] {
  if (!move) return lanes;
  const at = locate(lanes, move.itemId);
  if (!at) return lanes;
  return lanes.map((lane) =>
    lane.id !== move.laneId
      ? lane
      : {
          ...lane,
          cells: lane.cells.map((cell, col) => {
            const cards = cell.cards.filter((c) => c.id !== move.itemId);
            if (col === move.col) cards.splice(move.index, 0, at.card);
            return { ...cell, cards };
          }),
        },
  );
}

/**
 * The keyboard path of a drag, the screen's own: Space or Enter on a card's handle picks it up,
 * left and right arrows change column, up and down the place in the column, Space or Enter
 * drops, Escape (or Tab) cancels. Every step is announced; the drop is one request.
 */
export function useKeyboardMove(
  lanes: Lane[],
  texts: KeyboardMoveTexts,
  announce: (message: string, politeness?: 'polite' | 'assertive') => void,
  drop: (itemId: string, cards: Card[], statusId: string, index: number) => void,
) {
  const [move, setMove] = useState<KeyboardMove | null>(null);
  const shown = useMemo(() => preview(lanes, move), [lanes, move]);

  // The handle moves to another cell (a new element): give it the focus back before the next
  // key. After a drop the card is drawn again once more, where the server's answer puts it.
  const keepFocus = useRef<{ itemId: string; until: number } | null>(null);
  useLayoutEffect(() => {
    const target = move?.itemId ?? keepFocus.current?.itemId;
    if (!target) return;
    if (!move && keepFocus.current && Date.now() > keepFocus.current.until) {
      keepFocus.current = null;
      return;
    }
    const handle = document.querySelector<HTMLElement>(`[data-handle="${CSS.escape(target)}"]`);
    if (handle && document.activeElement !== handle) handle.focus();
  });
  const settle = (itemId: string) => {
    keepFocus.current = { itemId, until: Date.now() + 2_000 };
    setMove(null);
  };

  const onHandleKey = (itemId: string, event: KeyboardEvent<HTMLElement>) => {
    const key = event.key;
    if (!move) {
      if (key !== ' ' && key !== 'Enter') return;
      event.preventDefault();
      keepFocus.current = null;
      const at = locate(lanes, itemId);
      if (!at) return;
      setMove({
        itemId,
        laneId: at.lane.id,
        col: at.col,
        index: at.index,
        origin: { col: at.col, index: at.index },
      });
      const cell = at.lane.cells[at.col];
      announce(
        texts.pickedUp(at.card, cell.column.name, at.index + 1, cell.cards.length),
        'assertive',
      );
      return;
    }
    const lane = lanes.find((l) => l.id === move.laneId);
    const at = locate(lanes, move.itemId);
    if (!lane || !at) return setMove(null);
    const others = (col: number) =>
      lane.cells[col].cards.filter((c) => c.id !== move.itemId).length;
    let { col, index } = move;
    if (key === 'ArrowLeft') col -= 1;
    else if (key === 'ArrowRight') col += 1;
    else if (key === 'ArrowUp') index -= 1;
    else if (key === 'ArrowDown') index += 1;
    else if (key === 'Home') index = 0;
    else if (key === 'End') index = others(col);
    else if (key === ' ' || key === 'Enter') {
      event.preventDefault();
      settle(move.itemId);
      const cell = lane.cells[move.col];
      if (move.col === move.origin.col && move.index === move.origin.index)
        announce(texts.cancelled(at.card));
      else drop(move.itemId, cell.cards, cell.column.statusId, move.index);
      return;
    } else if (key === 'Escape' || key === 'Tab') {
      if (key === 'Escape') event.preventDefault();
      if (key === 'Escape') settle(move.itemId);
      else setMove(null);
      announce(texts.cancelled(at.card), 'assertive');
      return;
    } else return;
    event.preventDefault();
    col = Math.max(0, Math.min(lane.cells.length - 1, col));
    // Entering another column: the same place if it has one, else its bottom.
    index = Math.max(0, Math.min(others(col), index));
    if (col === move.col && index === move.index) return;
    setMove({ ...move, col, index });
    announce(texts.over(lane.cells[col].column.name, index + 1, others(col) + 1), 'assertive');
  };

  return { move, shown, onHandleKey };
}
