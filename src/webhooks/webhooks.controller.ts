import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etag, parseIfMatch } from '../common/concurrency';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/auth/auth.decorators';
import {
  CreateWebhookDto,
  DeliveryDto,
  ReplayDto,
  RotateSecretDto,
  UpdateWebhookDto,
  WebhookCreatedDto,
  WebhookDto,
  WebhookSecretDto,
} from './dto/webhook.dto';
import { DeliveriesQueryDto } from './dto/deliveries-query.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('teams/:teamId/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to team events; the signing secret is shown once' })
  @ApiResponse({ status: 201, type: WebhookCreatedDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Body() dto: CreateWebhookDto,
  ) {
    return this.webhooks.create(actor, teamId, dto);
  }

  @Get()
  @ApiOperation({ summary: "List the team's webhook subscriptions (never their secrets)" })
  @ApiResponse({ status: 200, type: [WebhookDto] })
  @ApiProblems(401, 403, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('teamId', 'Team') teamId: string) {
    return this.webhooks.list(actor, teamId);
  }

  @Get(':webhookId')
  @ApiOperation({ summary: 'Get a subscription, with why it was disabled if it was' })
  @ApiResponse({ status: 200, type: WebhookDto })
  @ApiProblems(401, 403, 404)
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const webhook = await this.webhooks.get(actor, teamId, id);
    void reply.header('ETag', etag(webhook.version));
    return webhook;
  }

  @Patch(':webhookId')
  @ApiOperation({
    summary: 'Change URL, filter or description; `active: true` re-enables a disabled one',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiResponse({ status: 200, type: WebhookDto })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateWebhookDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const webhook = await this.webhooks.update(actor, teamId, id, parseIfMatch(ifMatch), dto);
    void reply.header('ETag', etag(webhook.version));
    return webhook;
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
  ) {
    return this.webhooks.remove(actor, teamId, id);
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'New signing secret; the old one keeps signing during the grace period',
  })
  @ApiResponse({ status: 200, type: WebhookSecretDto })
  @ApiProblems(400, 401, 403, 404)
  rotate(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
    @Body() dto: RotateSecretDto,
  ) {
    return this.webhooks.rotateSecret(actor, teamId, id, dto);
  }

  @Post(':webhookId/ping')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a signed webhook.ping now and return the delivery' })
  @ApiResponse({ status: 200, type: DeliveryDto })
  @ApiProblems(401, 403, 404)
  ping(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
  ) {
    return this.webhooks.ping(actor, teamId, id);
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({ summary: 'Delivery log of the last 30 days, newest first' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiResponse({ status: 200, type: [DeliveryDto] })
  @ApiProblems(400, 401, 403, 404)
  deliveries(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
    @Query() query: DeliveriesQueryDto,
  ) {
    return this.webhooks.deliveries(actor, teamId, id, query.limit ?? 50);
  }

  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: "Send a past delivery's event again now (new delivery id)" })
  @ApiResponse({ status: 200, type: DeliveryDto })
  @ApiProblems(401, 403, 404, 409)
  redeliver(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
    @UuidParam('deliveryId', 'Delivery') deliveryId: string,
  ) {
    return this.webhooks.redeliver(actor, teamId, id, deliveryId);
  }

  @Post(':webhookId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver again, in order, every matching event from a seq on' })
  @ApiResponse({ status: 200, type: WebhookDto })
  @ApiProblems(400, 401, 403, 404, 410)
  replay(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @UuidParam('webhookId', 'Webhook') id: string,
    @Body() dto: ReplayDto,
  ) {
    return this.webhooks.replay(actor, teamId, id, dto);
  }
}
