import { Module } from '@nestjs/common';
import { BacklogModule } from '../../backlog/backlog.module';
import { IdentityModule } from '../../identity/identity.module';
import { PokerAccess } from './poker-access';
import { PokerController } from './poker.controller';
import { PokerRepository } from './poker.repository';
import { PokerRoundsService } from './poker-rounds.service';
import { PokerSessionsService } from './poker-sessions.service';

/** Planning poker: sessions over backlog items, hidden votes, reveal, accepted estimates. */
@Module({
  imports: [IdentityModule, BacklogModule],
  controllers: [PokerController],
  providers: [PokerAccess, PokerRepository, PokerSessionsService, PokerRoundsService],
})
export class PokerModule {}
