import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import {
  AgingWipDto,
  BurnQuery,
  BurnReportDto,
  CumulativeFlowDto,
  FlowQuery,
  FlowTimesDto,
  FlowTimesQuery,
  SprintReportDto,
  VelocityDto,
} from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('sprints/:sprintId/burndown')
  @ApiOperation({
    summary: 'Burndown per day (remaining, completed, scope, ideal) from the event log',
  })
  @ApiResponse({ status: 200, type: BurnReportDto })
  @ApiProblems(400, 401, 404, 409)
  burndown(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnQuery,
  ): Promise<BurnReportDto> {
    return this.reports.burn(actor, id, q.unit ?? 'points');
  }

  @Get('sprints/:sprintId/burnup')
  @ApiOperation({ summary: 'Burnup per day (completed against the scope line)' })
  @ApiResponse({ status: 200, type: BurnReportDto })
  @ApiProblems(400, 401, 404, 409)
  burnup(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnQuery,
  ): Promise<BurnReportDto> {
    return this.reports.burn(actor, id, q.unit ?? 'points');
  }

  @Get('sprints/:sprintId/report')
  @ApiOperation({
    summary: 'Sprint report: committed, completed, added, removed, re-estimated, carried over',
  })
  @ApiResponse({ status: 200, type: SprintReportDto })
  @ApiProblems(401, 404, 409)
  report(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
  ): Promise<SprintReportDto> {
    return this.reports.report(actor, id);
  }

  @Get('teams/:teamId/velocity')
  @ApiOperation({ summary: 'Committed vs completed points of the last completed sprints' })
  @ApiResponse({ status: 200, type: VelocityDto })
  @ApiProblems(401, 404, 409)
  velocity(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<VelocityDto> {
    return this.reports.velocity(actor, teamId);
  }

  @Get('teams/:teamId/cumulative-flow')
  @ApiOperation({ summary: 'Cumulative flow: items per column at the end of each day' })
  @ApiResponse({ status: 200, type: CumulativeFlowDto })
  @ApiProblems(400, 401, 404)
  cumulativeFlow(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowQuery,
  ): Promise<CumulativeFlowDto> {
    return this.reports.cumulativeFlow(actor, teamId, q);
  }

  @Get('teams/:teamId/flow-times')
  @ApiOperation({ summary: 'Cycle and lead time per finished item, with p50/p85/p95' })
  @ApiResponse({ status: 200, type: FlowTimesDto })
  @ApiProblems(400, 401, 404)
  flowTimes(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesQuery,
  ): Promise<FlowTimesDto> {
    return this.reports.flowTimes(actor, teamId, q.sinceDays);
  }

  @Get('teams/:teamId/aging-wip')
  @ApiOperation({
    summary:
      'Aging work in progress: items in progress by column with their age, and cycle-time percentiles',
  })
  @ApiResponse({ status: 200, type: AgingWipDto })
  @ApiProblems(400, 401, 404)
  agingWip(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesQuery,
  ): Promise<AgingWipDto> {
    return this.reports.agingWip(actor, teamId, q.sinceDays);
  }
}
