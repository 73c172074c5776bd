import { BadRequestError, PreconditionRequiredError } from './errors/domain-error';

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
