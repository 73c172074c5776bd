import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { LocaleHints } from './localizer.service';

/** What this request says about its reader's language, for Localizer.resolve. */
export const RequestLocale = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): LocaleHints => {
    // The actor is set by identity's AuthGuard (i18n sits below identity: a shape, not an import).
    const request = ctx.switchToHttp().getRequest<{
      actor?: { userId: string };
      headers: Record<string, string | string[] | undefined>;
    }>();
    return { acceptLanguage: request.headers['accept-language'], userId: request.actor?.userId };
  },
);
