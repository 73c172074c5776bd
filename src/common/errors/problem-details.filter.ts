import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DEFAULT_LANG, Lang } from '../../i18n/locale';
import { Localizer } from '../../i18n/localizer.service';
import { localizeProblem } from './problem-i18n';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

interface RequestLike {
  url?: string;
  originalUrl?: string;
  id?: string;
  raw?: { id?: string };
  headers?: Record<string, string | string[] | undefined>;
  /** Set by identity's AuthGuard; only the user matters here (their language). */
  actor?: { userId: string };
  params?: Record<string, string | undefined>;
}

/** The one place where thrown errors become HTTP responses (RFC 9457 problem+json). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly localizer: Localizer,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<RequestLike>();
    const response: unknown = http.getResponse();
    const adapter = this.adapterHost.httpAdapter;
    const instance = (request.originalUrl ?? request.url ?? '/').split('?')[0];
    const requestId = request.raw?.id ?? request.id;
    const problem = toProblem(exception, instance, requestId);
    if (problem.unexpected) {
      this.logger.error(
        { err: exception, requestId, instance },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    const lang = await this.lang(request);
    const body = localizeProblem(problem.body, exception, lang, this.localizer);
    for (const [name, value] of Object.entries(problem.headers)) {
      adapter.setHeader(response, name, value);
    }
    adapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    adapter.setHeader(response, 'Content-Language', lang);
    adapter.reply(response, body, problem.status);
  }

  /** A failure to pick the language (the database is down) must not hide the error itself. */
  private async lang(request: RequestLike): Promise<Lang> {
    try {
      return await this.localizer.resolve(
        { acceptLanguage: request.headers?.['accept-language'], userId: request.actor?.userId },
        request.params?.teamId,
      );
    } catch {
      return DEFAULT_LANG;
    }
  }
}
