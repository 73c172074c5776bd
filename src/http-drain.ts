import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface InFlight {
  reply: FastifyReply;
  startedAt: number;
}

/**
 * The HTTP requests still running, so that at the shutdown's drain deadline (SHUTDOWN_DRAIN_MS)
 * each one left is answered — 503 with Retry-After, nothing committed — and named in the log,
 * instead of vanishing with its connection while its Idempotency-Key stays reserved.
 */
export class HttpDrain {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Map<FastifyRequest, InFlight>();

  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      this.inFlight.set(request, { reply, startedAt: Date.now() });
      done();
    });
    fastify.addHook('onResponse', (request, _reply, done) => {
      this.inFlight.delete(request);
      done();
    });
    fastify.addHook('onRequestAbort', (request, done) => {
      this.inFlight.delete(request);
      done();
    });
  }

  get size(): number {
    return this.inFlight.size;
  }

  /** Answers every request still running with `answer` (or closes it, once its answer began). */
  cut(answer: (request: FastifyRequest, reply: FastifyReply) => void): void {
    const now = Date.now();
    const cut = [...this.inFlight];
    this.inFlight.clear();
    for (const [request, { reply, startedAt }] of cut) {
      const what = `${request.method} ${request.url.split('?')[0].slice(0, 200)} (request ${request.id}, running ${now - startedAt} ms)`;
      if (reply.sent || reply.raw.headersSent) {
        this.logger.warn(`Drain deadline: cut ${what} mid-response; its connection is closed`);
        reply.raw.destroy();
        continue;
      }
      this.logger.warn(`Drain deadline: cut ${what}; answered 503, nothing committed`);
      answer(request, reply);
    }
    if (cut.length > 0)
      this.logger.warn(`Drain deadline passed: ${cut.length} request(s) cut, none committed`);
  }
}
