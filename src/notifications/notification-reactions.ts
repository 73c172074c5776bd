import { Injectable } from '@nestjs/common';
import type { EventEnvelope, EventType } from '../events/event-catalogue';
import { OnCommitted } from '../events/on-committed.decorator';
import { NotificationDelivery } from './notification-delivery';
import { NotificationSources } from './notification-sources';

/**
 * Which committed events notify whom (docs/notifications.md). Declared reactions of the spine:
 * they run after COMMIT and change no answer. Each names its source so that a replay of the
 * same event (or a second instance reacting to it) notifies nobody twice.
 */
/** The event types some reaction below turns into notifications. */
export const NOTIFYING_TYPES = [
  'comment.created',
  'comment.updated',
  'backlog_item.created',
  'backlog_item.updated',
  'board.item_moved',
  'impediment.updated',
  'team.invitation_created',
] as const satisfies readonly EventType[];

@Injectable()
export class NotificationReactions {
  constructor(
    private readonly delivery: NotificationDelivery,
    private readonly sources: NotificationSources,
  ) {}

  /**
   * The same reactions for an event read back from the log (the scheduler's sweep): what the
   * live reaction already did is found done, what a crash between COMMIT and the reaction lost
   * is done now.
   */
  async replay(event: EventEnvelope): Promise<void> {
    switch (event.type as string) {
      case 'comment.created':
      case 'comment.updated':
        return this.mentioned(event as EventEnvelope<'comment.created'>);
      case 'backlog_item.created':
      case 'backlog_item.updated':
        return this.itemChanged(event as EventEnvelope<'backlog_item.updated'>);
      case 'board.item_moved':
        return this.cardMoved(event as EventEnvelope<'board.item_moved'>);
      case 'impediment.updated':
        return this.impedimentResolved(event as EventEnvelope<'impediment.updated'>);
      case 'team.invitation_created':
        return this.invited(event as EventEnvelope<'team.invitation_created'>);
      default:
        return;
    }
  }

  /**
   * A mention notifies once per comment and person: an edit that adds a mention notifies the
   * new person only (the source is the comment, not the event).
   */
  @OnCommitted('comment.created', 'comment.updated')
  async mentioned(event: EventEnvelope<'comment.created' | 'comment.updated'>): Promise<void> {
    const { comment } = event.data;
    if (comment.mentions.length === 0) return;
    const title =
      comment.targetType === 'backlog_item'
        ? (await this.sources.item(event.teamId, comment.targetId))?.title
        : await this.sources.impedimentTitle(event.teamId, comment.targetId);
    if (title === undefined) return;
    await this.delivery.notify({
      teamId: event.teamId,
      kind: 'mentioned',
      recipients: comment.mentions,
      actorId: event.actorId,
      eventId: event.id,
      sourceKey: `comment:${comment.id}`,
      subjectType: comment.targetType,
      subjectId: comment.targetId,
      title,
      data: { commentId: comment.id, targetType: comment.targetType },
      createdAt: new Date(event.occurredAt),
    });
  }

  @OnCommitted('backlog_item.created', 'backlog_item.updated')
  async itemChanged(
    event: EventEnvelope<'backlog_item.created' | 'backlog_item.updated'>,
  ): Promise<void> {
    const { item } = event.data;
    const changes = 'changes' in event.data ? event.data.changes : undefined;
    const assigned = changes
      ? changes.some((c) => c.field === 'assigneeId') && item.assigneeId
      : item.assigneeId;
    const base = {
      teamId: event.teamId,
      actorId: event.actorId,
      eventId: event.id,
      sourceKey: event.id,
      subjectType: 'backlog_item' as const,
      subjectId: item.id,
      title: item.title,
      createdAt: new Date(event.occurredAt),
    };
    if (assigned) await this.delivery.notify({ ...base, kind: 'assigned', recipients: [assigned] });
    if (changes?.some((c) => c.field === 'status'))
      await this.delivery.notify({
        ...base,
        kind: 'status_changed',
        // Who was just assigned hears about the assignment, not also about the status.
        recipients: [item.createdBy, item.assigneeId].filter((id) => id !== assigned),
        data: { status: item.status },
      });
  }

  /** A card moved to a column of another category changes the item's status. */
  @OnCommitted('board.item_moved')
  async cardMoved(event: EventEnvelope<'board.item_moved'>): Promise<void> {
    const { from, to, itemId } = event.data;
    if (from.category === to.category) return;
    const item = await this.sources.item(event.teamId, itemId);
    if (!item) return;
    await this.delivery.notify({
      teamId: event.teamId,
      kind: 'status_changed',
      recipients: [item.created_by, item.assignee_id],
      actorId: event.actorId,
      eventId: event.id,
      sourceKey: event.id,
      subjectType: 'backlog_item',
      subjectId: item.id,
      title: item.title,
      data: { status: to.category },
      createdAt: new Date(event.occurredAt),
    });
  }

  @OnCommitted('impediment.updated')
  async impedimentResolved(event: EventEnvelope<'impediment.updated'>): Promise<void> {
    const { impediment, changes } = event.data;
    if (impediment.status !== 'resolved' || !changes.includes('status')) return;
    await this.delivery.notify({
      teamId: event.teamId,
      kind: 'impediment_resolved',
      recipients: [impediment.reportedBy],
      actorId: event.actorId,
      eventId: event.id,
      sourceKey: event.id,
      subjectType: 'impediment',
      subjectId: impediment.id,
      title: impediment.title,
      createdAt: new Date(event.occurredAt),
    });
  }

  /**
   * Someone with an account was invited: the bell says so (the invitation's email with its
   * link comes from src/mail). An invitation is to someone not yet in the team, so this one
   * notification skips the membership rule.
   */
  @OnCommitted('team.invitation_created')
  async invited(event: EventEnvelope<'team.invitation_created'>): Promise<void> {
    const invitee = await this.sources.invitee(event.data.invitationId);
    const team = await this.sources.team(event.teamId);
    if (!invitee?.user_id || !team) return;
    await this.delivery.notify(
      {
        teamId: event.teamId,
        kind: 'invited',
        recipients: [invitee.user_id],
        actorId: event.actorId,
        eventId: event.id,
        sourceKey: event.id,
        subjectType: 'team',
        subjectId: event.teamId,
        title: team.name,
        data: { role: event.data.role, invitationId: event.data.invitationId },
        createdAt: new Date(event.occurredAt),
      },
      { membersOnly: false },
    );
  }
}
