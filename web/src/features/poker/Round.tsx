import { useTranslation } from 'react-i18next';
import type { PokerSession } from '../../api/poker';
import { formatNumber } from '../../i18n/format';
import { cardName } from './Deck';

type Round = NonNullable<PokerSession['currentRound']>;
type Stats = NonNullable<Round['stats']>;

/**
 * Who takes part in the round. While it is hidden the server sends `card: null` for everyone
 * else, so this list can only say who voted; after the reveal it shows each card.
 */
export function Votes({
  session,
  round,
  nameOf,
}: {
  session: PokerSession;
  round: Round;
  nameOf: (userId: string) => string;
}) {
  const { t } = useTranslation('poker');
  const voters = session.participants.filter((p) => p.role === 'participant').map((p) => p.userId);
  for (const vote of round.votes) if (!voters.includes(vote.userId)) voters.push(vote.userId);
  const spectators = session.participants
    .filter((p) => p.role === 'spectator')
    .map((p) => nameOf(p.userId));
  const revealed = round.state === 'revealed';
  return (
    <section aria-labelledby="votes-title" className="mb-4">
      <h2 id="votes-title" className="h5">
        {revealed ? t('votes.revealedTitle') : t('votes.title')}
      </h2>
      <p data-testid="vote-count">
        {t('votes.count', { count: round.votes.length, total: voters.length })}
      </p>
      <ul className="ritmo-votes list-unstyled" data-testid="votes">
        {voters.map((userId) => {
          const vote = round.votes.find((v) => v.userId === userId);
          return (
            <li key={userId} data-testid="vote" data-voted={vote ? 'yes' : 'no'}>
              <span className="ritmo-vote-name">{nameOf(userId)}</span>
              {revealed ? (
                <span className="ritmo-vote-card">
                  {vote?.card ? cardName(vote.card, t) : t('votes.none')}
                </span>
              ) : (
                <span className={vote ? 'ritmo-vote-done' : 'ritmo-vote-waiting'}>
                  {vote ? t('votes.voted') : t('votes.waiting')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {spectators.length ? (
        <p className="small" data-testid="spectators">
          {t('votes.spectators', { names: spectators.join(', ') })}
        </p>
      ) : null}
    </section>
  );
}

export function RoundStats({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation('poker');
  const n = (value: number | null) =>
    value === null ? t('stats.none') : formatNumber(value, i18n.language);
  return (
    <dl className="ritmo-poker-stats" data-testid="stats">
      <div>
        <dt>{t('stats.min')}</dt>
        <dd data-testid="stat-min">{n(stats.min)}</dd>
      </div>
      <div>
        <dt>{t('stats.max')}</dt>
        <dd data-testid="stat-max">{n(stats.max)}</dd>
      </div>
      <div>
        <dt>{t('stats.median')}</dt>
        <dd data-testid="stat-median">{n(stats.median)}</dd>
      </div>
      <div>
        <dt>{t('stats.consensus')}</dt>
        <dd data-testid="stat-consensus">{stats.consensus ? t('stats.yes') : t('stats.no')}</dd>
      </div>
    </dl>
  );
}

/** Earlier revealed rounds of the item on the table, oldest first. */
export function EarlierRounds({
  session,
  itemId,
  round,
  nameOf,
}: {
  session: PokerSession;
  itemId: string;
  round: number;
  nameOf: (userId: string) => string;
}) {
  const { t } = useTranslation('poker');
  const earlier = session.history.filter((h) => h.itemId === itemId && h.round < round);
  if (!earlier.length) return null;
  return (
    <section aria-labelledby="earlier-title" className="mb-4" data-testid="earlier-rounds">
      <h2 id="earlier-title" className="h5">
        {t('earlier.title')}
      </h2>
      {earlier.map((h) => (
        <div key={h.round} className="mb-3">
          <h3 className="h6">{t('earlier.round', { round: h.round })}</h3>
          <p className="mb-1">
            {h.votes.map((v) => `${nameOf(v.userId)}: ${cardName(v.card ?? '', t)}`).join(' · ')}
          </p>
          <RoundStats stats={h.stats} />
        </div>
      ))}
    </section>
  );
}
