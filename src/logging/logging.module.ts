import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { RuntimeConfig } from '../config/runtime-config';
import { redactQuery, redactUrl } from './redact-url';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * One id per request: the caller's X-Request-Id when it is sane, a UUID otherwise. Memoized
 * on the raw request so the HTTP platform, the logger and error bodies all agree on it.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  req.id = id;
  return id;
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [RuntimeConfig],
      useFactory: (config: RuntimeConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const id = requestIdOf(req);
            if (!res.headersSent) res.setHeader('X-Request-Id', id);
            return id;
          },
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            censor: '[redacted]',
          },
          serializers: {
            req: (req: { url?: string; query?: unknown }) => ({
              ...req,
              url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
              query: redactQuery(req.query),
            }),
          },
          customProps: () => ({ service: 'ritmo' }),
          autoLogging: {
            ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false,
          },
          transport:
            config.logLevel === 'debug' && process.stdout.isTTY
              ? { target: 'pino-pretty', options: { singleLine: true } }
              : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
