import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { MailModule } from '../mail/mail.module';
import { WorkdaysModule } from '../workdays/workdays.module';
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

/**
 * In-app notifications, their emails through the mail outbox, preferences, one-click
 * unsubscribe, ceremony reminders and the daily digest (docs/notifications.md).
 */
@Module({
  imports: [IdentityModule, MailModule, WorkdaysModule],
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
export class NotificationsModule {}
