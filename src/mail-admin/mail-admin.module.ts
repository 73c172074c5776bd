import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { MailModule } from '../mail/mail.module';
import { MailFailuresController } from './mail-failures.controller';
import { MailFailuresService } from './mail-failures.service';

/**
 * The admins' view of undeliverable email. A folder of its own: it needs the access policy
 * (identity), and identity itself sends email through src/mail, so neither can hold it.
 */
@Module({
  imports: [MailModule, IdentityModule],
  controllers: [MailFailuresController],
  providers: [MailFailuresService],
})
export class MailAdminModule {}
