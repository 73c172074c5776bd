import { useState, type FormEvent } from 'react';
import type { Retro } from '../../api/retro';
import { useTeamT } from '../../i18n/vocabulary';
import { CardView } from './CardView';
import { useRoom } from './context';

function AddCard({ column, title }: { column: string; title: string }) {
  const { t } = useTeamT('retro');
  const { run, busy } = useRoom();
  const [text, setText] = useState('');
  const id = `add-${column}`;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    run({ kind: 'card', column, text: text.trim() }, t('announce.cardAdded', { column: title }));
    setText('');
  }
  return (
    <form onSubmit={submit} className="mt-2">
      <label htmlFor={id} className="visually-hidden">
        {t('collect.newCard', { column: title })}
      </label>
      <textarea
        id={id}
        className="form-control"
        rows={2}
        maxLength={2000}
        value={text}
        placeholder={t('collect.placeholder')}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn-sm btn-primary mt-1" disabled={busy || !text.trim()}>
        {t('collect.add', { column: title })}
      </button>
    </form>
  );
}

/** Collect: a column per prompt. With private writing the others' cards arrive only as counts. */
export function CollectBoard({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  const { mayParticipate } = useRoom();
  return (
    <div className="ritmo-retro-columns">
      {retro.columns.map((column) => {
        const cards = retro.cards.filter((c) => c.column === column.key);
        const hidden = retro.hiddenCounts.find((h) => h.column === column.key)?.count ?? 0;
        const headingId = `col-${column.key}`;
        return (
          <section key={column.key} aria-labelledby={headingId} data-testid="retro-column">
            <h2 id={headingId} className="h5">
              {column.title}
            </h2>
            <p className="small">{column.prompt}</p>
            <ul className="list-unstyled">
              {cards.map((card) => (
                <CardView key={card.id} card={card} />
              ))}
            </ul>
            {hidden ? (
              <p className="small" data-testid="hidden-count">
                {t('collect.hidden', { count: hidden })}
              </p>
            ) : null}
            {mayParticipate ? <AddCard column={column.key} title={column.title} /> : null}
          </section>
        );
      })}
    </div>
  );
}
