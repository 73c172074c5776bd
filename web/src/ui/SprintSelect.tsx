/** A labelled choice of sprint, each named with its state ("Ciclo 3 — in corso"). */
export function SprintSelect<S extends { id: string; name: string; state: string }>({
  id,
  label,
  sprints,
  value,
  stateLabel,
  onChange,
}: {
  id: string;
  label: string;
  sprints: readonly S[];
  value: string;
  stateLabel: (state: S['state']) => string;
  onChange: (sprintId: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <select
        id={id}
        className="form-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {sprints.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} — {stateLabel(s.state)}
          </option>
        ))}
      </select>
    </div>
  );
}
