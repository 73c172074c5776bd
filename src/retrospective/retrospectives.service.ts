import { camel } from '../common/case';
import { Injectable } from '@nestjs/common';
import { requireVersion } from '../common/concurrency';
import { CeremonyLinks } from '../ceremony/ceremony-links.service';
import { Clock } from '../common/clock';
import { ConflictError, ValidationFailedError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import type {
  ChangePhaseDto,
  CreateRetrospectiveDto,
  TimerDto,
  UpdateRetrospectiveDto,
} from './dto/retrospective.dto';
import type { RetrospectiveDto, RetrospectiveSummaryDto } from './dto/retrospective-view.dto';
import { RetroAccess } from './retro-access';
import { formatDate, toMarkdown } from './retro-export';
import { checkTransition, requirePhase } from './retro-phases';
import { RetroReader } from './retro-reader';
import { builtInTemplate, isBuiltIn, texts } from './retro-texts';
import type { RetroEvents } from './retro.events';
import { RetroRepository } from './retro.repository';
import { TemplatesRepository } from './templates.repository';
import {
  cardSnapshot,
  groupSnapshot,
  toRetroSnapshot,
  toSummaryDto,
  voteTotals,
} from './retro-view';

/** Retrospectives: creation, settings, the facilitator's phases and timer, reading, export. */
@Injectable()
export class RetrospectivesService {
  constructor(
    private readonly access: RetroAccess,
    private readonly ceremonies: CeremonyLinks,
    private readonly repo: RetroRepository,
    private readonly templates: TemplatesRepository,
    private readonly reader: RetroReader,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  async create(
    actor: Actor,
    teamId: string,
    dto: CreateRetrospectiveDto,
  ): Promise<RetrospectiveDto> {
    await this.access.team(actor, teamId, 'retro.facilitate');
    if (dto.template && dto.templateId)
      throw new ValidationFailedError([
        { field: 'templateId', message: 'give template or templateId, not both' },
      ]);
    return this.tx.run(async (m) => {
      const team = await this.repo.team(teamId, m);
      const errors = [];
      let template = {
        key: 'start_stop_continue',
        columns: builtInTemplate('start_stop_continue', team.locale).columns,
      };
      if (dto.templateId) {
        const saved = await this.templates.template(m, teamId, dto.templateId.toLowerCase());
        if (!saved) errors.push({ field: 'templateId', message: 'is not a template of this team' });
        else template = { key: saved.id, columns: saved.columns };
      } else if (dto.template && isBuiltIn(dto.template)) {
        template = {
          key: dto.template,
          columns: builtInTemplate(dto.template, team.locale).columns,
        };
      }
      const sprintId = dto.sprintId?.toLowerCase() ?? null;
      if (sprintId && !(await this.repo.sprintExists(m, teamId, sprintId)))
        errors.push({ field: 'sprintId', message: 'is not a sprint of this team' });
      const facilitatorId = dto.facilitatorId?.toLowerCase() ?? actor.userId;
      if (dto.facilitatorId && !(await this.repo.isMember(m, teamId, facilitatorId, true)))
        errors.push({
          field: 'facilitatorId',
          message: 'is not a participating member of this team',
        });
      if (errors.length > 0) throw new ValidationFailedError(errors);
      const now = this.clock.now();
      const previous = await this.repo.latest(m, teamId);
      await this.ceremonies.check(m, teamId, dto.ceremonyId?.toLowerCase(), [
        'sprint_retrospective',
      ]);
      const row = await this.repo.insertRetro(m, {
        teamId,
        sprintId,
        ceremonyId: dto.ceremonyId?.toLowerCase() ?? null,
        title:
          dto.title ??
          `${texts(team.locale).export.retrospective} ${formatDate(now, team.locale, team.timezone)}`,
        template: template.key,
        columns: template.columns,
        facilitatorId,
        anonymous: dto.anonymous ?? false,
        privateWriting: dto.privateWriting ?? false,
        voteBudget: dto.voteBudget ?? 5,
        votesPerGroup: dto.votesPerGroup ?? 3,
        previousId: previous?.id ?? null,
        createdBy: actor.userId,
        now,
      });
      await this.events.append(m, {
        teamId,
        type: 'retro.created',
        actorId: actor.userId,
        data: { retrospective: toRetroSnapshot(row) },
      });
      return this.reader.view(row, actor.userId, m);
    });
  }

  async list(actor: Actor, teamId: string): Promise<RetrospectiveSummaryDto[]> {
    await this.access.team(actor, teamId, 'team.read');
    return (await this.repo.retros(teamId)).map(toSummaryDto);
  }

  async get(actor: Actor, retroId: string): Promise<RetrospectiveDto> {
    const { teamId } = await this.access.retro(actor, retroId, 'team.read');
    const row = await this.repo.retro(teamId, retroId);
    if (!row) throw new ConflictError('retro-gone', 'The retrospective was just deleted');
    return this.reader.view(row, actor.userId);
  }

  async update(
    actor: Actor,
    retroId: string,
    version: number,
    dto: UpdateRetrospectiveDto,
  ): Promise<RetrospectiveDto> {
    const { teamId, access } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      this.access.requireFacilitator(actor, access, retro);
      requirePhase(retro.phase, 'edit');
      requireVersion('retrospective', retro, version, () => toSummaryDto(retro));
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined && dto.title !== retro.title) set.title = dto.title;
      if (dto.facilitatorId !== undefined) {
        const id = dto.facilitatorId.toLowerCase();
        if (!(await this.repo.isMember(m, teamId, id, true)))
          throw new ValidationFailedError([
            { field: 'facilitatorId', message: 'is not a participating member of this team' },
          ]);
        if (id !== retro.facilitator_id) set.facilitator_id = id;
      }
      const settings = {
        anonymous: dto.anonymous,
        private_writing: dto.privateWriting,
        vote_budget: dto.voteBudget,
        votes_per_group: dto.votesPerGroup,
      };
      for (const [column, value] of Object.entries(settings))
        if (value !== undefined && value !== retro[column as keyof typeof settings])
          set[column] = value;
      if ('anonymous' in set || 'private_writing' in set) {
        requirePhase(retro.phase, 'writeCards');
        // Switching either once cards exist would expose what their authors wrote under the old rule.
        if ((await this.repo.cards(retroId, m)).length > 0)
          throw new ConflictError(
            'retro-has-cards',
            'Anonymity and private writing are chosen before the first card',
          );
      }
      if (
        ('vote_budget' in set || 'votes_per_group' in set) &&
        !['collect', 'group'].includes(retro.phase)
      )
        throw new ConflictError(
          `retro-phase-${retro.phase}`,
          'Vote budgets are set before the vote phase',
          { phase: retro.phase, allowedIn: ['collect', 'group'] },
        );
      if (Object.keys(set).length === 0) return this.reader.view(retro, actor.userId, m);
      const row = await this.repo.updateRetro(m, retroId, set);
      await this.events.append(m, {
        teamId,
        type: 'retro.updated',
        actorId: actor.userId,
        data: { retrospective: toRetroSnapshot(row), changes: Object.keys(set).map(camel) },
      });
      return this.reader.view(row, actor.userId, m);
    });
  }

  /**
   * The facilitator moves the retrospective one step. The event says what became visible:
   * cards private writing hid (→ group), groups of one for ungrouped cards (→ vote), vote
   * totals (→ discuss).
   */
  async changePhase(actor: Actor, retroId: string, dto: ChangePhaseDto): Promise<RetrospectiveDto> {
    const { teamId, access } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      this.access.requireFacilitator(actor, access, retro);
      checkTransition(retro.phase, dto.phase);
      const now = this.clock.now();
      const extras: Partial<RetroEvents['retro.phase_changed']> = {};
      const forward = (from: string, to: string) => retro.phase === from && dto.phase === to;
      if (forward('collect', 'group')) {
        const revealed = await this.repo.revealCards(m, retroId);
        if (retro.private_writing && revealed.length > 0)
          extras.revealedCards = revealed.map((c) => cardSnapshot(retro, c));
      }
      if (forward('group', 'vote')) {
        const loose = (await this.repo.cards(retroId, m)).filter((c) => c.group_id === null);
        const created = [];
        for (const card of loose) {
          const group = await this.repo.insertGroup(m, teamId, retroId, '');
          await this.repo.setCardsGroup(m, retroId, [card.id], group.id);
          created.push(groupSnapshot(group, [{ ...card, group_id: group.id }]));
        }
        if (created.length > 0) extras.groupsCreated = created;
      }
      if (forward('vote', 'discuss')) {
        const totals = voteTotals(await this.repo.votes(retroId, m));
        extras.results = (await this.repo.groups(retroId, m))
          .map((g) => ({ groupId: g.id, votes: totals.get(g.id) ?? 0 }))
          .sort((a, b) => b.votes - a.votes);
      }
      const endsAt = dto.durationSeconds
        ? new Date(now.getTime() + dto.durationSeconds * 1000)
        : null;
      const row = await this.repo.updateRetro(m, retroId, {
        phase: dto.phase,
        phase_started_at: now,
        phase_ends_at: endsAt,
        closed_at: dto.phase === 'closed' ? now : null,
      });
      await this.events.append(m, {
        teamId,
        type: 'retro.phase_changed',
        actorId: actor.userId,
        data: {
          retrospectiveId: retroId,
          from: retro.phase,
          to: dto.phase,
          version: row.version,
          endsAt: endsAt ? endsAt.toISOString() : null,
          serverTime: now.toISOString(),
          ...extras,
        },
      });
      return this.reader.view(row, actor.userId, m);
    });
  }

  /** Server-authoritative: clients count down from `endsAt` against `serverTime`, not their clock. */
  async setTimer(actor: Actor, retroId: string, dto: TimerDto): Promise<RetrospectiveDto> {
    const { teamId, access } = await this.access.retro(actor, retroId, 'retro.participate');
    return this.tx.run(async (m) => {
      const retro = await this.access.locked(m, teamId, retroId);
      this.access.requireFacilitator(actor, access, retro);
      requirePhase(retro.phase, 'edit');
      const now = this.clock.now();
      const endsAt =
        dto.durationSeconds === null ? null : new Date(now.getTime() + dto.durationSeconds * 1000);
      const row = await this.repo.updateRetro(m, retroId, { phase_ends_at: endsAt });
      await this.events.append(m, {
        teamId,
        type: 'retro.timer_set',
        actorId: actor.userId,
        data: {
          retrospectiveId: retroId,
          phase: row.phase,
          endsAt: endsAt ? endsAt.toISOString() : null,
          serverTime: now.toISOString(),
        },
      });
      return this.reader.view(row, actor.userId, m);
    });
  }

  async exportMarkdown(actor: Actor, retroId: string): Promise<string> {
    const view = await this.get(actor, retroId);
    const team = await this.repo.team(view.teamId);
    const ids = [
      view.facilitatorId,
      ...view.cards.map((c) => c.authorId),
      ...view.actionItems.map((a) => a.ownerId),
    ].filter((id): id is string => id !== null);
    const names = await this.repo.displayNames([...new Set(ids)]);
    return toMarkdown(view, { locale: team.locale, timeZone: team.timezone, names });
  }
}
