import { CATEGORIES, type Category } from '../../api/board';
import { useTeamT } from '../../i18n/vocabulary';

/** A column as its form holds it: the WIP limit as typed, '' for none. */
export interface ColumnDraft {
  name: string;
  category: Category;
  wipLimit: string;
}

/** Name, category and WIP limit: the same fields for adding a column and editing one. */
export function ColumnFields({
  id,
  draft,
  onChange,
}: {
  id: string;
  draft: ColumnDraft;
  onChange: (draft: ColumnDraft) => void;
}) {
  const { t } = useTeamT('workflow');
  return (
    <>
      <div className="col-12 col-md-4">
        <label htmlFor={`${id}-name`} className="form-label">
          {t('field.name')}
        </label>
        <input
          id={`${id}-name`}
          className="form-control"
          value={draft.name}
          maxLength={50}
          required
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
        />
      </div>
      <div className="col-6 col-md-2">
        <label htmlFor={`${id}-category`} className="form-label">
          {t('field.category')}
        </label>
        <select
          id={`${id}-category`}
          className="form-select"
          value={draft.category}
          onChange={(e) => onChange({ ...draft, category: e.target.value as Category })}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-2">
        <label htmlFor={`${id}-wip`} className="form-label">
          {t('field.wipLimit')}
        </label>
        <input
          id={`${id}-wip`}
          className="form-control"
          type="number"
          min={1}
          max={1000}
          inputMode="numeric"
          value={draft.wipLimit}
          aria-describedby={`${id}-wip-hint`}
          onChange={(e) => onChange({ ...draft, wipLimit: e.target.value })}
        />
        <span id={`${id}-wip-hint`} className="visually-hidden">
          {t('field.wipHint')}
        </span>
      </div>
    </>
  );
}
