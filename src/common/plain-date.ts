import { ValidateBy } from 'class-validator';

const PLAIN = /^(2\d{3})-(\d{2})-(\d{2})$/;

/**
 * A calendar date as YYYY-MM-DD, years 2000–2999. ISO 8601 also allows week dates
 * (`2026-W10-1`), ordinal dates and date-times, which PostgreSQL's `date` and the report
 * calendar (string-compared, day-stepped dates) do not take; early years step wrongly through
 * `Date.UTC` (years below 100 map to 19xx).
 */
export function IsPlainDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isPlainDate',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const m = PLAIN.exec(value);
        if (!m) return false;
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const at = new Date(Date.UTC(y, mo - 1, d));
        return at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
      },
      defaultMessage: () => 'must be a date YYYY-MM-DD (years 2000–2999)',
    },
  });
}
