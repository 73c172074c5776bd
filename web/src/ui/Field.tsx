import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { ApiProblem } from '../api/problem';

/** The server's message for one field of a refused form, if any. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`))
    ?.message;
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
}

/** A labelled input (Bootstrap Italia form-group) with its hint and error tied by aria-describedby. */
export function TextField({
  label,
  hint,
  error,
  id,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    // Bootstrap Italia floats the label above the field: the top margin keeps it off the text before.
    <div className="form-group mt-5">
      <label htmlFor={inputId} className="active">
        {label}
      </label>
      <input
        id={inputId}
        className={`form-control ${error ? 'is-invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        // Bootstrap Italia styles inputs by their type: one without it has no underline.
        type="text"
        {...input}
      />
      {hint ? (
        <small id={hintId} className="form-text">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={errorId} className="invalid-feedback d-block">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function SelectField({
  label,
  hint,
  error,
  id,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const selectId = id ?? auto;
  const hintId = `${selectId}-hint`;
  return (
    <div className="select-wrapper mb-4">
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        aria-describedby={hint ? hintId : undefined}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {children}
      </select>
      {hint ? (
        <small id={hintId} className="form-text">
          {hint}
        </small>
      ) : null}
      {error ? <div className="invalid-feedback d-block">{error}</div> : null}
    </div>
  );
}
