import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
  withTranslationKey,
} from '../common/errors/domain-error';
import { RuntimeConfig } from '../config/runtime-config';
import { TransactionService } from '../database/transaction.service';
import { Localizer } from '../i18n/localizer.service';
import { AccessPolicy } from '../identity/access/access.policy';
import { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import { EventCursor } from '../events/event-cursor';
import { toEnvelope } from '../events/event-log';
import { EventsReader } from '../events/events.reader';
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
import { isKnownFilter } from './event-filter';
import { checkUrlForm, resolveTarget } from './ssrf';
import { newWebhookSecret, SecretBox } from './webhook-crypto';
import { WebhookDispatcher } from './webhook-dispatcher';
import { toDeliveryDto, toWebhookDto, toWebhookSnapshot } from './webhook.mapper';
import { SubscriptionRow, WebhooksRepository } from './webhooks.repository';

@Injectable()
export class WebhooksService {
  private readonly box: SecretBox;

  constructor(
    private readonly access: AccessPolicy,
    private readonly repository: WebhooksRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly events: EventLog,
    private readonly cursor: EventCursor,
    private readonly reader: EventsReader,
    private readonly tx: TransactionService,
    private readonly config: RuntimeConfig,
    private readonly localizer: Localizer,
  ) {
    this.box = new SecretBox(config.jwtSecret);
  }

  async create(actor: Actor, teamId: string, dto: CreateWebhookDto): Promise<WebhookCreatedDto> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    await this.checkTarget(dto.url);
    this.checkFilters(dto.events);
    const secret = newWebhookSecret();
    return this.tx.run(async (m) => {
      const row = await this.repository.insert(m, {
        teamId,
        url: dto.url,
        description: dto.description ?? null,
        eventTypes: dto.events,
        secret: this.box.seal(secret),
        createdBy: actor.userId,
      });
      await this.events.append(m, {
        teamId,
        type: 'webhook.created',
        actorId: actor.userId,
        data: { webhook: toWebhookSnapshot(row) },
      });
      return { ...toWebhookDto(row), secret };
    });
  }

  async list(actor: Actor, teamId: string): Promise<WebhookDto[]> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    return (await this.repository.list(teamId)).map(toWebhookDto);
  }

  async get(actor: Actor, teamId: string, id: string): Promise<WebhookDto> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    return toWebhookDto(await this.found(teamId, id));
  }

  async update(
    actor: Actor,
    teamId: string,
    id: string,
    version: number,
    dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    if (dto.url !== undefined) await this.checkTarget(dto.url);
    if (dto.events !== undefined) this.checkFilters(dto.events);
    const row = await this.tx.run(async (m) => {
      const updated = await this.repository.update(m, teamId, id, version, {
        ...dto,
        eventTypes: dto.events,
      });
      if (!updated) {
        const current = await this.found(teamId, id, m);
        throw new PreconditionFailedError(
          `The webhook changed since version ${version}`,
          toWebhookDto(current),
        );
      }
      const changes = Object.keys(dto).filter(
        (key) => dto[key as keyof UpdateWebhookDto] !== undefined,
      );
      await this.events.append(m, {
        teamId,
        type: 'webhook.updated',
        actorId: actor.userId,
        data: { webhook: toWebhookSnapshot(updated), changes },
      });
      return updated;
    });
    if (row.active) this.dispatcher.kick();
    return toWebhookDto(row);
  }

  async remove(actor: Actor, teamId: string, id: string): Promise<void> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    await this.tx.run(async (m) => {
      if (!(await this.repository.remove(m, teamId, id))) throw new NotFoundError('Webhook', id);
      await this.events.append(m, {
        teamId,
        type: 'webhook.deleted',
        actorId: actor.userId,
        data: { webhookId: id },
      });
    });
  }

  async rotateSecret(
    actor: Actor,
    teamId: string,
    id: string,
    dto: RotateSecretDto,
  ): Promise<WebhookSecretDto> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    const secret = newWebhookSecret();
    // The answer is built inside the transaction: it is what the idempotency record stores.
    return this.tx.run(async (m) => {
      const rotated = await this.repository.rotateSecret(
        m,
        teamId,
        id,
        this.box.seal(secret),
        dto.graceHours ?? 24,
      );
      if (!rotated) throw new NotFoundError('Webhook', id);
      await this.changed(m, actor, rotated, ['secret']);
      return {
        secret,
        previousSecretExpiresAt: rotated.previous_secret_expires_at?.toISOString() ?? null,
      };
    });
  }

  async ping(actor: Actor, teamId: string, id: string): Promise<DeliveryDto> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    const subscription = await this.found(teamId, id);
    const delivery = await this.repository.newDelivery(
      undefined,
      subscription,
      'ping',
      null,
      'webhook.ping',
    );
    const outcome = await this.dispatcher.post(subscription, delivery.id, {
      id: randomUUID(),
      seq: null,
      teamId,
      type: 'webhook.ping',
      occurredAt: new Date().toISOString(),
      actorId: actor.userId,
      data: {
        webhookId: id,
        // Read later by the receiver's people, not by this request's reader: the team's language.
        message: this.localizer.t(await this.localizer.teamLang(teamId), 'webhooks.ping'),
      },
    });
    await this.repository.recordAttempt(undefined, delivery.id, outcome, true);
    return toDeliveryDto((await this.repository.delivery(id, delivery.id)) ?? delivery);
  }

  async deliveries(
    actor: Actor,
    teamId: string,
    id: string,
    limit: number,
  ): Promise<DeliveryDto[]> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    await this.found(teamId, id);
    return (await this.repository.deliveries(id, limit)).map(toDeliveryDto);
  }

  /** Sends the event of a past delivery again, now, under a new delivery id. */
  async redeliver(
    actor: Actor,
    teamId: string,
    id: string,
    deliveryId: string,
  ): Promise<DeliveryDto> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    const subscription = await this.found(teamId, id);
    const original = await this.repository.delivery(id, deliveryId);
    if (!original || original.event_seq === null) throw new NotFoundError('Delivery', deliveryId);
    const seq = Number(original.event_seq);
    const event = await this.cursor
      .check(teamId, seq - 1)
      .then(() => this.reader.after(teamId, seq - 1, 1))
      .then((rows) => rows.map(toEnvelope)[0])
      .catch(() => undefined);
    if (!event || event.seq !== seq)
      throw new ConflictError('event-unavailable', `Event ${seq} can no longer be read`);
    const delivery = await this.repository.newDelivery(
      undefined,
      subscription,
      'redelivery',
      seq,
      event.type,
    );
    const outcome = await this.dispatcher.post(subscription, delivery.id, event);
    await this.repository.recordAttempt(undefined, delivery.id, outcome, true);
    return toDeliveryDto((await this.repository.delivery(id, delivery.id)) ?? delivery);
  }

  async replay(actor: Actor, teamId: string, id: string, dto: ReplayDto): Promise<WebhookDto> {
    await this.access.requireTeamPermission(actor, teamId, 'webhooks.manage');
    await this.cursor.check(teamId, dto.fromSeq - 1);
    const webhook = await this.tx.run(async (m) => {
      const replayed = await this.repository.replayFrom(m, teamId, id, dto.fromSeq);
      if (!replayed) throw new NotFoundError('Webhook', id);
      await this.changed(m, actor, replayed, ['cursor']);
      return toWebhookDto(replayed);
    });
    this.dispatcher.kick();
    return webhook;
  }

  /** Rotation and replay change the subscription too: they go in the team's log like any change. */
  private async changed(
    m: EntityManager,
    actor: Actor,
    row: SubscriptionRow,
    changes: string[],
  ): Promise<void> {
    await this.events.append(m, {
      teamId: row.team_id,
      type: 'webhook.updated',
      actorId: actor.userId,
      data: { webhook: toWebhookSnapshot(row), changes },
    });
  }

  private async found(
    teamId: string,
    id: string,
    m?: Parameters<WebhooksRepository['find']>[2],
  ): Promise<SubscriptionRow> {
    const row = await this.repository.find(teamId, id, m);
    if (!row) throw new NotFoundError('Webhook', id);
    return row;
  }

  private async checkTarget(url: string): Promise<void> {
    await resolveTarget(checkUrlForm(url, this.config.webhooks), this.config.webhooks);
  }

  private checkFilters(filters: string[]): void {
    const unknown = filters.filter((filter) => !isKnownFilter(filter));
    if (unknown.length > 0) {
      throw new ValidationFailedError(
        unknown.map((filter) =>
          withTranslationKey(
            { field: 'events', message: `${filter} is not an event type (see docs/realtime.md)` },
            'eventType',
            { filter },
          ),
        ),
      );
    }
  }
}
