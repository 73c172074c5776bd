import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { DomainError } from '../../common/errors/domain-error';
import { AuthenticatedRequest } from './auth.decorators';

export const AUTH_THROTTLE = 'ritmo:auth-throttle';
/** Login and token refresh: limited per IP + email, on top of the general limit. */
export const AuthThrottle = () => SetMetadata(AUTH_THROTTLE, true);

export function authTracker(req: Record<string, unknown>): string {
  const body = req.body as { email?: unknown; refreshToken?: unknown } | undefined;
  const who = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : 'refresh';
  return `${String(req.ip)}|${who}`;
}

/** Per API token or user when authenticated, per IP otherwise; 429 problem with Retry-After. */
@Injectable()
export class RitmoThrottlerGuard extends ThrottlerGuard {
  protected async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const authRoute = this.reflector.getAllAndOverride<boolean>(AUTH_THROTTLE, [
      props.context.getHandler(),
      props.context.getClass(),
    ]);
    if (props.throttler.name === 'auth' && !authRoute) return true;
    return super.handleRequest(props);
  }

  protected getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = (req as unknown as AuthenticatedRequest).actor;
    if (actor)
      return Promise.resolve(actor.tokenId ? `token:${actor.tokenId}` : `user:${actor.userId}`);
    return Promise.resolve(`ip:${String(req.ip)}`);
  }

  protected throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const response = context
      .switchToHttp()
      .getResponse<{ header(name: string, value: string): void }>();
    response.header('Retry-After', String(detail.timeToBlockExpire));
    throw new DomainError(
      'rate-limited',
      'rate_limited',
      `Too many requests: retry in ${detail.timeToBlockExpire} s`,
      {
        retryAfter: detail.timeToBlockExpire,
      },
    );
  }
}
