import { useId, useState } from 'react';
import type { Retro, RetroCard } from '../../api/retro';
import { useTeamT } from '../../i18n/vocabulary';
import { CardView } from './CardView';
import { groupTitle, useRoom } from './context';

const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** The keyboard path of a drop: choose the card or group to join, then press the button. */
function JoinControl({ retro, card }: { retro: Retro; card: RetroCard }) {
  const { t } = useTeamT('retro');
  const { busy } = useRoom();
  const join = useJoin(retro);
  const id = useId();
  const [target, setTarget] = useState('');
  const groups = retro.groups.filter((g) => g.id !== card.groupId);
  const loose = retro.cards.filter((c) => c.id !== card.id && c.groupId === null);
  return (
    <div className="d-flex gap-2 align-items-end mt-2 flex-wrap">
      <div className="select-wrapper">
        <label htmlFor={id}>{t('group.joinLabel', { text: short(card.text) })}</label>
        <select id={id} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('group.choose')}</option>
          {groups.map((g) => (
            <option key={g.id} value={`g:${g.id}`}>
              {t('group.toGroup', { title: groupTitle(retro, g) })}
            </option>
          ))}
          {loose.map((c) => (
            <option key={c.id} value={`c:${c.id}`}>
              {t('group.toCard', { text: short(c.text) })}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="btn btn-sm btn-outline-primary"
        disabled={busy || !target}
        onClick={() => {
          join(card.id, target);
          setTarget('');
        }}
      >
        {t('group.join')}
      </button>
    </div>
  );
}

/** Dropping a card on another: into that card's group, or a new group of the two. */
function useJoin(retro: Retro) {
  const { t } = useTeamT('retro');
  const { run } = useRoom();
  return (cardId: string, target: string) => {
    const dragged = retro.cards.find((c) => c.id === cardId);
    if (!dragged) return;
    const [kind, id] = target.split(':');
    const onto = kind === 'c' ? retro.cards.find((c) => c.id === id) : undefined;
    const groupId = kind === 'g' ? id : (onto?.groupId ?? null);
    if (groupId) {
      const group = retro.groups.find((g) => g.id === groupId);
      const title = group ? groupTitle(retro, group) : '';
      run(
        { kind: 'move', cardId, groupId },
        t('announce.joined', { text: short(dragged.text), title }),
      );
    } else if (onto) {
      run(
        { kind: 'group', cardIds: [onto.id, cardId], title: short(onto.text) },
        t('announce.grouped', { text: short(dragged.text), other: short(onto.text) }),
      );
    }
  };
}

/** Group: anyone drags a card onto another (or uses "Raggruppa con…"); a group can be undone card by card. */
export function GroupBoard({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  const { mayParticipate, run, busy } = useRoom();
  const join = useJoin(retro);
  const drop = (ontoCard: string) => (dragged: string) => join(dragged, `c:${ontoCard}`);
  const loose = retro.cards.filter((c) => c.groupId === null);
  return (
    <>
      <p>{mayParticipate ? t('group.intro') : t('group.introReadOnly')}</p>
      <section aria-labelledby="groups-title" className="mb-4">
        <h2 id="groups-title" className="h5">
          {t('group.groups')}
        </h2>
        {retro.groups.length === 0 ? <p className="small">{t('group.noGroups')}</p> : null}
        <div className="ritmo-retro-groups">
          {retro.groups.map((group) => (
            <section
              key={group.id}
              className="ritmo-retro-group"
              aria-label={t('group.groupLabel', { title: groupTitle(retro, group) })}
              data-testid="retro-group"
              onDragOver={mayParticipate ? (e) => e.preventDefault() : undefined}
              onDrop={
                mayParticipate
                  ? (e) => {
                      e.preventDefault();
                      const dragged = e.dataTransfer.getData('text/x-retro-card');
                      if (dragged) join(dragged, `g:${group.id}`);
                    }
                  : undefined
              }
            >
              <h3 className="h6" data-testid="group-title">
                {groupTitle(retro, group)}
              </h3>
              <ul className="list-unstyled">
                {group.cardIds.map((id) => {
                  const card = retro.cards.find((c) => c.id === id);
                  if (!card) return null;
                  return (
                    <CardView
                      key={id}
                      card={card}
                      draggable={mayParticipate}
                      onDrop={mayParticipate ? drop(id) : undefined}
                    >
                      {mayParticipate ? (
                        <button
                          type="button"
                          className="btn btn-xs btn-link p-0"
                          disabled={busy}
                          onClick={() =>
                            run(
                              { kind: 'move', cardId: id, groupId: null },
                              t('announce.ungrouped', { text: short(card.text) }),
                            )
                          }
                        >
                          {t('group.leave', { text: short(card.text) })}
                        </button>
                      ) : null}
                    </CardView>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      </section>
      <section aria-labelledby="loose-title">
        <h2 id="loose-title" className="h5">
          {t('group.loose')}
        </h2>
        <ul className="list-unstyled ritmo-retro-loose">
          {loose.map((card) => (
            <CardView
              key={card.id}
              card={card}
              draggable={mayParticipate}
              onDrop={mayParticipate ? drop(card.id) : undefined}
            >
              {mayParticipate ? <JoinControl retro={retro} card={card} /> : null}
            </CardView>
          ))}
        </ul>
      </section>
    </>
  );
}
