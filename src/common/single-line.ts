import { ValidateBy } from 'class-validator';

/** Line breaks (CR, LF, NEL, U+2028/U+2029), tabs and every other control character. */
// eslint-disable-next-line no-control-regex -- these are the characters refused
const BREAKS_OR_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A name or a title: one line. A team name holding CR/LF wrote extra lines into the iCalendar
 * feed (`X-WR-CALNAME`); a line break in a title also breaks every list, email subject and CSV
 * that shows it. Multi-line texts (descriptions, comments) are checked by the global text rule
 * in validation.ts only.
 */
export const SingleLine = () =>
  ValidateBy({
    name: 'singleLine',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !BREAKS_OR_CONTROLS.test(value),
      defaultMessage: () => '$property must be one line, without line breaks or tabs',
    },
  });
