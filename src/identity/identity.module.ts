import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { RuntimeConfig } from '../config/runtime-config';
import { MailModule } from '../mail/mail.module';
import { AccessPolicy } from './access/access.policy';
import { AccessRepository } from './access/access.repository';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { Authenticator } from './auth/authenticator.service';
import { MeController } from './auth/me.controller';
import { FailedAuthentication } from './auth/failed-authentication.service';
import { PasswordService } from './auth/password.service';
import { RateLimitModule, RateLimitStore } from './auth/rate-limit.store';
import { PasswordResetService } from './auth/password-reset.service';
import { PasswordResetsRepository } from './auth/password-resets.repository';
import { SessionRegistry } from './auth/session-registry.service';
import { SessionTokensService } from './auth/session-tokens.service';
import { authTracker, RitmoThrottlerGuard } from './auth/throttler.guard';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsRepository } from './invitations/invitations.repository';
import { InvitationsService } from './invitations/invitations.service';
import { SetupController } from './setup/setup.controller';
import { SetupService } from './setup/setup.service';
import { TeamHooks } from './teams/team-hooks';
import { TeamsController } from './teams/teams.controller';
import { TeamsRepository } from './teams/teams.repository';
import { TeamsService } from './teams/teams.service';
import { ApiTokensService } from './tokens/api-tokens.service';
import { TokensRepository } from './tokens/tokens.repository';
import { UsersRepository } from './users/users.repository';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { WorkspacesRepository } from './workspaces/workspaces.repository';
import { WorkspacesService } from './workspaces/workspaces.service';

@Module({
  imports: [
    MailModule,
    JwtModule.registerAsync({
      inject: [RuntimeConfig],
      // A KeyObject: given a string, jsonwebtoken first tries it as a public key on every
      // verification (~1 ms of createPublicKey per request, measured in bench:backlog).
      useFactory: (config: RuntimeConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
      }),
    }),
    RateLimitModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [RuntimeConfig, RateLimitStore],
      useFactory: (config: RuntimeConfig, storage: RateLimitStore) => ({
        storage,
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute },
          {
            name: 'auth',
            ttl: 60_000,
            limit: config.authRateLimitPerMinute,
            getTracker: authTracker,
          },
        ],
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    WorkspacesController,
    TeamsController,
    InvitationsController,
    SetupController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RitmoThrottlerGuard },
    AccessPolicy,
    AccessRepository,
    Authenticator,
    AuthService,
    FailedAuthentication,
    PasswordService,
    PasswordResetService,
    PasswordResetsRepository,
    SessionRegistry,
    SessionTokensService,
    TokensRepository,
    ApiTokensService,
    UsersRepository,
    WorkspacesRepository,
    WorkspacesService,
    TeamsRepository,
    TeamsService,
    TeamHooks,
    InvitationsRepository,
    InvitationsService,
    SetupService,
  ],
  exports: [
    AccessPolicy,
    Authenticator,
    AuthService,
    SessionRegistry,
    TeamsService,
    TeamHooks,
    WorkspacesService,
    InvitationsService,
    SetupService,
  ],
})
export class IdentityModule {}
