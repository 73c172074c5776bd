import type { BacklogItem } from '../api/backlog';

/**
 * The body of a "Sposta in…" dialog: where to (radios), and the item to go before or after
 * when that is the choice (a native select, searchable by typing). Each dialog brings its own
 * choices and words.
 */
export function MoveChoices<Where extends string>({
  formId,
  legend,
  choices,
  where,
  onWhere,
  labelOf,
  anchor,
}: {
  formId: string;
  legend: string;
  choices: readonly Where[];
  where: Where;
  onWhere: (where: Where) => void;
  labelOf: (where: Where) => string;
  /** Shown when the choice needs an item to place against. */
  anchor?: {
    label: string;
    items: readonly BacklogItem[];
    value: string;
    onChange: (id: string) => void;
  };
}) {
  return (
    <>
      <fieldset>
        <legend className="h6">{legend}</legend>
        {choices.map((choice) => (
          <div className="form-check" key={choice}>
            <input
              className="form-check-input"
              type="radio"
              name="where"
              id={`${formId}-${choice}`}
              value={choice}
              checked={where === choice}
              onChange={() => onWhere(choice)}
            />
            <label className="form-check-label" htmlFor={`${formId}-${choice}`}>
              {labelOf(choice)}
            </label>
          </div>
        ))}
      </fieldset>
      {anchor ? (
        <div className="mt-3">
          <label htmlFor={`${formId}-anchor`} className="form-label">
            {anchor.label}
          </label>
          <select
            id={`${formId}-anchor`}
            className="form-select"
            value={anchor.value}
            onChange={(e) => anchor.onChange(e.target.value)}
          >
            {anchor.items.map((item, i) => (
              <option key={item.id} value={item.id}>
                {i + 1}. {item.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </>
  );
}
