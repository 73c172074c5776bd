import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthorizedError } from '../../common/errors/domain-error';
import { requireScope } from '../access/access.policy';
import { AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { Authenticator, bearerOf } from './authenticator.service';
import { FailedAuthentication } from './failed-authentication.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Global: every route needs a valid credential unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly failures: FailedAuthentication,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    try {
      const credential = bearerOf(request.headers.authorization);
      if (!credential) {
        if (isPublic) return true;
        throw new UnauthorizedError('unauthenticated', 'Send "Authorization: Bearer <token>"');
      }
      request.actor = await this.authenticator.authenticate(credential);
    } catch (error) {
      return this.failures.failed(request.ip, error);
    }
    if (!isPublic) requireScope(request.actor, !SAFE_METHODS.has(request.method));
    return true;
  }
}
