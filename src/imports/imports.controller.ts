import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SkipIdempotency } from '../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { RequestLocale } from '../i18n/locale-hints.decorator';
import { Localizer, type LocaleHints } from '../i18n/localizer.service';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { ImportDto, ImportReportDto, ImportUploadDto } from './dto/import.dto';
import { NotMultipartError } from './import-errors';
import { ImportsService, UploadPart } from './imports.service';

/** The multipart parts of @fastify/multipart as the service reads them: fields, then the file. */
async function* partsOf(request: FastifyRequest): AsyncGenerator<UploadPart> {
  if (!request.isMultipart()) throw new NotMultipartError();
  for await (const part of request.parts()) {
    if (part.type === 'file') yield { kind: 'file', fileName: part.filename, stream: part.file };
    else yield { kind: 'field', name: part.fieldname, value: String(part.value) };
  }
}

@ApiTags('import and export')
@ApiBearerAuth()
@Controller('teams/:teamId/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly localizer: Localizer,
  ) {}

  @Post()
  // The import is idempotent by its content: rows already imported are recognised and skipped.
  @SkipIdempotency()
  @ApiOperation({
    summary: 'Import a spreadsheet (CSV) into the backlog: a dry-run report, or a background job',
    description:
      'multipart/form-data: the fields `dryRun`, `encoding`, `mapping` first, the `file` last. ' +
      '`dryRun=true` answers 200 with the report and writes nothing; otherwise 202 with the job ' +
      '(progress: events `import.progressed` on the team, or GET …/imports/{id}). ' +
      'See docs/import-export.md.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiResponse({ status: 200, type: ImportReportDto, description: 'Dry run: the report' })
  @ApiResponse({ status: 202, type: ImportDto, description: 'The job, queued' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  async upload(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @RequestLocale() hints: LocaleHints,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto | ImportDto> {
    const lang = await this.localizer.resolve(hints, teamId);
    const answer = await this.imports.upload(actor, teamId, partsOf(request), lang);
    void reply.status(answer.dryRun ? 200 : 202);
    return answer.dryRun ? answer.report : answer.job;
  }

  @Get(':importId')
  @ApiOperation({ summary: 'An import job: state, done/total, rows that failed' })
  @ApiResponse({ status: 200, type: ImportDto })
  @ApiProblems(401, 404)
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('importId', 'Import') importId: string,
  ): Promise<ImportDto> {
    return this.imports.get(actor, teamId, importId);
  }
}
