import { ValidateBy } from 'class-validator';

/**
 * PostgreSQL text cannot hold U+0000: a NUL in a free-text field would fail in the database
 * (a 500), so the DTO refuses it as a 400 naming the field.
 */
export const NoNul = () =>
  ValidateBy({
    name: 'noNul',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !value.includes('\u0000'),
      defaultMessage: () => '$property must not contain the character U+0000',
    },
  });
