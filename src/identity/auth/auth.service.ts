import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '../../common/errors/domain-error';
import { RuntimeConfig } from '../../config/runtime-config';
import { TransactionService } from '../../database/transaction.service';
import { Actor, requireSession } from '../actor';
import { toUserDto } from '../users/user.mapper';
import { normaliseEmail, UserRow, UsersRepository } from '../users/users.repository';
import {
  AuthOptionsDto,
  ChangePasswordDto,
  LoginDto,
  RegisterDto,
  TokenPairDto,
  UpdateMeDto,
  UserDto,
} from './dto/auth.dto';
import { FailedAuthentication } from './failed-authentication.service';
import { PasswordService } from './password.service';
import { SessionTokensService } from './session-tokens.service';

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  isInstanceAdmin: boolean;
}

const BAD_CREDENTIALS = () =>
  new UnauthorizedError('invalid-credentials', 'Email or password is wrong');

@Injectable()
export class AuthService {
  constructor(
    private readonly config: RuntimeConfig,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionTokensService,
    private readonly tx: TransactionService,
    private readonly failures: FailedAuthentication,
  ) {}

  options(): AuthOptionsDto {
    return { allowSignup: this.config.allowSignup };
  }

  async register(dto: RegisterDto): Promise<UserDto> {
    if (!this.config.allowSignup) {
      throw new ForbiddenError(
        'signup-disabled',
        'Self-registration is switched off: ask for an invitation',
      );
    }
    const user = await this.prepareUser(dto.email, dto.displayName, dto.password, 'password');
    return this.tx.run(async (m) => toUserDto(await this.insertUser(m, user)));
  }

  /** Also used by invitations (when signup is off) and the user:create command. */
  async createUser(
    email: string,
    displayName: string,
    password: string,
    field: string,
    isInstanceAdmin = false,
  ) {
    const user = await this.prepareUser(email, displayName, password, field, isInstanceAdmin);
    return this.tx.run((m) => this.insertUser(m, user));
  }

  /** Checks and hashes a new account's password (slow: before any transaction). */
  async prepareUser(
    email: string,
    displayName: string,
    password: string,
    field: string,
    isInstanceAdmin = false,
  ): Promise<NewUser> {
    const normalised = normaliseEmail(email);
    await this.passwords.assertStrong(password, field, [normalised, displayName]);
    const passwordHash = await this.passwords.hash(password);
    return { email: normalised, displayName, passwordHash, isInstanceAdmin };
  }

  /** Inside the caller's transaction, so that creating the account commits with its use. */
  async insertUser(m: EntityManager, user: NewUser): Promise<UserRow> {
    const row = await this.users.insert(m, user);
    if (!row) throw new ConflictError('email-taken', 'An account with this email already exists');
    return row;
  }

  /** `ip`: the client's address, whose failed attempts are counted. */
  async login(dto: LoginDto, ip: string): Promise<TokenPairDto> {
    await this.failures.refuseIfBlocked(ip);
    const user = await this.users.findByEmail(normaliseEmail(dto.email));
    // Verify even for an unknown email so both failures cost the same time.
    const ok = await this.passwords.verify(user?.password_hash, dto.password);
    if (!user || !ok) return this.failures.failed(ip, BAD_CREDENTIALS());
    return this.tx.run((m) => this.sessions.issue(m, user));
  }

  refresh(refreshToken: string, ip: string): Promise<TokenPairDto> {
    return this.sessions
      .rotate(refreshToken, (m, id) => this.users.findById(id, m))
      .catch((error: unknown) => this.failures.failed(ip, error));
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  async me(actor: Actor): Promise<UserDto> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new NotFoundError('User', actor.userId);
    return toUserDto(user);
  }

  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<UserDto> {
    const user = await this.tx.run((m) => this.users.update(m, actor.userId, dto));
    if (!user) throw new NotFoundError('User', actor.userId);
    return toUserDto(user);
  }

  /** Ends every other session (refresh and access tokens, sockets); the caller's is renewed. */
  async changePassword(actor: Actor, dto: ChangePasswordDto, ip: string): Promise<TokenPairDto> {
    requireSession(actor);
    // A stolen session must not become a way to guess the password.
    await this.failures.refuseIfBlocked(ip);
    const user = await this.users.findById(actor.userId);
    if (!user || !(await this.passwords.verify(user.password_hash, dto.currentPassword))) {
      return this.failures.failed(
        ip,
        new UnauthorizedError('invalid-credentials', 'The current password is wrong'),
      );
    }
    await this.passwords.assertStrong(dto.newPassword, 'newPassword', [
      user.email,
      user.display_name,
    ]);
    const hash = await this.passwords.hash(dto.newPassword);
    return this.tx.run(async (m) => {
      await this.users.setPassword(m, user.id, hash);
      // This session goes on (a new refresh token in the same family); every other one ends.
      await this.sessions.endAll(m, user.id, actor.sessionId);
      return this.sessions.issue(m, user, actor.sessionId);
    });
  }
}
