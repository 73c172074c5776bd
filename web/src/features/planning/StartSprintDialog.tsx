import type { BacklogItem } from '../../api/backlog';
import type { Planning, Sprint } from '../../api/sprints';
import { formatDate, formatNumber } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { commitment } from '../../live/sprint-reducer';
import { Dialog } from '../../ui/Dialog';

/**
 * What starting records (the commitment the server snapshots in sprint.started): the items
 * with their estimates, the dates and the capacity. Dates missing or another sprint running
 * are said here, before the request.
 */
export function StartSprintDialog({
  sprint,
  items,
  planning,
  active,
  onConfirm,
  onClose,
}: {
  sprint: Sprint;
  items: readonly BacklogItem[];
  planning: Planning | undefined;
  active: Sprint | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTeamT(['planning', 'backlog']);
  const { points, unestimated } = commitment(items);
  const hasDates = Boolean(sprint.startDate && sprint.endDate);
  const date = (d: string) => formatDate(`${d}T12:00:00Z`, i18n.language, 'UTC');
  const blocked = !hasDates || Boolean(active);
  return (
    <Dialog
      open
      title={t('start.title', { name: sprint.name })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary" onClick={onClose}>
            {t('start.cancel')}
          </button>
          <button type="button" className="btn btn-primary" disabled={blocked} onClick={onConfirm}>
            {t('start.confirm')}
          </button>
        </>
      }
    >
      <div data-testid="start-dialog">
        <p>{t('start.intro')}</p>
        <ul data-testid="start-summary">
          <li>{t('start.items', { count: items.length })}</li>
          <li>
            {t('start.points', { count: points })}
            {unestimated > 0 ? ` (${t('start.unestimated', { count: unestimated })})` : null}
          </li>
          {hasDates ? (
            <li>
              {t('start.dates', {
                start: date(sprint.startDate as string),
                end: date(sprint.endDate as string),
              })}
            </li>
          ) : null}
          {planning ? (
            <li>
              {t('start.capacity', { days: formatNumber(planning.capacityDays, i18n.language) })}
            </li>
          ) : null}
        </ul>
        {!hasDates ? (
          <p className="alert alert-warning" role="alert">
            {t('start.needDates')}
          </p>
        ) : null}
        {active ? (
          <p className="alert alert-warning" role="alert">
            {t('start.otherActive', { name: active.name })}
          </p>
        ) : null}
        {items.length > 0 ? (
          <>
            <h3 className="h6">{t('start.itemsHeading')}</h3>
            <ol className="small ritmo-dialog-list">
              {items.map((item) => (
                <li key={item.id}>
                  {item.title} —{' '}
                  {item.estimate === null
                    ? t('row.noEstimate')
                    : t('row.points', { count: item.estimate })}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
