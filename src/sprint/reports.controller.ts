import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import {
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
import { RequestLocale } from '../i18n/locale-hints.decorator';
import { Localizer, type LocaleHints } from '../i18n/localizer.service';
import { Vocabulary } from '../i18n/vocabulary.service';
import { chartLabels, ChartLabels, lineChart } from './reports/svg';

const SVG = 'image/svg+xml; charset=utf-8';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly localizer: Localizer,
    private readonly vocabulary: Vocabulary,
  ) {}

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

  @Get('sprints/:sprintId/burndown.svg')
  @Header('Content-Type', SVG)
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: "Burndown chart as SVG, in the team's language" })
  @ApiResponse({ status: 200, description: 'SVG image' })
  @ApiProblems(400, 401, 404, 409)
  async burndownSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return this.burnSvg(actor, id, q.unit ?? 'points', 'burndown', hints);
  }

  @Get('sprints/:sprintId/burnup.svg')
  @Header('Content-Type', SVG)
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: "Burnup chart as SVG, in the team's language" })
  @ApiResponse({ status: 200, description: 'SVG image' })
  @ApiProblems(400, 401, 404, 409)
  async burnupSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return this.burnSvg(actor, id, q.unit ?? 'points', 'burnup', hints);
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

  @Get('teams/:teamId/velocity.svg')
  @Header('Content-Type', SVG)
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: "Velocity chart as SVG, in the team's language" })
  @ApiResponse({ status: 200, description: 'SVG image' })
  @ApiProblems(401, 404, 409)
  async velocitySvg(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    const v = await this.reports.velocity(actor, teamId);
    const l = await this.labels(hints, teamId);
    return lineChart(
      l.velocity,
      v.sprints.map((s) => s.name),
      [
        { name: l.committed, values: v.sprints.map((s) => s.committed), dashed: true },
        { name: l.completed, values: v.sprints.map((s) => s.completed) },
      ],
      l.points,
      l.number,
    );
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

  @Get('teams/:teamId/cumulative-flow.svg')
  @Header('Content-Type', SVG)
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: "Cumulative flow chart as SVG (stacked), in the team's language" })
  @ApiResponse({ status: 200, description: 'SVG image' })
  @ApiProblems(400, 401, 404)
  async cumulativeFlowSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    const f = await this.reports.cumulativeFlow(actor, teamId, q);
    const l = await this.labels(hints, teamId);
    // Stacked: done at the bottom, so each line is the running total of its band and those below.
    const order = [...f.statuses].reverse();
    const series = order.map((s, n) => ({
      name: s.name,
      values: f.days.map((d) => order.slice(0, n + 1).reduce((sum, o) => sum + d.counts[o.id], 0)),
    }));
    return lineChart(
      l.cfd,
      f.days.map((d) => l.day(d.date)),
      series,
      l.items,
      l.number,
    );
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

  private async burnSvg(
    actor: Actor,
    id: string,
    unit: 'points' | 'items',
    kind: 'burndown' | 'burnup',
    hints: LocaleHints,
  ): Promise<string> {
    const b = await this.reports.burn(actor, id, unit);
    const l = await this.labels(hints, (await this.reports.teamOfSprint(id)) as string);
    const labels = b.points.map((p) => l.day(p.date));
    const series =
      kind === 'burndown'
        ? [
            { name: l.remaining, values: b.points.map((p) => p.remaining) },
            { name: l.ideal, values: b.points.map((p) => p.ideal), dashed: true },
          ]
        : [
            { name: l.completed, values: b.points.map((p) => p.completed) },
            { name: l.scope, values: b.points.map((p) => p.scope), dashed: true },
          ];
    return lineChart(l[kind], labels, series, l[unit], l.number);
  }

  /** The reader's language (docs/i18n.md), with the team's own words for Scrum's terms. */
  private async labels(hints: LocaleHints, teamId: string): Promise<ChartLabels> {
    const lang = await this.localizer.resolve(hints, teamId);
    return chartLabels(this.localizer, lang, await this.vocabulary.terms(teamId, lang));
  }
}
