import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { ValidationFailedError } from './errors/domain-error';

const isEmpty = (body: unknown) =>
  body === undefined ||
  body === null ||
  body === '' ||
  (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);

/**
 * An operation that declares no body (`POST …/start`, `…/skip`) refuses one that has fields,
 * as operations with a DTO refuse unknown fields: `{"force": true}` sent to one of them must not
 * look accepted (found by the API fuzzer). `{}` and no body at all are both "no body".
 */
@Injectable()
export class NoBodyInterceptor implements NestInterceptor {
  private readonly takesBody = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler();
    let takes = this.takesBody.get(handler);
    if (takes === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ??
        {}) as Record<string, unknown>;
      takes = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      this.takesBody.set(handler, takes);
    }
    const request = context.switchToHttp().getRequest<{ method: string; body?: unknown }>();
    if (!takes && request.method !== 'GET' && !isEmpty(request.body))
      throw new ValidationFailedError([{ field: 'body', message: 'this operation takes no body' }]);
    return next.handle();
  }
}
