import { useDraggable } from '@dnd-kit/core';
import { memo, type KeyboardEvent } from 'react';
import type { BacklogItem } from '../../api/backlog';
import { useTeamT } from '../../i18n/vocabulary';
import { Icon } from '../../ui/Icon';
import type { Side } from './moves';

export const PLAN_ROW_HEIGHT = 48;

export interface PlanRowContext {
  canMove: boolean;
  instructionsId: string;
  onHandleKey: (itemId: string, side: Side, event: KeyboardEvent<HTMLButtonElement>) => void;
  onMoveMenu: (itemId: string, side: Side) => void;
}

interface Props {
  item: BacklogItem;
  side: Side;
  position: number;
  total: number;
  start: number;
  moving: boolean;
  dropBefore: boolean;
  ctx: PlanRowContext;
}

function PlanRowImpl({ item, side, position, total, start, moving, dropBefore, ctx }: Props) {
  const { t } = useTeamT(['planning', 'backlog']);
  const drag = useDraggable({ id: item.id, data: { side }, disabled: !ctx.canMove });
  const classes = [
    'ritmo-plan-row',
    moving ? 'is-moving' : '',
    drag.isDragging ? 'is-dragging' : '',
    dropBefore ? 'drop-before' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      // eslint-disable-next-line react-hooks/refs -- dnd-kit's setter, a callback ref
      ref={drag.setNodeRef}
      className={classes}
      style={{ top: start, height: PLAN_ROW_HEIGHT }}
      aria-posinset={position}
      aria-setsize={total}
      data-testid={`${side}-row`}
      data-item-id={item.id}
    >
      {ctx.canMove ? (
        <button
          type="button"
          // eslint-disable-next-line react-hooks/refs -- dnd-kit's setter, a callback ref
          ref={drag.setActivatorNodeRef}
          className="ritmo-handle"
          aria-label={t('row.handle', { title: item.title })}
          aria-describedby={ctx.instructionsId}
          aria-pressed={moving}
          data-handle={item.id}
          // eslint-disable-next-line react-hooks/refs -- dnd-kit's pointer handlers, not a ref read
          {...drag.listeners}
          onKeyDown={(e) => ctx.onHandleKey(item.id, side, e)}
        >
          <Icon name="it-more-items" size="sm" />
        </button>
      ) : null}
      <span className="ritmo-pos" aria-hidden="true">
        {position}
      </span>
      <span className="ritmo-plan-title" data-testid="item-title">
        {item.title}
      </span>
      <span className="ritmo-plan-meta">
        {t(`backlog:type.${item.type}`)}
        {' · '}
        {item.estimate === null ? t('row.noEstimate') : t('row.points', { count: item.estimate })}
        {side === 'sprint' ? ` · ${t(`backlog:status.${item.status}`)}` : null}
      </span>
      {ctx.canMove ? (
        <button
          type="button"
          className="ritmo-icon-button"
          aria-label={t('row.moveTo', { title: item.title })}
          onClick={() => ctx.onMoveMenu(item.id, side)}
        >
          <Icon name="it-exchange-circle" size="sm" />
        </button>
      ) : null}
    </li>
  );
}

/** One item of either list: type, title, estimate in words, and its move controls. */
export const PlanRow = memo(PlanRowImpl);
