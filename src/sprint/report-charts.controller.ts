import { applyDecorators, Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { EChartsOption } from 'echarts';
import { toCsv, type ChartSpec } from '../charts';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { RequestLocale } from '../i18n/locale-hints.decorator';
import type { LocaleHints } from '../i18n/localizer.service';
import {
  BurnCsvQuery,
  BurnQuery,
  CsvQuery,
  FlowCsvQuery,
  FlowQuery,
  FlowTimesCsvQuery,
  FlowTimesQuery,
} from './dto/report.dto';
import { ReportChartsService } from './report-charts.service';
import { renderSvg } from './reports/render-svg';

/** An SVG chart route: the reader's language, role="img", a title and a description. */
function SvgChart(summary: string, ...problems: number[]) {
  return applyDecorators(
    Header('Content-Type', 'image/svg+xml; charset=utf-8'),
    ApiProduces('image/svg+xml'),
    ApiOperation({ summary }),
    ApiResponse({ status: 200, description: 'SVG image (role="img", <title>, <desc>)' }),
    ApiProblems(...problems),
  );
}

/** The chart's data table as CSV (RFC 4180, UTF-8 with BOM so spreadsheets read accents). */
function CsvTable(summary: string, file: string, ...problems: number[]) {
  return applyDecorators(
    Header('Content-Type', 'text/csv; charset=utf-8'),
    Header('Content-Disposition', `attachment; filename="${file}.csv"`),
    ApiProduces('text/csv'),
    ApiOperation({ summary }),
    ApiResponse({ status: 200, description: "CSV: a header row in the reader's language" }),
    ApiProblems(...problems),
  );
}

const csv = (spec: ChartSpec<EChartsOption>, q: CsvQuery) =>
  '\ufeff' + toCsv(spec.table, q.delimiter === 'semicolon' ? ';' : ',');

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportChartsController {
  constructor(private readonly charts: ReportChartsService) {}

  @Get('sprints/:sprintId/burndown.svg')
  @SvgChart('Burndown chart, with days off shaded and scope changes marked', 400, 401, 404, 409)
  async burndownSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return renderSvg(await this.charts.burn(actor, id, q.unit ?? 'points', 'burndown', hints));
  }

  @Get('sprints/:sprintId/burndown.csv')
  @CsvTable('Burndown points as CSV (the table beside the chart)', 'burndown', 400, 401, 404, 409)
  async burndownCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnCsvQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return csv(await this.charts.burn(actor, id, q.unit ?? 'points', 'burndown', hints), q);
  }

  @Get('sprints/:sprintId/burnup.svg')
  @SvgChart('Burnup chart: completed against the scope line', 400, 401, 404, 409)
  async burnupSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return renderSvg(await this.charts.burn(actor, id, q.unit ?? 'points', 'burnup', hints));
  }

  @Get('sprints/:sprintId/burnup.csv')
  @CsvTable('Burnup points as CSV', 'burnup', 400, 401, 404, 409)
  async burnupCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @Query() q: BurnCsvQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return csv(await this.charts.burn(actor, id, q.unit ?? 'points', 'burnup', hints), q);
  }

  @Get('teams/:teamId/velocity.svg')
  @SvgChart('Velocity chart: committed and completed bars per sprint', 400, 401, 404, 409)
  async velocitySvg(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return renderSvg(await this.charts.velocity(actor, teamId, hints));
  }

  @Get('teams/:teamId/velocity.csv')
  @CsvTable('Velocity per sprint as CSV', 'velocity', 400, 401, 404, 409)
  async velocityCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: CsvQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return csv(await this.charts.velocity(actor, teamId, hints), q);
  }

  @Get('teams/:teamId/cumulative-flow.svg')
  @SvgChart('Cumulative flow as stacked bands in workflow order', 400, 401, 404)
  async cumulativeFlowSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return renderSvg(await this.charts.cumulativeFlow(actor, teamId, q, hints));
  }

  @Get('teams/:teamId/cumulative-flow.csv')
  @CsvTable('Cumulative flow per day and column as CSV', 'cumulative-flow', 400, 401, 404)
  async cumulativeFlowCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowCsvQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    const { delimiter, ...flow } = q;
    return csv(await this.charts.cumulativeFlow(actor, teamId, flow, hints), { delimiter });
  }

  @Get('teams/:teamId/cycle-time.svg')
  @SvgChart('Cycle time: a point per finished item, with the 50/85/95th percentiles', 400, 401, 404)
  async cycleTimeSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return renderSvg(await this.charts.flowTime(actor, teamId, 'cycle', q.sinceDays, hints));
  }

  @Get('teams/:teamId/cycle-time.csv')
  @CsvTable('Cycle time per finished item as CSV', 'cycle-time', 400, 401, 404)
  async cycleTimeCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesCsvQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return csv(await this.charts.flowTime(actor, teamId, 'cycle', q.sinceDays, hints), q);
  }

  @Get('teams/:teamId/lead-time.svg')
  @SvgChart('Lead time: a point per finished item, with the 50/85/95th percentiles', 400, 401, 404)
  async leadTimeSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return renderSvg(await this.charts.flowTime(actor, teamId, 'lead', q.sinceDays, hints));
  }

  @Get('teams/:teamId/lead-time.csv')
  @CsvTable('Lead time per finished item as CSV', 'lead-time', 400, 401, 404)
  async leadTimeCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesCsvQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return csv(await this.charts.flowTime(actor, teamId, 'lead', q.sinceDays, hints), q);
  }

  @Get('teams/:teamId/aging-wip.svg')
  @SvgChart('Aging work in progress by column, against the cycle-time percentiles', 400, 401, 404)
  async agingSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return renderSvg(await this.charts.aging(actor, teamId, q.sinceDays, hints));
  }

  @Get('teams/:teamId/aging-wip.csv')
  @CsvTable('Aging work in progress per item as CSV', 'aging-wip', 400, 401, 404)
  async agingCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: FlowTimesCsvQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return csv(await this.charts.aging(actor, teamId, q.sinceDays, hints), q);
  }
}
