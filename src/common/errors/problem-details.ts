import { HttpException } from '@nestjs/common';
import { CommitRefusedError } from '../../database/shutdown-gate';
import { DomainError, FieldError, ProblemKind, ShuttingDownError } from './domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_PREFIX = 'urn:ritmo:problem:';

/** RFC 9457 problem details, with ritmo's extension members. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface Problem {
  status: number;
  body: ProblemBody;
  headers: Record<string, string>;
  /** True when the error is ours (a 5xx): log it with its stack. */
  unexpected: boolean;
}

const STATUS: Record<ProblemKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  428: 'precondition-required',
  429: 'rate-limited',
  503: 'service-unavailable',
};

/** Errors raised by the HTTP platform itself (body parsing), before any handler runs. */
const PLATFORM_ERRORS: Record<string, { code: string; status: number; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload-too-large',
    status: 413,
    detail: 'The request body is larger than the 1 MB limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    status: 415,
    detail: 'Send the request body as application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed-json',
    status: 400,
    detail: 'The request says it carries JSON but the body is empty',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'malformed-json',
    status: 400,
    detail: 'The request body is not valid JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad-request',
    status: 400,
    detail: 'Content-Length does not match the body',
  },
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request error');
}

function make(
  status: number,
  code: string,
  detail: string,
  instance: string,
  requestId: string | undefined,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    ...extensions,
    type: `${PROBLEM_TYPE_PREFIX}${code}`,
    title: problemTitle(status),
    status,
    detail,
    instance,
    ...(requestId ? { requestId } : {}),
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate =
    (error as { statusCode?: unknown; status?: unknown }).statusCode ??
    (error as { status?: unknown }).status;
  return typeof candidate === 'number' && candidate >= 400 && candidate < 600
    ? candidate
    : undefined;
}

/** Turns anything thrown while serving `instance` into a problem+json response. */
export function toProblem(raw: unknown, instance: string, requestId?: string): Problem {
  const error = raw instanceof CommitRefusedError ? new ShuttingDownError() : raw;
  const headers: Record<string, string> = {};
  if (error instanceof DomainError) {
    const status = STATUS[error.kind];
    const retryAfter = error.extensions.retryAfter;
    if (
      (error.kind === 'rate_limited' || error.kind === 'unavailable') &&
      typeof retryAfter === 'number'
    )
      headers['Retry-After'] = String(retryAfter);
    return {
      status,
      body: make(status, error.code, error.message, instance, requestId, error.extensions),
      headers,
      unexpected: false,
    };
  }
  // Body-parsing errors of the platform reach us raw or wrapped in an HttpException (cause).
  const platform =
    platformError(error) ?? platformError((error as { cause?: unknown } | null)?.cause);
  if (platform) {
    return {
      status: platform.status,
      body: make(platform.status, platform.code, platform.detail, instance, requestId),
      headers,
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof response === 'object' && response !== null && 'message' in response
          ? String(response.message)
          : error.message;
    if (status >= 500) return internal(instance, requestId);
    const code = CODES_BY_STATUS[status] ?? 'request-error';
    return {
      status,
      body: make(status, code, message, instance, requestId),
      headers,
      unexpected: false,
    };
  }
  const status = statusOf(error);
  if (error instanceof SyntaxError && status === 400) {
    return {
      status: 400,
      body: make(
        400,
        'malformed-json',
        `The request body is not valid JSON: ${error.message}`,
        instance,
        requestId,
      ),
      headers,
      unexpected: false,
    };
  }
  if (status !== undefined && status < 500) {
    const code = CODES_BY_STATUS[status] ?? 'request-error';
    const detail = error instanceof Error ? error.message : problemTitle(status);
    return {
      status,
      body: make(status, code, detail, instance, requestId),
      headers,
      unexpected: false,
    };
  }
  return internal(instance, requestId);
}

function platformError(error: unknown) {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && Object.hasOwn(PLATFORM_ERRORS, code)
    ? PLATFORM_ERRORS[code]
    : undefined;
}

function internal(instance: string, requestId: string | undefined): Problem {
  return {
    status: 500,
    body: make(
      500,
      'internal-error',
      `Something went wrong on our side. Quote correlation id ${requestId ?? 'unknown'} when reporting it.`,
      instance,
      requestId,
      { correlationId: requestId },
    ),
    headers: {},
    unexpected: true,
  };
}
