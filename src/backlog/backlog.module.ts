import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { BacklogAccess } from './backlog-access';
import { HistoryService } from './history/history.service';
import { BacklogItemsController } from './items/backlog-items.controller';
import { BacklogItemsRepository } from './items/backlog-items.repository';
import { BacklogItemsService } from './items/backlog-items.service';
import { TeamBacklogController } from './items/team-backlog.controller';
import { LabelsController } from './labels/labels.controller';
import { LabelsRepository } from './labels/labels.repository';
import { LabelsService } from './labels/labels.service';
import { RankingRepository } from './ranking/ranking.repository';
import { RankingService } from './ranking/ranking.service';

/** Backlog items, epics, labels, ranking and history. Reaches identity only via AccessPolicy. */
@Module({
  imports: [IdentityModule],
  controllers: [TeamBacklogController, BacklogItemsController, LabelsController],
  providers: [
    BacklogAccess,
    BacklogItemsRepository,
    BacklogItemsService,
    RankingRepository,
    RankingService,
    HistoryService,
    LabelsRepository,
    LabelsService,
  ],
  exports: [BacklogItemsService, LabelsService, BacklogAccess],
})
export class BacklogModule {}
