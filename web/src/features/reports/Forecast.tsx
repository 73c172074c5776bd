import { useId, useState } from 'react';
import { useForecast } from '../../api/reports';
import { useTeamT } from '../../i18n/vocabulary';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';

const DEFAULT_ITEMS = 10;

/** The Monte Carlo answer to "when will the next N be done?", in the server's own sentence. */
export function Forecast({ teamId }: { teamId: string }) {
  const { t, i18n } = useTeamT('reports');
  const headingId = useId();
  const [draft, setDraft] = useState(String(DEFAULT_ITEMS));
  const [items, setItems] = useState(DEFAULT_ITEMS);
  const forecast = useForecast(teamId, items, i18n.language);
  const valid = /^\d+$/.test(draft) && Number(draft) >= 1 && Number(draft) <= 10_000;
  return (
    <section aria-labelledby={headingId} className="mb-5" data-testid="forecast">
      <h2 id={headingId} className="h4">
        {t('forecast.title')}
      </h2>
      <form
        className="d-flex flex-wrap align-items-end gap-2 mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) setItems(Number(draft));
        }}
      >
        <div>
          <label htmlFor="forecast-items" className="form-label">
            {t('forecast.items')}
          </label>
          <input
            id="forecast-items"
            className="form-control"
            type="number"
            min={1}
            max={10000}
            inputMode="numeric"
            value={draft}
            aria-invalid={!valid}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-outline-primary" disabled={!valid}>
          {t('forecast.submit')}
        </button>
      </form>
      {forecast.isPending && forecast.fetchStatus !== 'idle' ? <Loading /> : null}
      <ProblemAlert error={forecast.error} />
      {forecast.data ? (
        <p className="lead" aria-live="polite" data-testid="forecast-sentence">
          {forecast.data.sentence}
        </p>
      ) : null}
      <p className="small">{t('forecast.how')}</p>
    </section>
  );
}
