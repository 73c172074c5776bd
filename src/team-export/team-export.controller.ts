import { Readable } from 'node:stream';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { TeamExportService } from './team-export.service';

@ApiTags('import and export')
@ApiBearerAuth()
@Controller('teams/:teamId/export')
export class TeamExportController {
  constructor(private readonly exports: TeamExportService) {}

  @Get()
  @ApiOperation({
    summary: 'The whole team as one JSON document (streamed), importable into another team',
    description:
      '`{format: "ritmo-team-export", version, exportedAt, team, members, labels, sprints, ' +
      'items (backlog order, archived too), events (the whole log)}`. POST it to ' +
      '…/imports to copy the backlog into another team. See docs/import-export.md.',
  })
  @ApiProduces('application/json')
  @ApiResponse({ status: 200, description: 'The export document' })
  @ApiProblems(401, 404)
  async export(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const chunks = await this.exports.export(actor, teamId);
    void reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="ritmo-team-${teamId}.json"`);
    return Readable.from(chunks);
  }
}
