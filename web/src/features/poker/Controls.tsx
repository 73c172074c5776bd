import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PokerCommand, PokerSession } from '../../api/poker';
import { cardName } from './Deck';

type Round = NonNullable<PokerSession['currentRound']>;

const TSHIRT: Record<string, number> = { XS: 1, S: 2, M: 3, L: 5, XL: 8, XXL: 13 };

/** A card's points, as the server counts them (docs/planning-poker.md); "?" and "☕" have none. */
export function pointsOf(card: string): number | null {
  if (card in TSHIRT) return TSHIRT[card];
  if (card === '½') return 0.5;
  const n = Number(card);
  return card.trim() !== '' && Number.isFinite(n) ? n : null;
}

/** The cards that may become the estimate: with points, and those points on the team's scale. */
export function acceptable(cards: readonly string[], pointScale: readonly number[]): string[] {
  return cards.filter((card) => {
    const points = pointsOf(card);
    return points !== null && pointScale.includes(points);
  });
}

/**
 * What the facilitator is offered to accept: the most voted acceptable card, ties broken by
 * nearness to the median; none when no vote is acceptable.
 */
export function suggestedCard(round: Round, allowed: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const vote of round.votes)
    if (vote.card && allowed.includes(vote.card))
      counts.set(vote.card, (counts.get(vote.card) ?? 0) + 1);
  const median = round.stats?.median ?? 0;
  const distance = (card: string) => Math.abs((pointsOf(card) ?? 0) - median);
  let best = '';
  for (const [card, count] of counts) {
    const top = counts.get(best) ?? 0;
    if (!best || count > top || (count === top && distance(card) < distance(best))) best = card;
  }
  return best;
}

/** The facilitator's buttons: only what the round's state allows is offered. */
export function FacilitatorControls({
  session,
  round,
  pointScale,
  accepted,
  busy,
  onCommand,
}: {
  session: PokerSession;
  round: Round;
  pointScale: readonly number[];
  /** The card accepted for the current item, if any. */
  accepted: string | null;
  busy: boolean;
  onCommand: (command: PokerCommand) => void;
}) {
  const { t } = useTranslation('poker');
  const selectId = useId();
  const [choice, setChoice] = useState<{ key: string; card: string } | null>(null);
  // The choice belongs to this round: a new round starts from the new suggestion.
  const roundKey = `${round.itemId}:${round.round}`;
  const allowed = acceptable(session.cards, pointScale);
  const card = choice?.key === roundKey ? choice.card : (accepted ?? suggestedCard(round, allowed));
  const isLast = !session.items.some((item) => item.position > currentPosition(session));

  return (
    <section aria-labelledby="facilitate-title" className="ritmo-poker-controls mb-4">
      <h2 id="facilitate-title" className="h5">
        {t('facilitate.title')}
      </h2>
      <div className="d-flex flex-wrap gap-2 align-items-end">
        {round.state === 'voting' ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => onCommand({ kind: 'reveal' })}
          >
            {t('facilitate.reveal')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-outline-primary"
              disabled={busy}
              onClick={() => onCommand({ kind: 'revote' })}
            >
              {t('facilitate.revote')}
            </button>
            <div className="select-wrapper ritmo-accept-select">
              <label htmlFor={selectId}>{t('facilitate.acceptLabel')}</label>
              <select
                id={selectId}
                value={card}
                onChange={(e) => setChoice({ key: roundKey, card: e.target.value })}
              >
                <option value="">{t('facilitate.choose')}</option>
                {allowed.map((c) => (
                  <option key={c} value={c}>
                    {cardName(c, t)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || card === ''}
              onClick={() => onCommand({ kind: 'accept', card })}
            >
              {accepted ? t('facilitate.acceptAgain') : t('facilitate.accept')}
            </button>
          </>
        )}
        {accepted ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => onCommand({ kind: 'next' })}
          >
            {isLast ? t('facilitate.finishItems') : t('facilitate.next')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-outline-secondary"
            disabled={busy}
            onClick={() => onCommand({ kind: 'skip' })}
          >
            {t('facilitate.skip')}
          </button>
        )}
      </div>
    </section>
  );
}

function currentPosition(session: PokerSession): number {
  return session.items.find((i) => i.itemId === session.currentItemId)?.position ?? -1;
}

/** Ending is offered apart from the round: it closes the room for everyone. */
export function EndSession({ busy, onEnd }: { busy: boolean; onEnd: () => void }) {
  const { t } = useTranslation('poker');
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="btn btn-outline-danger" onClick={() => setConfirming(true)}>
        {t('end.button')}
      </button>
    );
  return (
    <div className="callout warning" role="group" aria-labelledby="end-confirm">
      <p id="end-confirm" className="callout-title">
        {t('end.confirm')}
      </p>
      <div className="d-flex gap-2">
        <button type="button" className="btn btn-danger" disabled={busy} onClick={onEnd}>
          {t('end.yes')}
        </button>
        <button
          type="button"
          className="btn btn-outline-secondary"
          onClick={() => setConfirming(false)}
        >
          {t('end.no')}
        </button>
      </div>
    </div>
  );
}
