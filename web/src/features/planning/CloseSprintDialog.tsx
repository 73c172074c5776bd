import { useId, useMemo, useState } from 'react';
import type { BacklogItem } from '../../api/backlog';
import { useSprintReport, type Sprint } from '../../api/sprints';
import { useSprintActions, type SprintFeedback } from '../../api/sprints-mutations';
import { useTeamT, useTerms } from '../../i18n/vocabulary';
import { Dialog } from '../../ui/Dialog';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import {
  carryOverOf,
  closePreview,
  nextSprintName,
  nextSprints,
  type CloseChoice,
  type Destination,
} from './closing';
import { SprintReportTable } from './SprintReportTable';

type Step = 'choose' | 'review' | 'report';

/**
 * Closing a sprint at any time: the unfinished items and where they go, the result to review,
 * then the report the server froze. A new sprint is created just before the completion.
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  // The preview is taken when the dialog opens: the report, after, is the server's.
  const [preview] = useState(() => closePreview(items));
  const planned = nextSprints(sprints, sprint.id);
  const [choice, setChoice] = useState<CloseChoice>(() => ({
    destination: planned.length > 0 ? 'next' : 'new',
    nextSprintId: planned[0]?.id ?? '',
    newName: nextSprintName(sprints, terms.sprint),
  }));
  // Refusals show inside the dialog, where the person is looking.
  const feedback = useMemo<SprintFeedback>(
    () => ({ onProblem: setError, onConflict: () => setError(undefined) }),
    [],
  );
  const actions = useSprintActions(teamId, feedback);
  const report = useSprintReport(teamId, step === 'report' ? sprint.id : undefined);

  const where = (c: CloseChoice) =>
    c.destination === 'top'
      ? t('close.whereTop')
      : c.destination === 'bottom'
        ? t('close.whereBottom')
        : c.destination === 'next'
          ? t('close.whereSprint', {
              name: planned.find((s) => s.id === c.nextSprintId)?.name ?? '',
            })
          : t('close.whereNew', { name: c.newName.trim() });
  const valid =
    preview.unfinished.length === 0 ||
    ((choice.destination === 'next' ? Boolean(choice.nextSprintId) : true) &&
      (choice.destination === 'new' ? choice.newName.trim() !== '' : true));

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    let next: Sprint | undefined;
    const carry = preview.unfinished.length === 0 ? 'bottom' : carryOverOf(choice);
    if (carry === 'sprint' && choice.destination === 'new') {
      next = await actions.create({ name: choice.newName.trim() });
      if (!next) {
        setBusy(false);
        return;
      }
    } else if (carry === 'sprint') next = planned.find((s) => s.id === choice.nextSprintId);
    const done = await actions.complete(
      sprint.id,
      carry,
      carry === 'sprint' ? next?.id : undefined,
    );
    setBusy(false);
    if (!done) return;
    setStep('report');
    onClosed(carry === 'sprint' ? next : undefined);
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
          disabled={busy}
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
        <ProblemAlert error={error} />
        {step === 'choose' ? (
          <form
            id={formId}
            onSubmit={(e) => {
              e.preventDefault();
              if (valid) setStep('review');
            }}
          >
            <h3 className="h6">{t('close.unfinishedHeading')}</h3>
            {preview.unfinished.length === 0 ? (
              <p>{t('close.allDone')}</p>
            ) : (
              <>
                <ul className="small ritmo-dialog-list" data-testid="close-unfinished">
                  {preview.unfinished.map((item) => (
                    <li key={item.id}>
                      <strong>{item.title}</strong> ({t(`backlog:status.${item.status}`)},{' '}
                      {item.estimate === null
                        ? t('row.noEstimate')
                        : t('row.points', { count: item.estimate })}
                      ){' — '}
                      {t('close.goesTo', { where: where(choice) })}
                    </li>
                  ))}
                </ul>
                <fieldset>
                  <legend className="h6">{t('close.destination')}</legend>
                  {(['top', 'bottom', 'next', 'new'] as Destination[]).map((d) => (
                    <div className="form-check" key={d}>
                      <input
                        className="form-check-input"
                        type="radio"
                        name="destination"
                        id={`${formId}-${d}`}
                        checked={choice.destination === d}
                        disabled={d === 'next' && planned.length === 0}
                        onChange={() => setChoice((c) => ({ ...c, destination: d }))}
                      />
                      <label className="form-check-label" htmlFor={`${formId}-${d}`}>
                        {t(`close.${d}`)}
                        {d === 'next' && planned.length === 0 ? ` (${t('close.noNext')})` : null}
                      </label>
                    </div>
                  ))}
                </fieldset>
                {choice.destination === 'next' && planned.length > 0 ? (
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
                {choice.destination === 'new' ? (
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
              {preview.unfinished.length > 0 ? (
                <li>
                  {t('close.reviewCarried', {
                    items: t('lists.count', { count: preview.unfinished.length }),
                    points: t('row.points', { count: preview.carried.points }),
                    where: where(choice),
                  })}
                </li>
              ) : null}
            </ul>
            <p className="mb-0">{t('close.reviewFrozen')}</p>
          </section>
        ) : null}
        {step === 'report' ? (
          report.data ? (
            <SprintReportTable report={report.data} name={sprint.name} />
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
