import { Injectable } from '@nestjs/common';
import { CeremonyLinks } from '../ceremony-links.service';
import { EntityManager } from 'typeorm';
import { BacklogItemsService } from '../../backlog/items/backlog-items.service';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { AccessPolicy } from '../../identity/access/access.policy';
import type { TeamAction } from '../../identity/access/permissions';
import type { Actor } from '../../identity/actor';
import { EventLog } from '../../events/event-log';
import { Localizer } from '../../i18n/localizer.service';
import {
  CreateFeedbackDto,
  CreateSprintReviewDto,
  DecideReviewItemDto,
  FeedbackToBacklogDto,
  FeedbackToBacklogResultDto,
  ReviewFeedbackDto,
  SprintReviewDto,
  SprintReviewSummaryDto,
} from './dto/review.dto';
import { toFeedbackDto, toReviewItemDto, toReviewSnapshot } from './review.mapper';
import { ReviewRepository, ReviewRow } from './review.repository';

const TITLE_MAX = 200;

/**
 * Sprint reviews: the scrum master opens one per sprint, the product owner accepts or rejects
 * each demonstrated item, anyone in the team (stakeholders too) leaves feedback, and a feedback
 * entry becomes a backlog item in one transaction.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly ceremonies: CeremonyLinks,
    private readonly repo: ReviewRepository,
    private readonly backlog: BacklogItemsService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly localizer: Localizer,
  ) {}

  async create(actor: Actor, teamId: string, dto: CreateSprintReviewDto): Promise<SprintReviewDto> {
    await this.policy.requireTeamPermission(actor, teamId, 'ceremony.manage');
    const sprintId = dto.sprintId.toLowerCase();
    return this.tx.run(async (m) => {
      if (!(await this.repo.sprint(m, teamId, sprintId)))
        throw new ValidationFailedError([
          { field: 'sprintId', message: 'is not a sprint of this team' },
        ]);
      await this.repo.lockTeam(m, teamId);
      const existing = await this.repo.reviewOfSprint(m, teamId, sprintId);
      if (existing)
        throw new ConflictError('review-exists', 'This sprint already has a review', {
          reviewId: existing.id,
        });
      await this.ceremonies.check(m, teamId, dto.ceremonyId?.toLowerCase(), ['sprint_review']);
      const row = await this.repo.insertReview(m, {
        teamId,
        sprintId,
        ceremonyId: dto.ceremonyId?.toLowerCase() ?? null,
        notes: dto.notes ?? '',
        createdBy: actor.userId,
      });
      await this.events.append(m, {
        teamId,
        type: 'sprint_review.created',
        actorId: actor.userId,
        data: { review: toReviewSnapshot(row) },
      });
      return this.view(m, row);
    });
  }

  async list(actor: Actor, teamId: string): Promise<SprintReviewSummaryDto[]> {
    await this.policy.requireTeamPermission(actor, teamId, 'team.read');
    return (await this.repo.reviews(teamId)).map(toReviewSnapshot);
  }

  async get(actor: Actor, reviewId: string): Promise<SprintReviewDto> {
    const teamId = await this.access(actor, reviewId, 'team.read');
    return this.view(undefined, await this.found(teamId, reviewId));
  }

  /** The product owner's call on one demonstrated item; deciding again replaces it. */
  async decide(
    actor: Actor,
    reviewId: string,
    itemId: string,
    dto: DecideReviewItemDto,
  ): Promise<SprintReviewDto> {
    const teamId = await this.access(actor, reviewId, 'backlog.accept');
    return this.tx.run(async (m) => {
      const review = await this.found(teamId, reviewId, m);
      if (!(await this.repo.itemExists(m, teamId, itemId)))
        throw new NotFoundError('Backlog item', itemId);
      const note = dto.note ?? '';
      const previous = await this.repo.decide(m, {
        teamId,
        reviewId,
        itemId,
        decision: dto.decision,
        note,
        by: actor.userId,
      });
      await this.events.append(m, {
        teamId,
        type: 'sprint_review.item_decided',
        actorId: actor.userId,
        data: { reviewId, itemId, decision: dto.decision, previous, note, decidedBy: actor.userId },
      });
      return this.view(m, review);
    });
  }

  async addFeedback(
    actor: Actor,
    reviewId: string,
    dto: CreateFeedbackDto,
  ): Promise<ReviewFeedbackDto> {
    const teamId = await this.access(actor, reviewId, 'ceremony.participate');
    const itemId = dto.itemId?.toLowerCase() ?? null;
    return this.tx.run(async (m) => {
      await this.found(teamId, reviewId, m);
      if (itemId && !(await this.repo.itemExists(m, teamId, itemId)))
        throw new ValidationFailedError([
          { field: 'itemId', message: 'is not an item of this team' },
        ]);
      const row = await this.repo.insertFeedback(m, {
        teamId,
        reviewId,
        authorId: actor.userId,
        itemId,
        text: dto.text,
      });
      const feedback = toFeedbackDto(row);
      await this.events.append(m, {
        teamId,
        type: 'sprint_review.feedback_added',
        actorId: actor.userId,
        data: { feedback },
      });
      return feedback;
    });
  }

  /** One transaction: the new item (its history names the feedback) and the link to it. */
  async toBacklog(
    actor: Actor,
    reviewId: string,
    feedbackId: string,
    dto: FeedbackToBacklogDto,
  ): Promise<FeedbackToBacklogResultDto> {
    const teamId = await this.access(actor, reviewId, 'backlog.create');
    return this.tx.run(async (m) => {
      const review = await this.found(teamId, reviewId, m);
      const feedback = await this.repo.lockFeedback(m, teamId, reviewId, feedbackId);
      if (!feedback) throw new NotFoundError('Feedback', feedbackId);
      if (feedback.backlog_item_id)
        throw new ConflictError('feedback-in-backlog', 'This feedback is already a backlog item', {
          backlogItemId: feedback.backlog_item_id,
        });
      const sprint = await this.repo.sprint(m, teamId, review.sprint_id);
      const locale = await this.repo.locale(m, teamId);
      const item = await this.backlog.createWithin(
        m,
        actor.userId,
        teamId,
        {
          type: dto.type ?? 'story',
          title: dto.title ?? firstLine(feedback.text),
          description: this.localizer.t(locale, 'review.feedbackDescription', {
            sprint: sprint?.name ?? '',
            text: feedback.text,
          }),
        },
        { kind: 'review_feedback', id: feedbackId },
      );
      const linked = await this.repo.linkFeedback(m, feedbackId, item.id);
      await this.events.append(m, {
        teamId,
        type: 'sprint_review.feedback_converted',
        actorId: actor.userId,
        data: { reviewId, feedbackId, backlogItemId: item.id },
      });
      return { feedback: toFeedbackDto(linked), item };
    });
  }

  private async access(actor: Actor, reviewId: string, action: TeamAction): Promise<string> {
    const teamId = await this.repo.teamOfReview(reviewId);
    if (!teamId) throw new NotFoundError('Sprint review', reviewId);
    try {
      await this.policy.requireTeamPermission(actor, teamId, action);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Sprint review', reviewId);
      throw error;
    }
    return teamId;
  }

  private async found(teamId: string, reviewId: string, m?: EntityManager): Promise<ReviewRow> {
    const row = await this.repo.review(teamId, reviewId, m);
    if (!row) throw new NotFoundError('Sprint review', reviewId);
    return row;
  }

  private async view(m: EntityManager | undefined, row: ReviewRow): Promise<SprintReviewDto> {
    const items = await this.repo.items(row.team_id, row.id, m);
    const feedback = await this.repo.feedback(row.team_id, row.id, m);
    return {
      ...toReviewSnapshot(row),
      items: items.map(toReviewItemDto),
      feedback: feedback.map(toFeedbackDto),
    };
  }
}

/** A title from free text: its first non-blank line, cut to the title limit. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? text;
  const trimmed = line.trim();
  return trimmed.length <= TITLE_MAX ? trimmed : `${trimmed.slice(0, TITLE_MAX - 1)}…`;
}
