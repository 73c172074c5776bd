import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { AuthService } from '../auth/auth.service';
import { SessionTokensService } from '../auth/session-tokens.service';
import { toUserDto } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { SetupDoneDto, SetupDto } from './dto/setup.dto';

/** One answer for a wrong token, a used one and an installation that has users: nothing to find. */
const UNAVAILABLE = () =>
  new DomainError(
    'setup-unavailable',
    'not_found',
    'There is no first-run setup here: the link is wrong, or it was already used',
  );

/**
 * First run. When the installation has no users, a random token is made at start-up and kept
 * in memory only; the start-up log prints it as a link (`/setup#<token>`, in the fragment so it
 * never reaches access logs). Whoever opens the link creates the first instance administrator;
 * the token is then forgotten. A restart with users makes none; one without users makes a new one.
 */
@Injectable()
export class SetupService implements OnApplicationBootstrap {
  private token: string | undefined;

  constructor(
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    private readonly sessions: SessionTokensService,
    private readonly tx: TransactionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) === 0) this.token = randomBytes(32).toString('base64url');
  }

  /** The token to print, while setup is possible. */
  pendingToken(): string | undefined {
    return this.token;
  }

  async check(token: string): Promise<{ ok: true }> {
    this.assertToken(token);
    if ((await this.users.count()) > 0) {
      this.token = undefined;
      throw UNAVAILABLE();
    }
    return { ok: true };
  }

  async complete(dto: SetupDto): Promise<SetupDoneDto> {
    this.assertToken(dto.token);
    // Slow hashing before the transaction, as every account creation does.
    const user = await this.auth.prepareUser(
      dto.email,
      dto.displayName,
      dto.password,
      'password',
      true,
    );
    const done = await this.tx.run(async (m) => {
      if ((await this.users.countForFirstUser(m)) > 0) throw UNAVAILABLE();
      const row = await this.auth.insertUser(m, user);
      return { user: toUserDto(row), session: await this.sessions.issue(m, row) };
    });
    this.token = undefined;
    return done;
  }

  private assertToken(given: string): void {
    const expected = this.token;
    if (!expected) throw UNAVAILABLE();
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw UNAVAILABLE();
  }
}
