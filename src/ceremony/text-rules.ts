import { Matches } from 'class-validator';

/**
 * PostgreSQL text cannot hold U+0000: a NUL in a free-text field would fail in the database
 * (a 500), so the DTO refuses it as a 400 naming the field.
 */
export const NoNul = () =>
  Matches(/^[^\u0000]*$/, { message: '$property must not contain the character U+0000' });
