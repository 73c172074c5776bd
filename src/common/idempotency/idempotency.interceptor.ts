import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { BadRequestError } from '../errors/domain-error';
import { assertCleanJson } from '../validation';
import { TransactionParticipant, TransactionService } from '../../database/transaction.service';
import { ETAG_FROM_VERSION, versionETagHeaders } from '../concurrency';
import { SKIP_IDEMPOTENCY } from './idempotency.decorator';
import {
  ANONYMOUS,
  canonicalJson,
  IdempotencyKey,
  IdempotencyService,
  ReplayInstead,
  StoredResponse,
} from './idempotency.service';

/** Printable ASCII, as Stripe's keys (a UUID fits); long enough for any client scheme. */
const KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay must repeat. */
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * Global: a POST carrying `Idempotency-Key` runs at most once per (user, key) within 24 h. A
 * retry with the same method, path and body gets the first response again (with
 * `Idempotent-Replayed: true`); with anything else, 422. A retry that arrives while the first
 * is still running waits for it (up to 15 s, then 409). A request that fails leaves its key free.
 *
 * The answer is recorded by the request's first transaction, just before COMMIT, from what its
 * work returned (see TransactionService's participant): so the use case's transaction must
 * return exactly what the route answers (map to the DTO inside `tx.run`; an ETag from the
 * body's version through `@VersionETag()`). If the route still answers something else, the
 * record is corrected after the handler, and the mismatch is logged as the bug it is.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    private readonly service: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { actor?: { userId: string } }>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    if (this.reflector.get<boolean>(SKIP_IDEMPOTENCY, context.getHandler())) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const status =
      this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const versionETag = this.reflector.get<boolean>(ETAG_FROM_VERSION, context.getHandler());
    return from(this.run(request, reply, header, { status, versionETag }, next));
  }

  private async run(
    request: FastifyRequest & { actor?: { userId: string } },
    reply: FastifyReply,
    header: string | string[],
    route: { status: number; versionETag: boolean | undefined },
    next: CallHandler,
  ): Promise<unknown> {
    const key = Array.isArray(header) ? undefined : header;
    if (key === undefined || !KEY.test(key)) {
      throw new BadRequestError(
        'invalid-idempotency-key',
        'Idempotency-Key must be one value of 1 to 255 printable ASCII characters, e.g. a UUID',
      );
    }
    assertCleanJson(request.body);
    const id: IdempotencyKey = {
      userId: request.actor?.userId ?? ANONYMOUS,
      key,
      requestHash: this.service.fingerprint(
        `POST ${request.url}\n${canonicalJson(request.body ?? null)}`,
      ),
    };
    const earlier = await this.service.lookup(id);
    if (earlier) return replay(reply, earlier);

    const answer = (body: unknown): StoredResponse => ({
      status: route.status,
      headers: route.versionETag ? versionETagHeaders(body) : {},
      body: plain(body),
    });
    let recorded: StoredResponse | undefined;
    const participant: TransactionParticipant = {
      begin: (m) => this.service.hold(m, id),
      beforeCommit: async (m, result) => {
        const response = answer(result);
        await this.service.record(id, response, m);
        recorded = response;
      },
    };
    let body: unknown;
    try {
      body = await TransactionService.withParticipant(participant, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
    } catch (error) {
      if (error instanceof ReplayInstead) return replay(reply, error.response);
      // A first request with the key may have committed while this one was checking its input
      // against the state before it: its answer, not this error, is the answer to the key.
      const committed = await this.service.lookup(id).catch(() => undefined);
      if (committed) return replay(reply, committed);
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    const sent: StoredResponse = { status: route.status, headers, body: plain(body) };
    if (!recorded || !sameResponse(recorded, sent)) {
      // No transaction (nothing changed), or a route that answers other than its transaction
      // returned: record what was sent. The latter is a bug to fix in the route.
      if (recorded) {
        this.logger.error(
          `POST ${request.routeOptions.url ?? request.url} answers other than its transaction returned: map inside tx.run`,
        );
      }
      await this.service.record(id, sent);
    }
    return body;
  }
}

function replay(reply: FastifyReply, response: StoredResponse): unknown {
  for (const [name, value] of Object.entries(response.headers)) void reply.header(name, value);
  void reply.header('Idempotent-Replayed', 'true');
  return response.body;
}

/** What the client will read: DTO instances become plain JSON exactly as they are sent. */
function plain(body: unknown): unknown {
  return body === undefined ? null : (JSON.parse(JSON.stringify(body)) as unknown);
}

function sameResponse(a: StoredResponse, b: StoredResponse): boolean {
  return (
    a.status === b.status &&
    canonicalJson(a.headers) === canonicalJson(b.headers) &&
    canonicalJson(a.body) === canonicalJson(b.body)
  );
}
