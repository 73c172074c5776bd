import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { BoardService } from './board.service';
import { PlanningService } from './planning.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SprintAccess } from './sprint-access';
import { SprintHooks } from './sprint-hooks';
import { SprintRepository } from './sprint.repository';
import { SprintsController } from './sprints.controller';
import { SprintsService } from './sprints.service';
import { WorkflowController } from './workflow.controller';
import { WorkflowService } from './workflow.service';

/** Sprints, planning, capacity, the board with its workflow, and reports from the event log. */
@Module({
  imports: [IdentityModule],
  controllers: [SprintsController, WorkflowController, ReportsController],
  providers: [
    SprintAccess,
    SprintRepository,
    WorkflowService,
    BoardService,
    SprintsService,
    PlanningService,
    ReportsService,
    SprintHooks,
  ],
  exports: [SprintHooks],
})
export class SprintModule {}
