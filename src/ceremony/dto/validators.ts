import { IANAZone } from 'luxon';
import { ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

@ValidatorConstraint({ name: 'timezone' })
export class IsTimezone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as Europe/Rome';
  }
}

export const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
