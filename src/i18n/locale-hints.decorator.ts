import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../identity/auth/auth.decorators';
import type { LocaleHints } from './localizer.service';

/** What this request says about its reader's language, for Localizer.resolve. */
export const RequestLocale = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): LocaleHints => {
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    return { acceptLanguage: request.headers['accept-language'], userId: request.actor?.userId };
  },
);
