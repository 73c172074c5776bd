import type { DragEvent, ReactNode } from 'react';
import type { RetroCard } from '../../api/retro';
import { useTeamT } from '../../i18n/vocabulary';
import { useRoom } from './context';

/**
 * One card. Its author shows only when the server sent one: on an anonymous retrospective
 * `authorId` is always null, so no name can reach the page.
 */
export function CardView({
  card,
  draggable,
  onDrop,
  children,
}: {
  card: RetroCard;
  draggable?: boolean;
  onDrop?: (draggedId: string) => void;
  children?: ReactNode;
}) {
  const { t } = useTeamT('retro');
  const { nameOf } = useRoom();
  const author = card.authorId
    ? nameOf(card.authorId)
    : card.mine
      ? t('card.mineAnonymous')
      : t('card.anonymous');
  const dropProps = onDrop
    ? {
        onDragOver: (e: DragEvent) => e.preventDefault(),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          const dragged = e.dataTransfer.getData('text/x-retro-card');
          if (dragged && dragged !== card.id) onDrop(dragged);
        },
      }
    : {};
  return (
    <li
      className="ritmo-retro-card"
      data-testid="retro-card"
      data-card-id={card.id}
      draggable={draggable}
      onDragStart={
        draggable ? (e) => e.dataTransfer.setData('text/x-retro-card', card.id) : undefined
      }
      {...dropProps}
    >
      <p className="mb-1" data-testid="card-text">
        {card.text}
      </p>
      <p className="small mb-0 ritmo-retro-author" data-testid="card-author">
        {card.mine && card.authorId ? t('card.mine') : author}
      </p>
      {children}
    </li>
  );
}
