import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { BadRequestError } from '../errors/domain-error';
import { assertJsonDepth } from '../validation';
import { SKIP_IDEMPOTENCY } from './idempotency.decorator';
import { ANONYMOUS, canonicalJson, IdempotencyService } from './idempotency.service';

/** Printable ASCII, as Stripe's keys (a UUID fits); long enough for any client scheme. */
const KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay must repeat. */
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * Global: a POST carrying `Idempotency-Key` runs at most once per (user, key) within 24 h. A
 * retry with the same method, path and body gets the first response again (with
 * `Idempotent-Replayed: true`); with anything else, 422. A retry that arrives while the first
 * is still running waits for it (up to 15 s, then 409). A request that fails releases its key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
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
    return from(this.run(request, reply, header, status, next));
  }

  private async run(
    request: FastifyRequest & { actor?: { userId: string } },
    reply: FastifyReply,
    header: string | string[],
    status: number,
    next: CallHandler,
  ): Promise<unknown> {
    const key = Array.isArray(header) ? undefined : header;
    if (key === undefined || !KEY.test(key)) {
      throw new BadRequestError(
        'invalid-idempotency-key',
        'Idempotency-Key must be one value of 1 to 255 printable ASCII characters, e.g. a UUID',
      );
    }
    assertJsonDepth(request.body);
    const userId = request.actor?.userId ?? ANONYMOUS;
    const requestHash = this.service.fingerprint(
      `POST ${request.url}\n${canonicalJson(request.body ?? null)}`,
    );
    const reservation = await this.service.reserve(userId, key, requestHash);
    if (reservation.kind === 'replay') {
      const { response } = reservation;
      for (const [name, value] of Object.entries(response.headers)) void reply.header(name, value);
      void reply.header('Idempotent-Replayed', 'true');
      return response.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.service.release(userId, key);
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    // What the client will read: DTO instances become plain JSON exactly as they are sent.
    const stored = body === undefined ? null : (JSON.parse(JSON.stringify(body)) as unknown);
    await this.service.complete(userId, key, { status, headers, body: stored });
    return body;
  }
}
