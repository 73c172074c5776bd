import { Module } from '@nestjs/common';
import { MailFailures } from './mail-failures';
import { MailOutbox } from './mail-outbox';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail-transport';
import { MailWorker } from './mail-worker';
import { MailTemplates } from './templates/mail-templates';

/**
 * Email: the outbox (MailOutbox.enqueue, in the caller's transaction), its worker and the
 * transport (SMTP_URL, or .eml files under DATA_DIR/outbox). Imports no feature module, so
 * every feature may import it; the admins' view of failures is src/mail-admin.
 */
@Module({
  providers: [MailRepository, MailTransport, MailWorker, MailOutbox, MailTemplates, MailFailures],
  exports: [MailOutbox, MailTemplates, MailFailures],
})
export class MailModule {}
