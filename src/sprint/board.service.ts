import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import { EventsReader } from '../events/events.reader';
import { keysBetween } from '../backlog/ranking/rank-keys';
import { BoardDto, MoveCardDto, MoveResultDto } from './dto/board.dto';
import { SprintAccess } from './sprint-access';
import { SprintHooks } from './sprint-hooks';
import { toCardDto } from './sprint.mapper';
import { BoardItemsRepository } from './board-items.repository';
import { SprintsRepository } from './sprints.repository';
import { WorkflowRepository } from './workflow.repository';
import { WorkflowService } from './workflow.service';

/**
 * The board: columns of the workflow with cards in rank order. Cards share the backlog's rank
 * keys (unique per team), so a position in a column is a key between two team-wide neighbours.
 */
@Injectable()
export class BoardService {
  constructor(
    private readonly access: SprintAccess,
    private readonly teams: WorkflowRepository,
    private readonly sprints: SprintsRepository,
    private readonly repo: BoardItemsRepository,
    private readonly workflow: WorkflowService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly hooks: SprintHooks,
    private readonly log: EventsReader,
  ) {}

  async board(actor: Actor, teamId: string, sprintId?: string): Promise<BoardDto> {
    await this.access.team(actor, teamId, 'team.read');
    const team = await this.teams.team(teamId);
    let scope: string | null = null;
    if (sprintId) {
      if (!(await this.sprints.sprint(teamId, sprintId)))
        throw new NotFoundError('Sprint', sprintId);
      scope = sprintId;
    } else if (team.process === 'scrum') {
      scope = (await this.sprints.activeSprint(teamId))?.id ?? null;
    }
    const statuses = await this.teams.statuses(teamId);
    const items =
      scope === null && team.process === 'scrum' ? [] : await this.repo.boardItems(teamId, scope);
    const ids = items.map((i) => i.id);
    const parents = [...new Set(items.flatMap((i) => (i.parent_id ? [i.parent_id] : [])))];
    const [moved, blockers, epics] = await Promise.all([
      this.log.lastColumnChanges(teamId, ids),
      this.hooks.openImpediments(teamId, ids),
      this.repo.epics(teamId, parents),
    ]);
    return {
      teamId,
      sprintId: scope,
      wipMode: team.wip_mode,
      epics,
      columns: statuses.map((s) => {
        const cards = items.filter((i) => i.status_id === s.id);
        return {
          statusId: s.id,
          name: s.name,
          category: s.category,
          wipLimit: s.wip_limit,
          wipCount: cards.length,
          overLimit: s.wip_limit !== null && cards.length > s.wip_limit,
          items: cards.map((c) =>
            toCardDto(c, moved.get(c.id) ?? c.created_at, blockers.get(c.id) ?? []),
          ),
        };
      }),
    };
  }

  async move(actor: Actor, teamId: string, dto: MoveCardDto): Promise<MoveResultDto> {
    await this.access.team(actor, teamId, 'board.move');
    const itemId = dto.itemId.toLowerCase();
    const anchor = (dto.before ?? dto.after)?.toLowerCase();
    if (dto.before && dto.after)
      throw new ValidationFailedError([
        { field: 'before', message: 'give before or after, not both' },
      ]);
    if (anchor === itemId)
      throw new ValidationFailedError([
        { field: dto.before ? 'before' : 'after', message: 'is the item being moved' },
      ]);
    return this.tx.run(async (m) => {
      const team = await this.workflow.lock(m, teamId);
      const statuses = await this.teams.statuses(teamId, m);
      const to = statuses.find((s) => s.id === dto.statusId.toLowerCase());
      const found = await this.repo.items(teamId, anchor ? [itemId, anchor] : [itemId], m);
      const item = found.find((i) => i.id === itemId);
      const errors = [];
      if (!item) errors.push({ field: 'itemId', message: 'is not an item of this team' });
      if (!to) errors.push({ field: 'statusId', message: 'is not a column of this team' });
      const anchorRow = anchor ? found.find((i) => i.id === anchor) : undefined;
      if (
        anchor &&
        (!anchorRow || anchorRow.status_id !== to?.id || anchorRow.sprint_id !== item?.sprint_id)
      )
        errors.push({
          field: dto.before ? 'before' : 'after',
          message: 'is not a card of that column',
        });
      if (errors.length > 0 || !item || !to) throw new ValidationFailedError(errors);

      const from = statuses.find((s) => s.id === item.status_id);
      const count = await this.repo.columnCount(m, teamId, to.id, item.sprint_id, item.id);
      const entering = item.status_id !== to.id;
      const wipExceeded = entering && to.wip_limit !== null && count + 1 > to.wip_limit;
      if (wipExceeded && team.wip_mode === 'enforce')
        throw new ConflictError(
          'wip-limit-reached',
          `${to.name} is at its WIP limit (${to.wip_limit})`,
          {
            statusId: to.id,
            wipLimit: to.wip_limit,
            wipCount: count,
          },
        );
      const rank = await this.rankFor(
        m,
        teamId,
        item.id,
        item.rank,
        to.id,
        item.sprint_id,
        dto.before ? anchorRow?.rank : undefined,
        dto.after ? anchorRow?.rank : undefined,
      );
      const row = await this.repo.moveItem(m, teamId, item.id, to, rank);
      const event = await this.events.append(m, {
        teamId,
        type: 'board.item_moved',
        actorId: actor.userId,
        data: {
          itemId: item.id,
          sprintId: item.sprint_id,
          from: { statusId: from?.id ?? null, category: item.status },
          to: { statusId: to.id, category: to.category },
          rank,
          wipLimit: to.wip_limit,
          wipCount: entering ? count + 1 : count,
          wipExceeded,
        },
      });
      const moved = await this.log.lastColumnChanges(teamId, [row.id], m);
      const blockers = await this.hooks.openImpediments(teamId, [row.id], m);
      return {
        item: toCardDto(row, moved.get(row.id) ?? row.created_at, blockers.get(row.id) ?? []),
        statusId: to.id,
        wipExceeded,
        eventSeq: event.seq,
      };
    });
  }

  /** Before/after a card, or (no anchor) the bottom of the column; the current key when it already fits. */
  private async rankFor(
    m: Parameters<BoardItemsRepository['neighbour']>[0],
    teamId: string,
    itemId: string,
    current: string,
    statusId: string,
    sprintId: string | null,
    before?: string,
    after?: string,
  ): Promise<string> {
    if (before)
      return keysBetween(
        await this.repo.neighbour(m, teamId, before, 'previous', [itemId]),
        before,
        1,
      )[0];
    if (after)
      return keysBetween(
        after,
        await this.repo.neighbour(m, teamId, after, 'next', [itemId]),
        1,
      )[0];
    const last = await this.repo.lastRankInColumn(m, teamId, statusId, sprintId, itemId);
    if (last === null || last < current) return current;
    return keysBetween(last, await this.repo.neighbour(m, teamId, last, 'next', [itemId]), 1)[0];
  }
}
