import { Injectable } from '@nestjs/common';
import { DomainError, GoneError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { DEFAULT_LANG, fromAcceptLanguage } from '../../i18n/locale';
import type { LocaleHints } from '../../i18n/localizer.service';
import { MailOutbox } from '../../mail/mail-outbox';
import { MailTemplates } from '../../mail/templates/mail-templates';
import { normaliseEmail, UsersRepository } from '../users/users.repository';
import { TokenPairDto } from './dto/auth.dto';
import { PasswordResetsRepository } from './password-resets.repository';
import { PasswordService } from './password.service';
import { newSecret, PASSWORD_RESET_TOKEN_PREFIX, sha256 } from './secrets';
import { SessionTokensService } from './session-tokens.service';

export const RESET_TOKEN_TTL_MS = 3600 * 1000;
/** Requests per address and per IP within RESET_WINDOW_MS, accounts or not. */
export const RESETS_PER_ADDRESS = 5;
export const RESETS_PER_IP = 20;
const RESET_WINDOW_MS = 3600 * 1000;

const invalidLink = () =>
  new GoneError(
    'password-reset-invalid',
    'This password reset link is not valid any more (used, replaced by a newer one, or older than one hour): ask for a new one',
  );

/**
 * Forgotten passwords. A request answers the same whether or not an account has the address
 * (nothing to learn from it), is limited per address and per IP in the database (so the limit
 * holds across instances), and for an account enqueues an email with a single-use link valid
 * one hour; only the token's SHA-256 is stored. Using it sets the password and ends every
 * session of the user (refresh and access tokens, sockets), as a password change does.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionTokensService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly tx: TransactionService,
  ) {}

  /** The message is in the account's language, else the request's (Accept-Language). */
  async request(email: string, ip: string, hints: LocaleHints): Promise<void> {
    const requestLang = fromAcceptLanguage(hints.acceptLanguage) ?? DEFAULT_LANG;
    const address = normaliseEmail(email);
    const emailHash = sha256(address);
    await this.tx.run(async (m) => {
      await this.resets.lockAddress(m, emailHash);
      const now = Date.now();
      const counts = await this.resets.recent(m, emailHash, ip, new Date(now - RESET_WINDOW_MS));
      const oldest =
        counts.byEmail >= RESETS_PER_ADDRESS
          ? counts.oldestEmail
          : counts.byIp >= RESETS_PER_IP
            ? counts.oldestIp
            : undefined;
      if (oldest !== undefined) {
        const retryAfter = Math.max(
          1,
          Math.ceil(((oldest?.getTime() ?? now) + RESET_WINDOW_MS - now) / 1000),
        );
        throw new DomainError(
          'rate-limited',
          'rate_limited',
          `Too many requests: retry in ${retryAfter} s`,
          { retryAfter },
        );
      }
      if (Math.random() < 0.01) await this.resets.prune(m);
      const user = await this.users.findByEmail(address, m);
      if (!user) {
        await this.resets.insert(m, {
          emailHash,
          ip,
          userId: null,
          tokenHash: null,
          expiresAt: null,
        });
        return;
      }
      const { secret, hash } = newSecret(PASSWORD_RESET_TOKEN_PREFIX);
      const reset = await this.resets.insert(m, {
        emailHash,
        ip,
        userId: user.id,
        tokenHash: hash,
        expiresAt: new Date(now + RESET_TOKEN_TTL_MS),
      });
      await this.resets.spendOthers(m, user.id, reset.id);
      const lang = user.locale ?? requestLang;
      await this.outbox.enqueue(m, {
        key: `password-reset:${reset.id}`,
        to: user.email,
        userId: user.id,
        workspaceId: null,
        locale: lang,
        kind: 'password_reset',
        ...this.templates.passwordReset(lang, {
          displayName: user.display_name,
          email: user.email,
          token: secret,
        }),
      });
    });
  }

  /** Sets the password, spends the link, signs out every session; the caller gets a new one. */
  async confirm(token: string, newPassword: string): Promise<TokenPairDto> {
    const hash = sha256(token);
    const found = await this.resets.findByTokenHash(hash);
    if (!usable(found)) throw invalidLink();
    const user = await this.users.findById(found.user_id as string);
    if (!user) throw invalidLink();
    await this.passwords.assertStrong(newPassword, 'password', [user.email, user.display_name]);
    const passwordHash = await this.passwords.hash(newPassword);
    return this.tx.run(async (m) => {
      // Again under the row's lock: two uses at once, only one wins.
      const reset = await this.resets.findByTokenHash(hash, m);
      if (!usable(reset) || !(await this.resets.markUsed(m, reset.id))) throw invalidLink();
      await this.users.setPassword(m, user.id, passwordHash);
      await this.sessions.endAll(m, user.id);
      await this.resets.spendOthers(m, user.id, null);
      return this.sessions.issue(m, user);
    });
  }
}

function usable<
  T extends { used_at: Date | null; expires_at: Date | null; user_id: string | null },
>(reset: T | undefined): reset is T {
  return (
    reset !== undefined &&
    reset.user_id !== null &&
    reset.used_at === null &&
    reset.expires_at !== null &&
    reset.expires_at.getTime() > Date.now()
  );
}
