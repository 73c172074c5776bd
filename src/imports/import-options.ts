import {
  FieldError,
  ValidationFailedError,
  withTranslationKey,
} from '../common/errors/domain-error';
import { COLUMN_FIELDS, ColumnField, Mapping } from './spreadsheet/columns';
import { EncodingChoice, ENCODINGS } from './spreadsheet/decode';

const FIELDS = ['dryRun', 'encoding', 'mapping'];

export interface UploadOptions {
  dryRun: boolean;
  encoding: EncodingChoice;
  mapping: Mapping;
  /** Every override names a column of the file, and some column is the title. */
  checkMapping(header: string[], mapping: Mapping): void;
}

/** The form fields sent before the file, validated as a DTO would be: every fault at once. */
export function uploadOptions(fields: Record<string, string>): UploadOptions {
  const errors: FieldError[] = [];
  for (const name of Object.keys(fields))
    if (!FIELDS.includes(name)) errors.push({ field: name, message: 'is not a known field' });
  const dryRun = fields.dryRun ?? 'false';
  if (dryRun !== 'true' && dryRun !== 'false')
    errors.push(
      withTranslationKey({ field: 'dryRun', message: 'must be true or false' }, 'isBoolean'),
    );
  const encoding = (fields.encoding ?? 'auto').toLowerCase();
  if (!(ENCODINGS as readonly string[]).includes(encoding))
    errors.push(
      withTranslationKey(
        { field: 'encoding', message: `must be one of: ${ENCODINGS.join(', ')}` },
        'isIn',
        { 0: ENCODINGS.join(', ') },
      ),
    );
  let mapping: Mapping = {};
  if (fields.mapping !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fields.mapping);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      errors.push({ field: 'mapping', message: 'must be a JSON object of column to field' });
    } else {
      for (const [column, field] of Object.entries(parsed)) {
        if (!(COLUMN_FIELDS as readonly unknown[]).includes(field))
          errors.push(
            withTranslationKey(
              {
                field: `mapping.${column}`,
                message: `must be one of: ${COLUMN_FIELDS.join(', ')}`,
              },
              'isIn',
              { 0: COLUMN_FIELDS.join(', ') },
            ),
          );
      }
      mapping = parsed as Mapping;
    }
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return {
    dryRun: dryRun === 'true',
    encoding: encoding as EncodingChoice,
    mapping,
    checkMapping(header, result) {
      const problems: FieldError[] = [];
      for (const column of Object.keys(mapping))
        if (!header.includes(column))
          problems.push({ field: `mapping.${column}`, message: 'is not a column of the file' });
      const used: ColumnField[] = Object.values(result).filter((field) => field !== 'ignore');
      if (!used.includes('title'))
        problems.push({ field: 'mapping', message: 'maps no column to title' });
      const twice = used.filter((field, index) => used.indexOf(field) !== index);
      for (const field of new Set(twice))
        problems.push(
          withTranslationKey(
            { field: 'mapping', message: `maps two columns to ${field}` },
            'mappingTwice',
            { field },
          ),
        );
      if (problems.length > 0) throw new ValidationFailedError(problems);
    },
  };
}
