import { Module } from '@nestjs/common';
import { BacklogModule } from '../backlog/backlog.module';
import { ReviewModule } from '../ceremony/review/review.module';
import { IdentityModule } from '../identity/identity.module';
import { RetrospectiveModule } from '../retrospective/retrospective.module';
import { SprintModule } from '../sprint/sprint.module';
import { SprintExportController } from './sprint-export.controller';
import { SprintExportService } from './sprint-export.service';

/** Documents made of several modules' data (the sprint report page); owns no table. */
@Module({
  imports: [IdentityModule, BacklogModule, SprintModule, ReviewModule, RetrospectiveModule],
  controllers: [SprintExportController],
  providers: [SprintExportService],
})
export class SprintExportModule {}
