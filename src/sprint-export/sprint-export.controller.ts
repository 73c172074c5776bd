import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/auth/auth.decorators';
import { RequestLocale } from '../i18n/locale-hints.decorator';
import type { LocaleHints } from '../i18n/localizer.service';
import { SprintExportService } from './sprint-export.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class SprintExportController {
  constructor(private readonly exports: SprintExportService) {}

  @Get('sprints/:sprintId/report.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  @ApiProduces('text/html')
  @ApiOperation({
    summary:
      'The sprint report as one printable page (A4): goal, numbers, items, burndown, review outcome, retrospective actions',
  })
  @ApiResponse({
    status: 200,
    description: 'A self-contained HTML page (no script, nothing external)',
  })
  @ApiProblems(400, 401, 404, 409)
  report(
    @CurrentActor() actor: Actor,
    @UuidParam('sprintId', 'Sprint') id: string,
    @RequestLocale() hints: LocaleHints,
  ): Promise<string> {
    return this.exports.html(actor, id, hints);
  }
}
