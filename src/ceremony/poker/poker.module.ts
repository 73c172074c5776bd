import { Module } from '@nestjs/common';
import { CeremonyLinksModule } from '../ceremony-links.module';
import { BacklogModule } from '../../backlog/backlog.module';
import { IdentityModule } from '../../identity/identity.module';
import { PokerAccess } from './poker-access';
import { PokerController } from './poker.controller';
import { PokerGateway } from './poker.gateway';
import { PokerRepository } from './poker.repository';
import { PokerRoundsService } from './poker-rounds.service';
import { PokerSessionsService } from './poker-sessions.service';

/**
 * Planning poker: sessions over backlog items, hidden votes, reveal, accepted estimates; REST
 * and socket messages (PokerGateway) are two doors to the same services.
 */
@Module({
  imports: [IdentityModule, BacklogModule, CeremonyLinksModule],
  controllers: [PokerController],
  providers: [PokerAccess, PokerRepository, PokerSessionsService, PokerRoundsService, PokerGateway],
})
export class PokerModule {}
