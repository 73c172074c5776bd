import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch, VersionETag } from '../../common/concurrency';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import { CreateLabelDto, LabelDto, UpdateLabelDto } from './dto/label.dto';
import { LabelsService } from './labels.service';

const IF_MATCH = {
  name: 'If-Match',
  required: true,
  description: 'The ETag of the label, e.g. "3"',
};

@ApiTags('backlog')
@ApiBearerAuth()
@Controller('teams/:teamId/labels')
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get()
  @ApiOperation({ summary: "List the team's labels by name" })
  @ApiResponse({ status: 200, type: [LabelDto] })
  @ApiProblems(401, 404)
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
  ): Promise<LabelDto[]> {
    return this.labels.list(actor, teamId);
  }

  @Post()
  @VersionETag()
  @ApiOperation({ summary: 'Create a label (names are unique per team, ignoring case)' })
  @ApiResponse({ status: 201, type: LabelDto })
  @ApiProblems(400, 401, 403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateLabelDto,
  ): Promise<LabelDto> {
    return this.labels.create(actor, teamId, dto);
  }

  @Patch(':labelId')
  @ApiOperation({ summary: 'Rename or recolour a label' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 200, type: LabelDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('labelId', 'Label') labelId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateLabelDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LabelDto> {
    const label = await this.labels.update(actor, teamId, labelId, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(label.version));
    return label;
  }

  @Delete(':labelId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a label and take it off every item' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404, 412, 428)
  delete(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('labelId', 'Label') labelId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.labels.delete(actor, teamId, labelId, parseIfMatch(ifMatch));
  }
}
