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
