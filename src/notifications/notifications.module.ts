import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodes, type FastifyInstance } from 'fastify';
import { IdentityModule } from '../identity/identity.module';
import { MailModule } from '../mail/mail.module';
import { DigestService } from './digest.service';
import { NotificationDelivery } from './notification-delivery';
import { NotificationMailer } from './notification-mailer';
import { NotificationReactions } from './notification-reactions';
import { NotificationScheduler } from './notification-scheduler';
import { NotificationSources } from './notification-sources';
import { NotificationsController } from './notifications.controller';
import { NotificationsGateway } from './notifications.gateway';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

const UNSUBSCRIBE_PATH = /^\/api\/v1\/notifications\/unsubscribe\/[^/?]+(\?|$)/;

/**
 * In-app notifications, their emails through the mail outbox, preferences, one-click
 * unsubscribe, ceremony reminders and the daily digest (docs/notifications.md).
 */
@Module({
  imports: [IdentityModule, MailModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationSources,
    NotificationMailer,
    NotificationDelivery,
    NotificationReactions,
    NotificationsGateway,
    NotificationsService,
    DigestService,
    NotificationScheduler,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  /**
   * Mail clients send one-click unsubscribes as a form (RFC 8058). The API otherwise speaks
   * JSON only, so the form is accepted on that one route (its content is fixed and ignored)
   * and stays a 415 everywhere else.
   */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (request, _body, done) => {
        if (UNSUBSCRIBE_PATH.test(request.url)) done(null, {});
        else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      },
    );
  }
}
