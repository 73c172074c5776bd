import { Module } from '@nestjs/common';
import { MailOutbox } from './mail-outbox';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail-transport';
import { MailWorker } from './mail-worker';
import { MailTemplates } from './templates/mail-templates';

/**
 * Email: the outbox (MailOutbox.enqueue, in the caller's transaction), its worker and the
 * transport (SMTP_URL, or .eml files under DATA_DIR/outbox). Imports no feature module, so
 * every feature may import it; the admins' view of failures is MailAdminModule.
 */
@Module({
  providers: [MailRepository, MailTransport, MailWorker, MailOutbox, MailTemplates],
  exports: [MailOutbox, MailTemplates, MailRepository],
})
export class MailModule {}
