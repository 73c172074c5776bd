import type { Retro, RetroGroup } from '../../api/retro';
import { useTeamT } from '../../i18n/vocabulary';
import { groupTitle, useRoom } from './context';

/** Dots for a count out of a total; the text beside says it in words (not by shape alone). */
function Dots({ filled, total }: { filled: number; total: number }) {
  return (
    <span className="ritmo-dots" aria-hidden="true">
      {Array.from({ length: total }, (_, n) => (
        <span key={n} className={n < filled ? 'ritmo-dot is-filled' : 'ritmo-dot'} />
      ))}
    </span>
  );
}

export function GroupCards({ retro, group }: { retro: Retro; group: RetroGroup }) {
  return (
    <ul className="small mb-2">
      {group.cardIds.map((id) => {
        const card = retro.cards.find((c) => c.id === id);
        return card ? (
          <li key={id} data-testid="card-text">
            {card.text}
          </li>
        ) : null;
      })}
    </ul>
  );
}

/** Vote: the person's budget as dots; nobody sees totals until discuss (the server sends none). */
export function VoteBoard({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  const { mayParticipate, run, busy } = useRoom();
  const mine = retro.myVotes;
  const on = (groupId: string) => mine.votes.find((v) => v.groupId === groupId)?.count ?? 0;
  return (
    <>
      {mayParticipate ? (
        <p data-testid="vote-budget" className="fw-semibold">
          <Dots filled={mine.remaining} total={mine.budget} />{' '}
          {t('vote.budget', {
            remaining: mine.remaining,
            budget: mine.budget,
            perGroup: mine.perGroup,
          })}
        </p>
      ) : (
        <p>{t('vote.readOnly')}</p>
      )}
      <div className="ritmo-retro-groups">
        {retro.groups.map((group) => {
          const count = on(group.id);
          return (
            <section
              key={group.id}
              className="ritmo-retro-group"
              aria-label={t('group.groupLabel', { title: groupTitle(retro, group) })}
              data-testid="retro-group"
            >
              <h3 className="h6" data-testid="group-title">
                {groupTitle(retro, group)}
              </h3>
              <GroupCards retro={retro} group={group} />
              {mayParticipate ? (
                <div className="d-flex align-items-center gap-2 flex-wrap">
                  <Dots filled={count} total={mine.perGroup} />
                  <span data-testid="my-group-votes">{t('vote.mine', { count })}</span>
                  <button
                    type="button"
                    className="btn btn-sm btn-primary"
                    disabled={busy || mine.remaining === 0 || count >= mine.perGroup}
                    aria-label={t('vote.addLabel', { title: groupTitle(retro, group) })}
                    onClick={() =>
                      run(
                        { kind: 'vote', groupId: group.id },
                        t('announce.voted', { title: groupTitle(retro, group) }),
                      )
                    }
                  >
                    {t('vote.add')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-outline-primary"
                    disabled={busy || count === 0}
                    aria-label={t('vote.removeLabel', { title: groupTitle(retro, group) })}
                    onClick={() =>
                      run(
                        { kind: 'unvote', groupId: group.id },
                        t('announce.unvoted', { title: groupTitle(retro, group) }),
                      )
                    }
                  >
                    {t('vote.remove')}
                  </button>
                </div>
              ) : null}
            </section>
          );
        })}
      </div>
    </>
  );
}
