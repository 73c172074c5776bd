import { useId } from 'react';
import { ITEM_TYPES, type Label } from '../../api/backlog';
import { FilterSelect } from '../../ui/FilterSelect';
import { useTeamT } from '../../i18n/vocabulary';
import { isFiltered, type BoardFilters } from './view';

/** Quick filters (mine, type, label) and swimlanes, in the URL. */
export function BoardFilterBar({
  filters,
  onChange,
  labels,
}: {
  filters: BoardFilters;
  onChange: (next: BoardFilters) => void;
  labels: Label[];
}) {
  const { t } = useTeamT(['board', 'backlog']);
  const id = useId();
  const set = (patch: Partial<BoardFilters>) => {
    const next: BoardFilters = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof BoardFilters)[])
      if (next[key] === undefined || next[key] === false) delete next[key];
    onChange(next);
  };
  return (
    <form
      className="row g-2 align-items-end mb-3"
      role="search"
      aria-label={t('filters.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="col-12 col-md-auto">
        <div className="form-check mb-2">
          <input
            id={`${id}-mine`}
            type="checkbox"
            checked={filters.mine === true}
            onChange={(e) => set({ mine: e.target.checked || undefined })}
          />
          <label htmlFor={`${id}-mine`}>{t('filters.mine')}</label>
        </div>
      </div>
      <FilterSelect
        id={`${id}-type`}
        className="col-6 col-md-2"
        label={t('filters.type')}
        value={filters.type}
        anyLabel={t('filters.any')}
        options={ITEM_TYPES.map((type) => ({ value: type, label: t(`backlog:type.${type}`) }))}
        onChange={(type) => set({ type })}
      />
      <FilterSelect
        id={`${id}-label`}
        className="col-6 col-md-2"
        label={t('filters.labelFilter')}
        value={filters.label}
        anyLabel={t('filters.any')}
        options={labels.map((l) => ({ value: l.id, label: l.name }))}
        onChange={(label) => set({ label })}
      />
      <div className="col-6 col-md-2">
        <label htmlFor={`${id}-lanes`} className="form-label">
          {t('filters.lanes')}
        </label>
        <select
          id={`${id}-lanes`}
          className="form-select"
          value={filters.lanes ?? ''}
          onChange={(e) => {
            const value = e.target.value;
            set({ lanes: value === 'assignee' || value === 'epic' ? value : undefined });
          }}
        >
          <option value="">{t('filters.noLanes')}</option>
          <option value="assignee">{t('filters.byAssignee')}</option>
          <option value="epic">{t('filters.byEpic')}</option>
        </select>
      </div>
      {isFiltered(filters) ? (
        <div className="col-auto">
          <button
            type="button"
            className="btn btn-outline-primary btn-sm mb-1"
            onClick={() => onChange(filters.lanes ? { lanes: filters.lanes } : {})}
          >
            {t('filters.clear')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
