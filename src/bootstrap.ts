import 'reflect-metadata';
import type { IncomingMessage, Server } from 'node:http';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { PROBLEM_CONTENT_TYPE, toProblem } from './common/errors/problem-details';
import { AppConfig } from './config/app-config';
import { resolveJwtSecret, RuntimeConfig } from './config/runtime-config';
import { DeploymentService } from './database/deployment.service';
import { EmbeddedLog, EmbeddedPostgres } from './database/embedded-postgres';
import { requestIdOf } from './logging/logging.module';
import { mountOpenApi } from './openapi';
import { answerClientError } from './common/errors/client-error';
import { DEFAULT_LANG, fromAcceptLanguage } from './i18n/locale';
import { Localizer } from './i18n/localizer.service';
import { localizeProblem } from './common/errors/problem-i18n';
import { ShuttingDownError } from './common/errors/domain-error';
import { ShutdownGate } from './database/shutdown-gate';
import { HttpDrain } from './http-drain';
import { RealtimeHeartbeat } from './realtime/heartbeat.service';
import { RitmoIoAdapter } from './realtime/ritmo-io.adapter';
import { defaultWebRoot, mountWebClient } from './web/static-web';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Between the 503s of the drain deadline and closing every connection: time to send them. */
const CUT_FLUSH_MS = 500;

export interface RitmoApp {
  app: INestApplication;
  config: RuntimeConfig;
  /** Stops accepting, finishes in-flight requests, closes sockets, the pool and the embedded database. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** Fixture modules mounted next to the real ones (tests only). */
  extraModules?: Type[];
  /** Where start-up messages go before the app's logger exists. */
  log?: EmbeddedLog;
  /** The built web client (default dist/web); not mounted when it has no index.html. */
  webRoot?: string;
}

const consoleLog: EmbeddedLog = {
  info: (message) => console.log(JSON.stringify({ level: 'info', msg: message })),
  warn: (message) => console.warn(JSON.stringify({ level: 'warn', msg: message })),
};

const ONE_CLICK_UNSUBSCRIBE = /^\/api\/v1\/notifications\/unsubscribe\/[^/]+$/;
/** The one route that takes a file (multipart/form-data); everywhere else it is a 415. */
const IMPORT_UPLOAD = /^\/api\/v1\/teams\/[^/]+\/imports$/;

/** The nearest `hops` proxies are believed (the rightmost X-Forwarded-For entries they added). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** The error Fastify raises for a content type it has no parser for: the same 415 problem. */
function unsupportedMediaType(type: string): Error {
  return Object.assign(new Error(`Unsupported Media Type: ${type}`), {
    statusCode: 415,
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  });
}

export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<RitmoApp> {
  const log = options.log ?? consoleLog;
  const embedded = config.embedded ? await EmbeddedPostgres.start(config.DATA_DIR, log) : undefined;
  try {
    const runtime = RuntimeConfig.of(
      config,
      embedded?.url ?? (config.DATABASE_URL as string),
      await resolveJwtSecret(config),
    );
    const adapter = new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      forceCloseConnections: 'idle',
      // The client's address (rate limits, logs) from X-Forwarded-For, set by proxies we trust.
      trustProxy:
        typeof runtime.trustProxy === 'number' ? trustHops(runtime.trustProxy) : runtime.trustProxy,
      clientErrorHandler: answerClientError,
      // Errors of Fastify's router (a path that is not valid percent-encoded UTF-8) never reach
      // Nest: answer them as problem+json too (found by the API fuzzer).
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
        answerProblem(error, request, reply),
    });
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(runtime, options.extraModules),
      adapter,
      // Fastify's own JSON parser only (it refuses __proto__ keys); Nest's default parsers
      // would add application/x-www-form-urlencoded, and the API speaks JSON alone.
      { bufferLogs: true, abortOnError: false, bodyParser: false },
    );
    const shutdown = { closing: false };
    const drain = new HttpDrain();
    await configureApp(app, runtime, shutdown, drain);
    await mountWebClient(app, options.webRoot ?? defaultWebRoot());
    return {
      app,
      config: runtime,
      close: async () => {
        shutdown.closing = true;
        // At the drain deadline nothing commits any more, what still runs is answered 503
        // (and logged), and the connections left are closed a moment later.
        const server: Server = app.getHttpServer();
        const guard = setTimeout(() => {
          app.get(ShutdownGate).close();
          drain.cut((request, reply) => answerProblem(new ShuttingDownError(), request, reply));
          setTimeout(() => server.closeAllConnections(), CUT_FLUSH_MS).unref();
        }, runtime.shutdownDrainMs);
        guard.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(guard);
        }
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * The API answers JSON that no browser should render, frame or run: nothing is allowed. Only
 * the Swagger UI page needs more (its inline styles and scripts, data: images).
 */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
const DOCS_PREFIX = '/api/docs';

/** A problem+json answer outside Nest's filters, in the request's language. */
function answerProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(error, request.url.split('?')[0].slice(0, 256), request.id);
  const localizer = Localizer.shared();
  const lang = fromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LANG;
  for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
  void reply
    .status(problem.status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .header('Content-Language', lang)
    .send(localizer ? localizeProblem(problem.body, error, lang, localizer) : problem.body);
}

async function configureApp(
  app: NestFastifyApplication,
  config: RuntimeConfig,
  shutdown: { closing: boolean },
  drain: HttpDrain,
): Promise<void> {
  app.useLogger(app.get(Logger));
  const redisPrefix = config.redisUrl ? await app.get(DeploymentService).redisPrefix() : '';
  const io = new RitmoIoAdapter(app, config, redisPrefix);
  io.onRedisReconnected(() => void app.get(RealtimeHeartbeat).beat());
  app.useWebSocketAdapter(io);
  app.flushLogs();
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  drain.install(fastify);
  // The API speaks JSON only: any other body is a 415, not a string handed to validation.
  fastify.removeContentTypeParser(['text/plain']);
  // One exception, RFC 8058: a mail client's one-click unsubscribe is a form POST
  // (`List-Unsubscribe=One-Click`), validated by its DTO like any body.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (ONE_CLICK_UNSUBSCRIBE.test(request.url.split('?')[0]))
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      else done(unsupportedMediaType('application/x-www-form-urlencoded'), undefined);
    },
  );
  // Uploads stream to the import service; the size cap stops the stream, never buffered whole.
  await app.register(multipart, {
    limits: {
      fileSize: config.importMaxBytes,
      files: 1,
      fields: 10,
      fieldSize: 64 * 1024,
      parts: 12,
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    const type = request.headers['content-type'] ?? '';
    if (/^multipart\/form-data/i.test(type) && !IMPORT_UPLOAD.test(request.url.split('?')[0]))
      done(unsupportedMediaType('multipart/form-data'));
    else done();
  });
  // Responses finished while shutting down close their connection, so close() need not wait.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (shutdown.closing) void reply.header('Connection', 'close');
    done(null, payload);
  });
  // Swagger registers its routes itself, so they cannot carry helmet route options.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith(DOCS_PREFIX)) void reply.header('Content-Security-Policy', DOCS_CSP);
    done(null, payload);
  });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  mountOpenApi(app);
}
