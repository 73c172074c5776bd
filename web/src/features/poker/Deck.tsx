import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ignoresKey, typeKey } from './keys';

const WAIT_FOR_NEXT_KEY_MS = 700;

/**
 * The session's cards as toggle buttons. Picking one votes at once (again: replaces the vote).
 * The value can be typed anywhere on the page (number keys, "?"), see keys.ts.
 */
export function Deck({
  cards,
  myCard,
  disabled,
  onPick,
}: {
  cards: string[];
  myCard: string | null;
  disabled: boolean;
  onPick: (card: string) => void;
}) {
  const { t } = useTranslation('poker');
  const pickRef = useRef(onPick);
  useLayoutEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);
  useEffect(() => {
    if (disabled) return;
    let buffer = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (event: KeyboardEvent) => {
      if (ignoresKey(event)) return;
      clearTimeout(timer);
      const next = typeKey(cards, buffer, event.key);
      buffer = next.buffer;
      if (next.pick) pickRef.current(next.pick);
      else if (next.pending) {
        const pending = next.pending;
        timer = setTimeout(() => {
          buffer = '';
          pickRef.current(pending);
        }, WAIT_FOR_NEXT_KEY_MS);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      clearTimeout(timer);
    };
  }, [cards, disabled]);

  return (
    <section aria-labelledby="deck-title" className="mb-4">
      <h2 id="deck-title" className="h5">
        {t('deck.title')}
      </h2>
      <p className="small" id="deck-hint">
        {t('deck.hint')}
      </p>
      <div className="ritmo-deck" role="group" aria-describedby="deck-hint" data-testid="deck">
        {cards.map((card) => (
          <button
            key={card}
            type="button"
            className="ritmo-poker-card"
            aria-pressed={myCard === card}
            aria-label={t('deck.card', { card: cardName(card, t) })}
            disabled={disabled}
            onClick={() => onPick(card)}
          >
            {card}
          </button>
        ))}
      </div>
      <p className="mt-2" data-testid="my-card" aria-live="polite">
        {myCard === null ? t('deck.noVote') : t('deck.myVote', { card: cardName(myCard, t) })}
      </p>
    </section>
  );
}

/** "?" and "☕" read as words to a screen reader. */
export function cardName(card: string, t: (key: string) => string): string {
  if (card === '?') return t('cards.unknown');
  if (card === '☕') return t('cards.break');
  return card;
}
