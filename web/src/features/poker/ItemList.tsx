import { useTeamT } from '../../i18n/vocabulary';
import type { PokerSession } from '../../api/poker';
import { cardName } from './Deck';

/** The session's items in order, with what became of each. */
export function ItemList({ session }: { session: PokerSession }) {
  const { t } = useTeamT('poker');
  return (
    <section aria-labelledby="items-title" className="ritmo-poker-items">
      <h2 id="items-title" className="h5">
        {t('items.title')}
      </h2>
      <ol className="list-unstyled" data-testid="session-items">
        {session.items.map((item) => {
          const isCurrent = item.itemId === session.currentItemId && session.state === 'open';
          const state =
            item.outcome === 'accepted'
              ? t('items.accepted', { card: cardName(item.acceptedCard ?? '', t) })
              : item.outcome === 'skipped'
                ? t('items.skipped')
                : isCurrent
                  ? t('items.current')
                  : t('items.waiting');
          return (
            <li
              key={item.itemId}
              className={isCurrent ? 'is-current' : undefined}
              aria-current={isCurrent ? 'step' : undefined}
              data-testid="session-item"
            >
              <span className="ritmo-poker-item-title">{item.title}</span>
              <span className="small" data-testid="session-item-state">
                {state}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
