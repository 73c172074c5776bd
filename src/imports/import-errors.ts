import { DomainError } from '../common/errors/domain-error';

/** The file is not something this importer reads (a PDF, a spreadsheet saved as XLSX…). */
export class ImportFormatError extends DomainError {
  constructor(message: string, params: Record<string, unknown> = {}) {
    super('import-unsupported-format', 'unsupported_media_type', message, {}, params);
  }
}

/** A line of the CSV that cannot be read (an unclosed quote, a row with extra cells…). */
export class MalformedCsvError extends DomainError {
  constructor(line: number, reason: string) {
    super('import-malformed-csv', 'bad_request', `Line ${line} of the file: ${reason}`, { line });
  }
}

/** Bytes that are not text in the encoding named or detected. */
export class EncodingError extends DomainError {
  constructor(encoding: string) {
    super(
      'import-bad-encoding',
      'bad_request',
      `The file is not valid ${encoding} text: send encoding=windows-1252 (Excel in Italy) or save it as UTF-8`,
      { encoding },
    );
  }
}

export class FileTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super(
      'import-file-too-large',
      'payload_too_large',
      `The file is larger than the ${maxBytes / 1024 / 1024} MB an import accepts`,
      { maxBytes },
      { maxMb: maxBytes / 1024 / 1024 },
    );
  }
}

export class NoFileError extends DomainError {
  constructor() {
    super(
      'import-no-file',
      'bad_request',
      'Send the file as the multipart part named "file", after the other fields',
    );
  }
}

export class NotMultipartError extends DomainError {
  constructor() {
    super(
      'import-not-multipart',
      'unsupported_media_type',
      'Send the file as multipart/form-data (a form with the field "file")',
    );
  }
}

/** More parts than one file and the three fields (@fastify/multipart's limits). */
export class TooManyPartsError extends DomainError {
  constructor() {
    super(
      'import-too-many-parts',
      'payload_too_large',
      'Send one file and at most the fields dryRun, encoding and mapping (each under 64 KB)',
    );
  }
}

const PART_LIMITS = ['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT'];

/** @fastify/multipart's limit errors as the import's own problems. */
export function uploadLimitError(error: unknown, maxFileBytes: number): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new FileTooLargeError(maxFileBytes);
  if (code !== undefined && PART_LIMITS.includes(code)) return new TooManyPartsError();
  return error;
}
