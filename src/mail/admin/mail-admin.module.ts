import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity/identity.module';
import { MailModule } from '../mail.module';
import { MailFailuresController } from './mail-failures.controller';
import { MailFailuresService } from './mail-failures.service';

/**
 * The admins' view of the outbox. Apart from MailModule because it needs the access policy
 * (identity), and identity itself sends email through MailModule.
 */
@Module({
  imports: [MailModule, IdentityModule],
  controllers: [MailFailuresController],
  providers: [MailFailuresService],
})
export class MailAdminModule {}
