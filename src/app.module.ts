import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { NoBodyInterceptor } from './common/no-body.interceptor';
import { BacklogModule } from './backlog/backlog.module';
import { PokerModule } from './ceremony/poker/poker.module';
import { ReviewModule } from './ceremony/review/review.module';
import { CeremonyModule } from './ceremony/ceremony.module';
import { CommentsModule } from './comments/comments.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { createValidationPipe } from './common/validation';
import { ConfigModule } from './config/config.module';
import { RuntimeConfig } from './config/runtime-config';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LocalizationModule } from './i18n/i18n.module';
import { IdentityModule } from './identity/identity.module';
import { ImportsModule } from './imports/imports.module';
import { TeamExportModule } from './team-export/team-export.module';
import { LoggingModule } from './logging/logging.module';
import { NotificationsModule } from './notifications/notifications.module';
import { MailAdminModule } from './mail-admin/mail-admin.module';
import { MailModule } from './mail/mail.module';
import { EventLogModule } from './events/event-log.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RetrospectiveModule } from './retrospective/retrospective.module';
import { SprintModule } from './sprint/sprint.module';
import { SprintExportModule } from './sprint-export/sprint-export.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkdaysModule } from './workdays/workdays.module';

@Module({})
export class AppModule {
  /** `extra` lets tests mount fixture modules next to the real ones. */
  static forRoot(config: RuntimeConfig, extra: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        LocalizationModule,
        IdempotencyModule,
        HealthModule,
        EventLogModule,
        MailModule,
        IdentityModule,
        RealtimeModule,
        WebhooksModule,
        BacklogModule,
        WorkdaysModule,
        SprintModule,
        RetrospectiveModule,
        PokerModule,
        ReviewModule,
        SprintExportModule,
        CeremonyModule,
        CommentsModule,
        NotificationsModule,
        MailAdminModule,
        ImportsModule,
        TeamExportModule,
        ...extra,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: NoBodyInterceptor },
      ],
    };
  }
}
