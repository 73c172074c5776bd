import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useBacklogList } from '../../api/backlog';
import {
  DECKS,
  useCreatePokerSession,
  useEstimationCeremonies,
  type PokerDeck,
} from '../../api/poker';
import type { Team } from '../../api/teams';
import { formatDateTime } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { fieldError, SelectField, TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';

const MAX_ITEMS = 100;

/**
 * The scrum master opens a session: a deck, the product backlog items to estimate (in backlog
 * order; those without an estimate first), and optionally the calendar ceremony it belongs to.
 */
export function NewSessionForm({ team }: { team: Team }) {
  const { t, i18n } = useTeamT('poker');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const backlog = useBacklogList(team.id);
  const ceremonies = useEstimationCeremonies(team.id, true);
  const create = useCreatePokerSession(team.id);
  const [title, setTitle] = useState('');
  const [deck, setDeck] = useState<PokerDeck>('fibonacci');
  const [ceremonyId, setCeremonyId] = useState(params.get('ceremony') ?? '');
  const [picked, setPicked] = useState<string[]>([]);
  const [onlyUnestimated, setOnlyUnestimated] = useState(true);
  const items = (backlog.data?.items ?? []).filter(
    (item) => item.type !== 'epic' && (!onlyUnestimated || item.estimate === null),
  );

  function toggle(id: string, on: boolean) {
    setPicked((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        deck,
        itemIds: picked,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(ceremonyId ? { ceremonyId } : {}),
      },
      { onSuccess: (session) => void navigate(`/teams/${team.id}/poker/${session.id}`) },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-session-title">
      <h2 id="new-session-title" className="h4">
        {t('new.title')}
      </h2>
      <p>{t('new.intro')}</p>
      <ProblemAlert error={create.error} />
      <TextField
        id="session-title"
        label={t('new.name')}
        hint={t('new.nameHint')}
        value={title}
        maxLength={200}
        error={fieldError(create.error, 'title')}
        onChange={(e) => setTitle(e.target.value)}
      />
      <SelectField
        id="session-deck"
        label={t('new.deck')}
        value={deck}
        error={fieldError(create.error, 'deck')}
        onChange={(e) => setDeck(e.target.value as PokerDeck)}
      >
        {DECKS.map((d) => (
          <option key={d} value={d}>
            {t(`decks.${d}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="session-ceremony"
        label={t('new.ceremony')}
        value={ceremonyId}
        error={fieldError(create.error, 'ceremonyId')}
        onChange={(e) => setCeremonyId(e.target.value)}
      >
        <option value="">{t('new.noCeremony')}</option>
        {(ceremonies.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {`${c.title} — ${formatDateTime(c.startsAt, i18n.language, c.timezone)}`}
          </option>
        ))}
      </SelectField>
      <fieldset className="mb-4" aria-describedby="items-hint">
        <legend className="h5">{t('new.items')}</legend>
        <p id="items-hint" className="small">
          {t('new.itemsHint', { count: picked.length, max: MAX_ITEMS })}
        </p>
        <div className="form-check">
          <input
            id="only-unestimated"
            type="checkbox"
            checked={onlyUnestimated}
            onChange={(e) => setOnlyUnestimated(e.target.checked)}
          />
          <label htmlFor="only-unestimated">{t('new.onlyUnestimated')}</label>
        </div>
        {backlog.isPending ? <Loading /> : null}
        <ProblemAlert error={backlog.error} />
        <ul className="list-unstyled ritmo-poker-pick" data-testid="pick-items">
          {items.map((item) => (
            <li key={item.id} className="form-check">
              <input
                id={`pick-${item.id}`}
                type="checkbox"
                checked={picked.includes(item.id)}
                disabled={!picked.includes(item.id) && picked.length >= MAX_ITEMS}
                onChange={(e) => toggle(item.id, e.target.checked)}
              />
              <label htmlFor={`pick-${item.id}`}>
                {item.title}
                {item.estimate === null ? null : (
                  <span className="small ms-2">{t('new.estimated', { count: item.estimate })}</span>
                )}
              </label>
            </li>
          ))}
        </ul>
        {fieldError(create.error, 'itemIds') ? (
          <div className="invalid-feedback d-block">{fieldError(create.error, 'itemIds')}</div>
        ) : null}
      </fieldset>
      <button
        type="submit"
        className="btn btn-primary"
        disabled={create.isPending || picked.length === 0}
      >
        {t('new.submit')}
      </button>
    </form>
  );
}
