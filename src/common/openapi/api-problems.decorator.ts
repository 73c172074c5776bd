import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown or malformed fields (see `errors`), malformed JSON or URL, a header in the wrong form',
  401: 'Missing, expired or invalid credentials',
  403: 'Authenticated, but this role or token scope may not do this',
  404: 'No such resource in a team you belong to',
  409: 'The request conflicts with the current state',
  410: 'The resource or cursor is no longer available',
  412: 'If-Match does not match the current version; the body carries the current state',
  413: 'Request body larger than 1 MB',
  415: 'Request body is not application/json',
  422: 'Idempotency-Key reused with a different body',
  428: 'If-Match is required',
  429: 'Rate limit exceeded; see Retry-After',
  431: 'Request line or headers larger than 16 KB',
  500: 'Unexpected error; the body carries a correlation id',
  503: 'The server is shutting down and stopped this request before it changed anything; retry after Retry-After',
};

/**
 * Documents problem+json error responses. 400 (malformed URL, JSON or header), 413, 415 (a body
 * of another type, even on GET or DELETE), 429, 500 and 503 (cut at a shutdown's drain deadline)
 * can happen on any route, so every route lists them (the API fuzzer checks every status
 * against this document).
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  const all = [...new Set([...statuses, 400, 413, 415, 429, 431, 500, 503])].sort();
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...all.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
