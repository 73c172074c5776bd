import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { DomainError } from '../../common/errors/domain-error';
import { AuthenticatedRequest } from './auth.decorators';
import { sha256 } from './secrets';

export const AUTH_THROTTLE = 'ritmo:auth-throttle';
/**
 * Login, token refresh, password change and reset: limited per IP and account (the email, the
 * session being refreshed, the signed-in user), on top of the general limit. Per account and
 * IP, so that nobody can use up someone else's attempts from another address.
 */
export const AuthThrottle = () => SetMetadata(AUTH_THROTTLE, true);

export function authTracker(req: Record<string, unknown>): string {
  const ip = String(req.ip);
  const actor = (req as unknown as AuthenticatedRequest).actor;
  if (actor) return `${ip}|user:${actor.userId}`;
  const body = req.body as { email?: unknown; refreshToken?: unknown } | undefined;
  if (typeof body?.email === 'string') return `${ip}|${body.email.trim().toLowerCase()}`;
  if (typeof body?.refreshToken === 'string')
    return `${ip}|refresh:${sha256(body.refreshToken).slice(0, 16)}`;
  return `${ip}|-`;
}

/**
 * One budget per client for every route together: per API token or user when authenticated,
 * per IP otherwise (the client's, with TRUST_PROXY); 429 problem with Retry-After.
 */
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

  /** Not per route (the library's default): a client's calls to every route share one budget. */
  protected generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `${name}:${suffix}`;
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
