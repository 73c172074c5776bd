/** One filter of a filter bar: a labelled select whose first choice ("any") clears it. */
export function FilterSelect({
  id,
  label,
  className,
  value,
  anyLabel,
  options,
  onChange,
}: {
  id: string;
  label: string;
  /** The grid column it takes. */
  className: string;
  value: string | undefined;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <select
        id={id}
        className="form-select"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
