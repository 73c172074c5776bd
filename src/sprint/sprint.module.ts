import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { WorkdaysModule } from '../workdays/workdays.module';
import { BoardItemsRepository } from './board-items.repository';
import { BoardService } from './board.service';
import { ForecastController } from './forecast/forecast.controller';
import { ForecastRepository } from './forecast/forecast.repository';
import { ForecastService } from './forecast/forecast.service';
import { PlanningService } from './planning.service';
import { ReportChartsController } from './report-charts.controller';
import { ReportChartsService } from './report-charts.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SprintAccess } from './sprint-access';
import { SprintHooks } from './sprint-hooks';
import { SprintsController } from './sprints.controller';
import { SprintsRepository } from './sprints.repository';
import { SprintsService } from './sprints.service';
import { WorkflowController } from './workflow.controller';
import { WorkflowRepository } from './workflow.repository';
import { WorkflowService } from './workflow.service';

/** Sprints, planning, capacity, the board with its workflow, and reports from the event log. */
@Module({
  imports: [IdentityModule, WorkdaysModule],
  controllers: [
    SprintsController,
    WorkflowController,
    ReportsController,
    ReportChartsController,
    ForecastController,
  ],
  providers: [
    SprintAccess,
    WorkflowRepository,
    SprintsRepository,
    BoardItemsRepository,
    WorkflowService,
    BoardService,
    SprintsService,
    PlanningService,
    ReportsService,
    ReportChartsService,
    ForecastRepository,
    ForecastService,
    SprintHooks,
  ],
  exports: [SprintHooks, SprintsService, ReportsService, ReportChartsService],
})
export class SprintModule {}
