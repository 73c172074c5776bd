import { Module } from '@nestjs/common';
import { BacklogModule } from '../backlog/backlog.module';
import { IdentityModule } from '../identity/identity.module';
import { SprintModule } from '../sprint/sprint.module';
import { TeamExportController } from './team-export.controller';
import { TeamExportService } from './team-export.service';

/** A team as one JSON document (docs/import-export.md); read only, through the owners' services. */
@Module({
  imports: [IdentityModule, BacklogModule, SprintModule],
  controllers: [TeamExportController],
  providers: [TeamExportService],
})
export class TeamExportModule {}
