import { Worker } from 'node:worker_threads';
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
export async function parseRecurrence(value: string, field = 'recurrence'): Promise<string> {
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
  // A ceremony recurs at most daily; finer rules are millions of candidates a year to walk.
  if (!COARSE.includes(options.freq)) throw refuse('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  const normalized = RRule.optionsToString(options).replace(/^RRULE:/, '');
  const found = await firstOccurrences(normalized);
  if (found === 'error') throw refuse('unreadable');
  if (found === 'timeout' || found === 0)
    throw refuse(`it does not occur in the ${WINDOW_YEARS} years after its start`);
  return normalized;
}

const COARSE: (number | undefined | null)[] = [
  RRule.DAILY,
  RRule.WEEKLY,
  RRule.MONTHLY,
  RRule.YEARLY,
];
/** Leap days recur every 4 years (8 across a century's skipped one): enough for any real rule. */
const WINDOW_YEARS = 8;

/** How long the expansion may take before the rule counts as one that never occurs. */
const EXPANSION_MS = 500;

// rrule walks candidate dates until it has its matches, and neither UNTIL nor a window stops
// it early: a rule that never matches (BYMONTH=2;BYMONTHDAY=30) walks to the year 9999 — 8 s
// on the event loop. So the expansion runs in a worker, stopped after EXPANSION_MS.
const EXPAND = `
const { parentPort, workerData } = require('node:worker_threads');
const { RRule } = require(workerData.rrule);
try {
  const start = new Date(workerData.start);
  const rule = new RRule({ ...RRule.parseString(workerData.rule), dtstart: start });
  const found = rule.between(start, new Date(workerData.end), true, (_, i) => i < 3);
  parentPort.postMessage(found.length);
} catch {
  parentPort.postMessage('error');
}`;

/** Occurrences in the window after a start (at most 3), 'timeout' or 'error'. */
function firstOccurrences(rule: string): Promise<number | 'timeout' | 'error'> {
  return new Promise((resolve) => {
    const worker = new Worker(EXPAND, {
      eval: true,
      workerData: {
        rrule: require.resolve('rrule'),
        rule,
        start: Date.UTC(2026, 0, 1),
        end: Date.UTC(2026 + WINDOW_YEARS, 0, 1),
      },
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    const timer = setTimeout(() => {
      resolve('timeout');
      void worker.terminate();
    }, EXPANSION_MS);
    worker.once('message', (value: number | 'error') => {
      clearTimeout(timer);
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', () => {
      clearTimeout(timer);
      resolve('error');
    });
  });
}
