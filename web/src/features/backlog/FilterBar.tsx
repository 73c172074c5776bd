import { useEffect, useId, useState } from 'react';
import { ITEM_TYPES, type Label, type TeamMember } from '../../api/backlog';
import { FilterSelect } from '../../ui/FilterSelect';
import { useTeamT } from '../../i18n/vocabulary';
import { isFiltered, type Filters } from './filters';

/** Filters in the URL: type, label, assignee, ready, and a search in the team's language. */
export function FilterBar({
  filters,
  onChange,
  labels,
  members,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  labels: Label[];
  members: TeamMember[];
}) {
  const { t } = useTeamT('backlog');
  const id = useId();
  const [q, setQ] = useState(filters.q ?? '');
  // A URL changed elsewhere (back, cleared filters) refills the box.
  const [seen, setSeen] = useState(filters.q);
  if (seen !== filters.q) {
    setSeen(filters.q);
    setQ(filters.q ?? '');
  }
  // The URL follows the search box after a pause in typing.
  useEffect(() => {
    if ((filters.q ?? '') === q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: q || undefined }), 300);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);
  const set = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof Filters)[])
      if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  return (
    <form
      className="ritmo-filters row g-2 align-items-end mb-3"
      role="search"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="col-12 col-lg-4">
        <label htmlFor={`${id}-q`} className="form-label">
          {t('filters.q')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className="form-control"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <FilterSelect
        id={`${id}-type`}
        className="col-6 col-lg-2"
        label={t('filters.type')}
        value={filters.type}
        anyLabel={t('filters.any')}
        options={ITEM_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
        onChange={(type) => set({ type: type as Filters['type'] })}
      />
      <FilterSelect
        id={`${id}-label`}
        className="col-6 col-lg-2"
        label={t('filters.label')}
        value={filters.label}
        anyLabel={t('filters.any')}
        options={labels.map((l) => ({ value: l.id, label: l.name }))}
        onChange={(label) => set({ label })}
      />
      <FilterSelect
        id={`${id}-assignee`}
        className="col-6 col-lg-2"
        label={t('filters.assignee')}
        value={filters.assignee}
        anyLabel={t('filters.any')}
        options={[
          { value: 'none', label: t('unassigned') },
          ...members.map((m) => ({ value: m.userId, label: m.displayName })),
        ]}
        onChange={(assignee) => set({ assignee })}
      />
      <div className="col-6 col-lg-1">
        <label htmlFor={`${id}-ready`} className="form-label">
          {t('filters.ready')}
        </label>
        <select
          id={`${id}-ready`}
          className="form-select"
          value={filters.ready === undefined ? '' : String(filters.ready)}
          onChange={(e) =>
            set({ ready: e.target.value === '' ? undefined : e.target.value === 'true' })
          }
        >
          <option value="">{t('filters.any')}</option>
          <option value="true">{t('filters.yes')}</option>
          <option value="false">{t('filters.no')}</option>
        </select>
      </div>
      <div className="col-12 col-lg-1">
        {isFiltered(filters) ? (
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            onClick={() => onChange({})}
          >
            {t('filters.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
