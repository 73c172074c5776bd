import { useId, useState } from 'react';
import type { Sprint } from '../../api/sprints';
import type { SprintPatch } from '../../api/sprints-mutations';
import { formatDate } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { ConflictDialog } from '../../ui/ConflictDialog';

interface Draft {
  name: string;
  goal: string;
  startDate: string;
  endDate: string;
}

const draftOf = (s: Sprint): Draft => ({
  name: s.name,
  goal: s.goal,
  startDate: s.startDate ?? '',
  endDate: s.endDate ?? '',
});

/** Only the fields the person changed, in the server's shape (empty dates are null). */
export function patchOf(base: Draft, draft: Draft): SprintPatch {
  const patch: SprintPatch = {};
  if (draft.name.trim() !== base.name) patch.name = draft.name.trim();
  if (draft.goal !== base.goal) patch.goal = draft.goal;
  if (draft.startDate !== base.startDate) patch.startDate = draft.startDate || null;
  if (draft.endDate !== base.endDate) patch.endDate = draft.endDate || null;
  return patch;
}

/**
 * Name, goal and dates. Edits start from a version: someone else's save in between is a 412,
 * shown beside the person's own values (take theirs, or apply mine on the current version).
 */
export function SprintDetails({
  sprint,
  canEdit,
  onSave,
  conflict,
  onConflictDone,
}: {
  sprint: Sprint;
  canEdit: boolean;
  onSave: (patch: SprintPatch, version: number) => Promise<boolean>;
  conflict: { current: Sprint; patch: SprintPatch } | undefined;
  onConflictDone: () => void;
}) {
  const { t, i18n } = useTeamT('planning');
  const formId = useId();
  const [base, setBase] = useState(() => ({ version: sprint.version, draft: draftOf(sprint) }));
  const [draft, setDraft] = useState(() => draftOf(sprint));
  const patch = patchOf(base.draft, draft);
  const dirty = Object.keys(patch).length > 0;
  // Someone else's change shows at once unless the person is editing (state adjusted while
  // rendering, as React advises for values derived from props).
  const [seen, setSeen] = useState(sprint.version);
  if (seen !== sprint.version) {
    setSeen(sprint.version);
    if (!dirty) {
      setBase({ version: sprint.version, draft: draftOf(sprint) });
      setDraft(draftOf(sprint));
    }
  }

  if (!canEdit)
    return (
      <section aria-labelledby={`${formId}-h`} className="mb-4">
        <h2 id={`${formId}-h`} className="h5">
          {t('details.heading')}
        </h2>
        <p className="mb-1">{sprint.goal || t('details.noGoal')}</p>
        <p className="mb-0">
          {sprint.startDate && sprint.endDate
            ? t('details.dates', {
                start: formatDate(`${sprint.startDate}T12:00:00Z`, i18n.language, 'UTC'),
                end: formatDate(`${sprint.endDate}T12:00:00Z`, i18n.language, 'UTC'),
              })
            : t('details.noDates')}
        </p>
      </section>
    );

  const field = (key: keyof Draft) => ({
    id: `${formId}-${key}`,
    value: draft[key],
    onChange: (e: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: e.target.value })),
  });
  const rows = conflict
    ? (
        [
          ['name', t('details.conflictName'), conflict.current.name],
          ['goal', t('details.conflictGoal'), conflict.current.goal],
          ['startDate', t('details.conflictStart'), conflict.current.startDate ?? ''],
          ['endDate', t('details.conflictEnd'), conflict.current.endDate ?? ''],
        ] as const
      )
        .filter(([key]) => key in conflict.patch)
        .map(([key, label, theirs]) => ({
          label,
          theirs,
          mine: String(conflict.patch[key] ?? ''),
        }))
    : [];

  return (
    <section aria-labelledby={`${formId}-h`} className="mb-4" data-testid="sprint-details">
      <h2 id={`${formId}-h`} className="h5">
        {t('details.heading')}
      </h2>
      <form
        className="ritmo-sprint-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!dirty) return;
          void onSave(patch, base.version).then((ok) => {
            if (ok) setBase({ version: base.version + 1, draft });
          });
        }}
      >
        <div>
          <label htmlFor={`${formId}-name`} className="form-label">
            {t('details.name')}
          </label>
          <input className="form-control" required maxLength={100} type="text" {...field('name')} />
        </div>
        <div>
          <label htmlFor={`${formId}-startDate`} className="form-label">
            {t('details.startDate')}
          </label>
          <input className="form-control" type="date" {...field('startDate')} />
        </div>
        <div>
          <label htmlFor={`${formId}-endDate`} className="form-label">
            {t('details.endDate')}
          </label>
          <input className="form-control" type="date" {...field('endDate')} />
        </div>
        <div className="ritmo-sprint-goal">
          <label htmlFor={`${formId}-goal`} className="form-label">
            {t('details.goal')}
          </label>
          <textarea className="form-control" rows={2} maxLength={2000} {...field('goal')} />
        </div>
        <div>
          <button type="submit" className="btn btn-primary btn-sm" disabled={!dirty}>
            {t('details.save')}
          </button>
        </div>
      </form>
      <ConflictDialog
        open={Boolean(conflict)}
        rows={rows}
        onClose={onConflictDone}
        onTakeTheirs={() => {
          onConflictDone();
          if (conflict) {
            setBase({ version: conflict.current.version, draft: draftOf(conflict.current) });
            setDraft(draftOf(conflict.current));
          }
        }}
        onApplyMine={() => {
          onConflictDone();
          if (conflict)
            void onSave(conflict.patch, conflict.current.version).then((ok) => {
              if (ok) {
                const next = { ...draftOf(conflict.current), ...draft };
                setBase({ version: conflict.current.version + 1, draft: next });
              }
            });
        }}
      />
    </section>
  );
}
