import type { Forecast } from '../../api/sprints';
import { formatNumber } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { gaugeScale } from '../../live/sprint-reducer';
import { Icon } from '../../ui/Icon';

/**
 * Committed points against the velocity range of the last sprints: a bar with the range and
 * the mean marked, and the same in a sentence. Over the mean it says so in words and with an
 * icon, not by colour alone.
 */
export function ForecastGauge({
  forecast,
  unestimated,
}: {
  forecast: Forecast;
  unestimated: number;
}) {
  const { t, i18n } = useTeamT('planning');
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, i18n.language));
  const diff = Math.round((forecast.plannedPoints - (forecast.mean ?? 0)) * 100) / 100;
  const points = (v: number) => t('forecast.points', { count: v, n: n(v) });
  const scale = gaugeScale(forecast);
  const hasHistory = forecast.mean !== null;
  const summary = hasHistory
    ? t('forecast.summary', {
        planned: points(forecast.plannedPoints),
        count: forecast.sprintsUsed,
        mean: n(forecast.mean),
        min: n(forecast.min),
        max: n(forecast.max),
      })
    : t('forecast.noHistory', { planned: points(forecast.plannedPoints) });
  const over = forecast.overcommitted;
  return (
    <section aria-labelledby="forecast-heading" className="mb-4" data-testid="forecast">
      <h2 id="forecast-heading" className="h5">
        {t('forecast.heading')}
      </h2>
      <div
        className={`ritmo-gauge ${over ? 'is-over' : ''}`}
        role="img"
        aria-label={`${t('forecast.gaugeLabel')}. ${summary}`}
      >
        {scale.low !== null && scale.high !== null ? (
          <span
            className="ritmo-gauge-range"
            style={{ left: `${scale.low}%`, width: `${Math.max(0.5, scale.high - scale.low)}%` }}
          />
        ) : null}
        <span className="ritmo-gauge-fill" style={{ width: `${scale.planned}%` }} />
        {scale.mean !== null ? (
          <span className="ritmo-gauge-mean" style={{ left: `${scale.mean}%` }} />
        ) : null}
      </div>
      <ul
        className={`ritmo-gauge-legend small list-unstyled d-flex flex-wrap gap-3 mt-1 ${over ? 'is-over' : ''}`}
        aria-hidden="true"
      >
        <li>
          <span className="ritmo-key ritmo-key-fill" /> {t('forecast.planned')}:{' '}
          {n(forecast.plannedPoints)}
        </li>
        {hasHistory ? (
          <>
            <li>
              <span className="ritmo-key ritmo-key-range" /> {t('forecast.range')}:{' '}
              {n(forecast.min)}–{n(forecast.max)}
            </li>
            <li>
              <span className="ritmo-key ritmo-key-mean" /> {t('forecast.mean')}: {n(forecast.mean)}
            </li>
          </>
        ) : null}
      </ul>
      <p className="mb-1" data-testid="forecast-summary">
        {summary}
      </p>
      {hasHistory && !forecast.enoughHistory ? (
        <p className="small mb-1">{t('forecast.fewSprints', { count: forecast.sprintsUsed })}</p>
      ) : null}
      {unestimated > 0 ? (
        <p className="small mb-1">{t('forecast.unestimated', { count: unestimated })}</p>
      ) : null}
      {over ? (
        <div className="alert alert-warning" role="status" data-testid="overcommit-warning">
          <div>
            <strong>{t('forecast.overTitle')}.</strong>{' '}
            {t('forecast.over', { count: diff, n: n(diff) })}
          </div>
        </div>
      ) : hasHistory ? (
        <p className="mb-0" role="status">
          <Icon name="it-check-circle" size="sm" /> {t('forecast.within')}
        </p>
      ) : null}
    </section>
  );
}
