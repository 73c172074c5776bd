import { useDraggable, useDroppable } from '@dnd-kit/core';
import { memo, type KeyboardEvent } from 'react';
import type { Card } from '../../api/board';
import type { Label, TeamMember } from '../../api/backlog';
import { useTeamT } from '../../i18n/vocabulary';
import { Icon } from '../../ui/Icon';
import { daysSince } from './view';

export interface CardContext {
  canMove: boolean;
  /** Kanban: days in the current column on each card. */
  showAging: boolean;
  now: number;
  members: ReadonlyMap<string, TeamMember>;
  labels: ReadonlyMap<string, Label>;
  instructionsId: string;
  onHandleKey: (itemId: string, event: KeyboardEvent<HTMLElement>) => void;
  /** Opens the card in the item drawer. */
  onOpen: (itemId: string) => void;
}

interface Props {
  card: Card;
  ctx: CardContext;
  /** Picked up by the keyboard, or being dragged. */
  moving: boolean;
}

/**
 * A card: type, title (a button that opens the drawer), estimate, assignee, labels, the blocked
 * marker and (Kanban) aging; the whole card drags.
 */
export const BoardCard = memo(function BoardCard({ card, ctx, moving }: Props) {
  const { t } = useTeamT('board');
  const drag = useDraggable({ id: card.id, disabled: !ctx.canMove });
  const drop = useDroppable({ id: `card:${card.id}`, data: { cardId: card.id } });
  const assignee = card.assigneeId ? ctx.members.get(card.assigneeId) : undefined;
  const days = daysSince(card.inColumnSince, ctx.now);
  const labels = card.labelIds.map((id) => ctx.labels.get(id)).filter((l) => l !== undefined);
  const blocked = card.openImpediments.length > 0;
  return (
    <li
      ref={(node) => {
        drag.setNodeRef(node);
        drop.setNodeRef(node);
      }}
      className={`ritmo-card ${moving || drag.isDragging ? 'ritmo-card-moving' : ''} ${
        drop.isOver && !drag.isDragging ? 'ritmo-card-over' : ''
      } ${blocked ? 'ritmo-card-blocked' : ''}`}
      data-testid="board-card"
      data-item-id={card.id}
      data-blocked={blocked ? 'true' : 'false'}
      {...(ctx.canMove ? drag.listeners : {})}
    >
      <div className="d-flex align-items-start gap-2">
        <span className={`ritmo-bcard-type ritmo-bcard-type-${card.type}`}>
          {t(`backlog:type.${card.type}`)}
        </span>
        <button
          type="button"
          className="ritmo-card-title flex-grow-1"
          data-testid="card-title"
          data-open-card={card.id}
          onClick={() => ctx.onOpen(card.id)}
        >
          {card.title}
        </button>
        {ctx.canMove ? (
          <button
            type="button"
            className="ritmo-card-handle btn btn-xs btn-outline-primary"
            data-handle={card.id}
            aria-label={t('card.move', { title: card.title })}
            aria-describedby={ctx.instructionsId}
            aria-pressed={moving}
            onKeyDown={(event) => ctx.onHandleKey(card.id, event)}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
      </div>
      {blocked ? (
        // Not by colour alone: an icon and words, the impediments named.
        <p className="ritmo-card-blocker" data-testid="card-blocked">
          <Icon name="it-ban" size="xs" className="me-1" />
          <strong>{t('card.blocked')}</strong> {card.openImpediments.map((i) => i.title).join('; ')}
        </p>
      ) : null}
      <dl className="ritmo-card-facts">
        <div>
          <dt>{t('card.estimate')}</dt>
          <dd data-testid="card-estimate">
            {card.estimate === null
              ? t('card.noEstimate')
              : t('card.points', { count: card.estimate })}
          </dd>
        </div>
        <div>
          <dt>{t('card.assignee')}</dt>
          <dd data-testid="card-assignee">{assignee?.displayName ?? t('card.unassigned')}</dd>
        </div>
        {ctx.showAging ? (
          <div>
            <dt>{t('card.aging')}</dt>
            <dd data-testid="card-aging">
              {days === 0 ? t('card.agingToday') : t('card.agingDays', { count: days })}
            </dd>
          </div>
        ) : null}
      </dl>
      {labels.length > 0 ? (
        <ul className="ritmo-card-labels" aria-label={t('card.labels')}>
          {labels.map((label) => (
            <li key={label.id} className="ritmo-bcard-label">
              <span
                className="ritmo-bcard-dot"
                aria-hidden="true"
                style={{ background: label.color }}
              />
              {label.name}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
});
