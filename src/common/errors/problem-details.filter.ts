import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

interface RequestLike {
  url?: string;
  originalUrl?: string;
  id?: string;
  raw?: { id?: string };
}

/** The one place where thrown errors become HTTP responses (RFC 9457 problem+json). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
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
    for (const [name, value] of Object.entries(problem.headers)) {
      adapter.setHeader(response, name, value);
    }
    adapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    adapter.reply(response, problem.body, problem.status);
  }
}
