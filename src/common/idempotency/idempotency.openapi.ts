import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER, SKIPPED_OPERATIONS } from './idempotency.decorator';

const PROBLEM = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
};

/**
 * Documents `Idempotency-Key` once for every POST (the interceptor is global) instead of a
 * decorator on each route, which a new route could forget; plus the answers it can cause.
 */
export function documentIdempotency(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const operation = item.post;
    if (!operation || SKIPPED_OPERATIONS.has(operation.operationId ?? '')) continue;
    operation.parameters = [
      ...(operation.parameters ?? []),
      {
        name: IDEMPOTENCY_HEADER,
        in: 'header',
        required: false,
        description:
          'Any unique string (a UUID). A retry with the same key and body within 24 h returns the ' +
          'first response (with `Idempotent-Replayed: true`) without doing anything again; the ' +
          'same key with another body answers 422 `idempotency-key-reused`; a retry while the ' +
          'first is still running waits for it (409 `idempotency-request-in-progress` after 15 s).',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    ];
    const responses = operation.responses;
    responses['400'] ??= { description: 'Invalid input or Idempotency-Key', content: PROBLEM };
    responses['409'] ??= {
      description: 'A request with this Idempotency-Key is still in progress',
      content: PROBLEM,
    };
    responses['422'] ??= {
      description: 'Idempotency-Key reused with a different request',
      content: PROBLEM,
    };
  }
  return document;
}
