/**
 * Errors thrown by services. They say what went wrong in domain terms; the HTTP status and
 * the problem+json body are decided once, at the edge (ProblemDetailsFilter), and the socket
 * gateway maps the same errors to its error acknowledgements.
 */
export type ProblemKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'precondition_required'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * How to say a field error in another language: the constraint that failed and its arguments
 * (`validation.constraint.<key>` in src/i18n). Kept beside the error, never in the body.
 */
const fieldErrorKeys = new WeakMap<FieldError, { key: string; args: Record<string, unknown> }>();

export function withTranslationKey(
  error: FieldError,
  key: string,
  args: Record<string, unknown> = {},
): FieldError {
  fieldErrorKeys.set(error, { key, args });
  return error;
}

/** An argument of a translated text that is itself written per language (e.g. zxcvbn's hints). */
export class PerLanguage {
  constructor(readonly texts: Readonly<Record<string, string>>) {}
}

export function translationKeyOf(error: FieldError) {
  return fieldErrorKeys.get(error);
}

export class DomainError extends Error {
  constructor(
    /** Stable, kebab-case; becomes the problem `type` (urn:ritmo:problem:<code>). */
    readonly code: string,
    readonly kind: ProblemKind,
    message: string,
    /** Extra members of the problem body (e.g. `current` for a 412). */
    readonly extensions: Record<string, unknown> = {},
    /** Values the translated detail may name but the body does not carry (src/i18n). */
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super(
      'validation-failed',
      'bad_request',
      errors.length === 1
        ? `${errors[0].field}: ${errors[0].message}`
        : `${errors.length} fields are invalid: ${errors.map((e) => e.field).join(', ')}`,
      { errors },
    );
  }
}

export class BadRequestError extends DomainError {
  constructor(code: string, message: string, extensions?: Record<string, unknown>) {
    super(code, 'bad_request', message, extensions);
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id?: string) {
    super(
      'not-found',
      'not_found',
      id === undefined ? `${resource} not found` : `${resource} ${id} not found`,
      { resource },
      { id },
    );
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extensions?: Record<string, unknown>) {
    super(code, 'conflict', message, extensions);
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(message: string, current?: unknown) {
    super('precondition-failed', 'precondition_failed', message, current ? { current } : {});
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor(message = 'This request must carry If-Match with the current version (ETag)') {
    super('precondition-required', 'precondition_required', message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code = 'unauthenticated', message = 'Authentication is required') {
    super(code, 'unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 'forbidden', message);
  }
}

export class GoneError extends DomainError {
  constructor(code: string, message: string, extensions?: Record<string, unknown>) {
    super(code, 'gone', message, extensions);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, extensions?: Record<string, unknown>) {
    super(code, 'unprocessable', message, extensions);
  }
}

/**
 * The process is shutting down and cut this request at its drain deadline: nothing of it was
 * committed (TransactionService refuses to commit from then on), so a retry is safe.
 */
export class ShuttingDownError extends DomainError {
  constructor(retryAfterSeconds = 5) {
    super(
      'shutting-down',
      'unavailable',
      'The server is restarting and stopped this request before it changed anything: retry in a few seconds',
      { retryAfter: retryAfterSeconds },
    );
  }
}
