import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import {
  BadRequestError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from './errors/domain-error';

/** `If-Match: "3"` (or W/"3") → 3. Missing → 428; anything else → 400. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw new BadRequestError(
      'invalid-if-match',
      'If-Match must be the ETag of the resource, e.g. "3"',
    );
  }
  return Number(match[1]);
}

export function etag(version: number): string {
  return `"${version}"`;
}

export const ETAG_FROM_VERSION = 'ritmo:etag-from-version';

/** The ETag header of a body that has a version (none otherwise). */
export function versionETagHeaders(body: unknown): Record<string, string> {
  const version = (body as { version?: unknown } | null)?.version;
  return typeof version === 'number' ? { etag: etag(version) } : {};
}

@Injectable()
class VersionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        for (const [name, value] of Object.entries(versionETagHeaders(body))) {
          void reply.header(name, value);
        }
        return body;
      }),
    );
  }
}

/**
 * The answer's ETag is its body's version. Declared on the route rather than set by hand so
 * that the idempotency record, written before COMMIT from the use case's result, carries the
 * same header the client gets.
 */
export function VersionETag(): MethodDecorator {
  return applyDecorators(
    SetMetadata(ETAG_FROM_VERSION, true),
    UseInterceptors(VersionETagInterceptor),
  );
}

/**
 * 412 when the version the client saw (If-Match) is not the row's: the problem carries the
 * resource as it is now (`current`), so the client can merge and retry without another GET.
 */
export function requireVersion<R extends { version: number }>(
  what: string,
  row: R,
  version: number,
  current: () => unknown,
): R {
  if (row.version !== version) {
    throw new PreconditionFailedError(
      `The ${what} changed since version ${version}; it is now at version ${row.version}`,
      current(),
    );
  }
  return row;
}
