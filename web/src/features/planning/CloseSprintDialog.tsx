import { useId, useState } from 'react';
import type { BacklogItem } from '../../api/backlog';
import { useSprintReport, type Sprint } from '../../api/sprints';
import { useTeamT, useTerms } from '../../i18n/vocabulary';
import { commitment } from '../../live/sprint-reducer';
import { Dialog } from '../../ui/Dialog';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import {
  closePlan,
  closePreview,
  DESTINATIONS,
  destinationOf,
  nextSprintName,
  nextSprints,
  type CloseChoice,
  type Destination,
  type Overrides,
} from './closing';
import { SprintReportTable } from './SprintReportTable';
import { useCloseSprint } from './useCloseSprint';

type Step = 'choose' | 'review' | 'report';

/**
 * Closing a sprint at any time: each unfinished item and where it goes (one choice for all,
 * changeable item by item), the result to review, then the report the server froze.
 */
export function CloseSprintDialog({
  teamId,
  sprint,
  items,
  sprints,
  onClosed,
  onClose,
}: {
  teamId: string;
  sprint: Sprint;
  items: readonly BacklogItem[];
  sprints: readonly Sprint[];
  onClosed: (next: Sprint | undefined) => void;
  onClose: () => void;
}) {
  const { t } = useTeamT(['planning', 'backlog']);
  const terms = useTerms();
  const formId = useId();
  const [step, setStep] = useState<Step>('choose');
  // The preview is taken when the dialog opens: the report, after, is the server's.
  const [preview] = useState(() => closePreview(items));
  const planned = nextSprints(sprints, sprint.id);
  const [choice, setChoice] = useState<CloseChoice>(() => ({
    destination: planned.length > 0 ? 'next' : 'new',
    nextSprintId: planned[0]?.id ?? '',
    newName: nextSprintName(sprints, terms.sprint),
  }));
  const [overrides, setOverrides] = useState<Overrides>({});
  const plan = closePlan(preview.unfinished, choice, overrides);
  const closing = useCloseSprint(teamId, sprint);
  const report = useSprintReport(teamId, step === 'report' ? sprint.id : undefined);
  const offered = DESTINATIONS.filter((d) => d !== 'next' || planned.length > 0);

  const where = (d: Destination) =>
    d === 'top'
      ? t('close.whereTop')
      : d === 'bottom'
        ? t('close.whereBottom')
        : d === 'next'
          ? t('close.whereSprint', {
              name: planned.find((s) => s.id === choice.nextSprintId)?.name ?? '',
            })
          : t('close.whereNew', { name: choice.newName.trim() });
  const valid =
    (!plan.needsNext || Boolean(choice.nextSprintId)) &&
    (!plan.needsNew || choice.newName.trim() !== '');

  const confirm = async () => {
    const result = await closing.run(plan, choice);
    if (!result.closed) return;
    setStep('report');
    // The page follows the carried items: into the new sprint, else the planned one.
    onClosed(
      result.next ??
        (plan.needsNext ? planned.find((s) => s.id === choice.nextSprintId) : undefined),
    );
  };

  const footer =
    step === 'choose' ? (
      <>
        <button type="button" className="btn btn-outline-primary" onClick={onClose}>
          {t('close.cancel')}
        </button>
        <button type="submit" form={formId} className="btn btn-primary" disabled={!valid}>
          {t('close.review')}
        </button>
      </>
    ) : step === 'review' ? (
      <>
        <button type="button" className="btn btn-outline-primary" onClick={() => setStep('choose')}>
          {t('close.back')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={closing.busy}
          onClick={() => void confirm()}
        >
          {t('close.confirm')}
        </button>
      </>
    ) : (
      <button type="button" className="btn btn-primary" onClick={onClose}>
        {t('close.done')}
      </button>
    );

  return (
    <Dialog open title={t('close.title', { name: sprint.name })} onClose={onClose} footer={footer}>
      <div data-testid="close-dialog" data-step={step}>
        <ProblemAlert error={closing.error} />
        {step === 'choose' ? (
          <form
            id={formId}
            onSubmit={(e) => {
              e.preventDefault();
              if (valid) setStep('review');
            }}
          >
            {preview.unfinished.length === 0 ? (
              <p>{t('close.allDone')}</p>
            ) : (
              <>
                <fieldset>
                  <legend className="h6">{t('close.destination')}</legend>
                  {DESTINATIONS.map((d) => (
                    <div className="form-check" key={d}>
                      <input
                        className="form-check-input"
                        type="radio"
                        name="destination"
                        id={`${formId}-${d}`}
                        checked={choice.destination === d}
                        disabled={d === 'next' && planned.length === 0}
                        onChange={() => {
                          // A choice for all: the item-by-item changes start again from it.
                          setChoice((c) => ({ ...c, destination: d }));
                          setOverrides({});
                        }}
                      />
                      <label className="form-check-label" htmlFor={`${formId}-${d}`}>
                        {t(`close.${d}`)}
                        {d === 'next' && planned.length === 0 ? ` (${t('close.noNext')})` : null}
                      </label>
                    </div>
                  ))}
                </fieldset>
                {plan.needsNext ? (
                  <div className="mt-3">
                    <label htmlFor={`${formId}-next-sprint`} className="form-label">
                      {t('close.nextSelect')}
                    </label>
                    <select
                      id={`${formId}-next-sprint`}
                      className="form-select"
                      value={choice.nextSprintId}
                      onChange={(e) => setChoice((c) => ({ ...c, nextSprintId: e.target.value }))}
                    >
                      {planned.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                {plan.needsNew ? (
                  <div className="mt-3">
                    <label htmlFor={`${formId}-new-name`} className="form-label">
                      {t('close.newName')}
                    </label>
                    <input
                      id={`${formId}-new-name`}
                      type="text"
                      className="form-control"
                      required
                      maxLength={100}
                      value={choice.newName}
                      onChange={(e) => setChoice((c) => ({ ...c, newName: e.target.value }))}
                    />
                  </div>
                ) : null}
                <h3 className="h6 mt-3">{t('close.unfinishedHeading')}</h3>
                <ul className="list-unstyled ritmo-dialog-list" data-testid="close-unfinished">
                  {preview.unfinished.map((item) => (
                    <li key={item.id} className="ritmo-close-item">
                      <span>
                        <strong>{item.title}</strong> ({t(`backlog:status.${item.status}`)},{' '}
                        {item.estimate === null
                          ? t('row.noEstimate')
                          : t('row.points', { count: item.estimate })}
                        )
                      </span>
                      <select
                        className="form-select form-select-sm"
                        aria-label={t('close.itemDestination', { title: item.title })}
                        value={destinationOf(choice, overrides, item.id)}
                        onChange={(e) =>
                          setOverrides((o) => ({ ...o, [item.id]: e.target.value as Destination }))
                        }
                      >
                        {offered.map((d) => (
                          <option key={d} value={d}>
                            {t(`close.${d}`)}
                          </option>
                        ))}
                      </select>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </form>
        ) : null}
        {step === 'review' ? (
          <section aria-labelledby={`${formId}-review`} data-testid="close-review">
            <h3 id={`${formId}-review`} className="h6">
              {t('close.reviewHeading')}
            </h3>
            <ul>
              <li>
                {t('close.reviewCompleted', {
                  items: t('lists.count', { count: items.length - preview.unfinished.length }),
                  points: t('row.points', { count: preview.done.points }),
                })}
              </li>
              {plan.groups.map((g) => (
                <li key={g.to}>
                  {t('close.reviewCarried', {
                    items: t('lists.count', { count: g.items.length }),
                    points: t('row.points', { count: commitment(g.items).points }),
                    where: where(g.to),
                  })}{' '}
                  {g.items.map((i) => i.title).join('; ')}
                </li>
              ))}
            </ul>
            <p className="mb-0">{t('close.reviewFrozen')}</p>
          </section>
        ) : null}
        {step === 'report' ? (
          report.data ? (
            <>
              <ProblemAlert error={closing.error} />
              <SprintReportTable report={report.data} name={sprint.name} />
            </>
          ) : report.error ? (
            <ProblemAlert error={report.error} />
          ) : (
            <Loading />
          )
        ) : null}
      </div>
    </Dialog>
  );
}
