import { useDroppable } from '@dnd-kit/core';
import { useId, type CSSProperties } from 'react';
import type { BoardColumn, Card } from '../../api/board';
import { useTeamT } from '../../i18n/vocabulary';
import { Icon } from '../../ui/Icon';
import { BoardCard, type CardContext } from './BoardCard';
import type { Lane } from './view';

function Cell({
  laneId,
  column,
  cards,
  ctx,
  moving,
}: {
  laneId: string;
  column: BoardColumn;
  cards: Card[];
  ctx: CardContext;
  moving: string | null;
}) {
  const { t } = useTeamT('board');
  const { setNodeRef, isOver } = useDroppable({
    id: `cell:${laneId}:${column.statusId}`,
    data: { statusId: column.statusId, laneId },
  });
  return (
    <ul
      ref={setNodeRef}
      className={`ritmo-cell ${isOver ? 'ritmo-cell-over' : ''}`}
      aria-label={t('column.cards', { column: column.name })}
      data-testid="board-cell"
      data-status-id={column.statusId}
    >
      {cards.map((card) => (
        <BoardCard key={card.id} card={card} ctx={ctx} moving={moving === card.id} />
      ))}
    </ul>
  );
}

interface Props {
  lane: Lane;
  /** The lane's heading; null without swimlanes (one lane, no heading). */
  name: string | null;
  collapsed: boolean;
  onToggle: () => void;
  template: CSSProperties;
  ctx: CardContext;
  moving: string | null;
}

/**
 * A swimlane: a heading with its count that folds the lane away (a button with
 * aria-expanded), and one cell per column. A folded lane draws no cells, so nothing in it
 * can be dropped on or tabbed to.
 */
export function BoardLane({ lane, name, collapsed, onToggle, template, ctx, moving }: Props) {
  const { t } = useTeamT('board');
  const rowId = useId();
  return (
    <section
      className="ritmo-lane"
      aria-label={name ?? undefined}
      data-testid="board-lane"
      data-lane-id={lane.id}
    >
      {name !== null ? (
        <h2 className="h6 ritmo-lane-title">
          <button
            type="button"
            className="ritmo-lane-toggle"
            aria-expanded={!collapsed}
            aria-controls={rowId}
            data-testid="lane-toggle"
            onClick={onToggle}
          >
            <Icon name={collapsed ? 'it-expand' : 'it-collapse'} size="sm" />
            <span>{name}</span>{' '}
            <span className="fw-normal" data-testid="lane-count">
              — {t('lanes.count', { count: lane.count })}
            </span>
          </button>
        </h2>
      ) : null}
      <div id={rowId} className="ritmo-board-row" style={template} hidden={collapsed}>
        {collapsed
          ? null
          : lane.cells.map((cell) => (
              <Cell
                key={cell.column.statusId}
                laneId={lane.id}
                column={cell.column}
                cards={cell.cards}
                ctx={ctx}
                moving={moving}
              />
            ))}
      </div>
    </section>
  );
}
