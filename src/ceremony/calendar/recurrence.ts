import { RRule, type Options } from 'rrule';
import { ValidationFailedError, withTranslationKey } from '../../common/errors/domain-error';

const NUMERIC: (keyof Options)[] = [
  'count',
  'interval',
  'bysetpos',
  'bymonth',
  'bymonthday',
  'byyearday',
  'byweekno',
  'byhour',
  'byminute',
  'bysecond',
];

/**
 * An RFC 5545 RRULE as the API takes it (`FREQ=WEEKLY;BYDAY=MO,WE`, with or without the
 * `RRULE:` prefix) → its normalized text without the prefix. The first occurrence is the
 * ceremony's start, so DTSTART and TZID are refused here. rrule's parser lets some nonsense
 * through (COUNT=abc becomes NaN), hence the checks after it.
 */
export function parseRecurrence(value: string, field = 'recurrence'): string {
  const refuse = (why: string) =>
    new ValidationFailedError([
      withTranslationKey(
        { field, message: `is not an RFC 5545 recurrence rule (${why}): ${value.slice(0, 100)}` },
        'recurrenceRule',
        { value: value.slice(0, 100) },
      ),
    ]);
  const text = value.trim().replace(/^RRULE:/i, '');
  if (text === '' || /[\r\n]/.test(text) || /(^|;)(DTSTART|TZID)=/i.test(text))
    throw refuse('one RRULE line, without DTSTART');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch (error) {
    throw refuse(error instanceof Error ? error.message : 'unreadable');
  }
  if (options.freq === undefined || options.freq === null) throw refuse('FREQ is missing');
  for (const key of NUMERIC) {
    const raw = options[key] as unknown;
    const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    if (values.some((v) => typeof v !== 'number' || !Number.isInteger(v)))
      throw refuse(`${key.toUpperCase()} must be an integer`);
  }
  const weekdays = options.byweekday as unknown;
  if (Array.isArray(weekdays) && weekdays.some((d) => d === undefined || d === null))
    throw refuse('BYDAY names a day that does not exist');
  if (options.count !== undefined && options.count !== null && options.count < 1)
    throw refuse('COUNT must be positive');
  if (options.interval !== undefined && options.interval !== null && options.interval < 1)
    throw refuse('INTERVAL must be positive');
  if (options.until && Number.isNaN(options.until.getTime())) throw refuse('UNTIL is not a date');
  try {
    // Expanding a few occurrences catches what parsing alone lets through.
    new RRule({ ...options, dtstart: new Date(Date.UTC(2026, 0, 1)) }).all((_, i) => i < 3);
    return RRule.optionsToString(options).replace(/^RRULE:/, '');
  } catch (error) {
    throw refuse(error instanceof Error ? error.message : 'unreadable');
  }
}
