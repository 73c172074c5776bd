import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DEFAULT_LANG } from '../../i18n/locale';
import { Localizer } from '../../i18n/localizer.service';
import { localizeProblem } from './problem-i18n';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_PREFIX, problemTitle } from './problem-details';

/**
 * Errors Node's HTTP parser raises before any request exists (headers over 16 KB, garbage on
 * the wire). Fastify's default answers them with a bare JSON 400; ritmo answers problem+json,
 * 431 for oversized headers or request lines.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const problem = {
    type: `${PROBLEM_TYPE_PREFIX}${tooLarge ? 'headers-too-large' : 'malformed-request'}`,
    title: problemTitle(status),
    status,
    detail: tooLarge
      ? 'The request line or headers are larger than 16 KB: send long filters in the body or shorten them'
      : 'The request could not be parsed as HTTP',
    instance: '',
  };
  // No request was parsed, so no Accept-Language: the default language.
  const localizer = Localizer.shared();
  const body = JSON.stringify(
    localizer ? localizeProblem(problem, error, DEFAULT_LANG, localizer) : problem,
  );
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
