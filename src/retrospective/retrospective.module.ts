import { Module } from '@nestjs/common';
import { CeremonyLinksModule } from '../ceremony/ceremony-links.module';
import { BacklogModule } from '../backlog/backlog.module';
import { IdentityModule } from '../identity/identity.module';
import { CardsService } from './cards.service';
import { DiscussService } from './discuss.service';
import { RetroAccess, RetroAuthors } from './retro-access';
import { RetroActionsRepository } from './retro-actions.repository';
import { RetroBoardController } from './retro-board.controller';
import { RetroReader } from './retro-reader';
import { RetroRepository } from './retro.repository';
import { RetrospectivesController } from './retrospectives.controller';
import { RetrospectivesService } from './retrospectives.service';
import { TemplatesRepository } from './templates.repository';
import { TemplatesService } from './templates.service';
import { VotesService } from './votes.service';

/** Retrospectives: templates, phases, cards, groups, votes, notes, action items, export. */
@Module({
  imports: [IdentityModule, BacklogModule, CeremonyLinksModule],
  controllers: [RetrospectivesController, RetroBoardController],
  providers: [
    RetroAccess,
    RetroAuthors,
    RetroRepository,
    RetroActionsRepository,
    TemplatesRepository,
    RetroReader,
    RetrospectivesService,
    CardsService,
    VotesService,
    DiscussService,
    TemplatesService,
  ],
  exports: [RetrospectivesService],
})
export class RetrospectiveModule {}
