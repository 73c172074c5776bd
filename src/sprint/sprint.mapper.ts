import type { CardDto, CardImpedimentDto } from './dto/board.dto';
import type { SprintDto } from './dto/sprint.dto';
import type { StatusDto } from './dto/workflow.dto';
import type { ItemRow } from './board-items.repository';
import type { SprintRow } from './sprints.repository';
import type { StatusRow } from './workflow.repository';
import type { ScopeItem, SprintSnapshot, StatusSnapshot } from './sprint.events';

export function toSprintSnapshot(row: SprintRow): SprintSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    goal: row.goal,
    startDate: row.start_date,
    endDate: row.end_date,
    state: row.state,
    startedAt: row.started_at ? row.started_at.toISOString() : null,
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    version: row.version,
  };
}

export const toSprintDto = (row: SprintRow): SprintDto => toSprintSnapshot(row);

export function toStatusSnapshot(row: StatusRow): StatusSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    category: row.category,
    position: row.position,
    wipLimit: row.wip_limit,
    version: row.version,
  };
}

export function toStatusDto(row: StatusRow): StatusDto {
  const { id, name, category, position, wipLimit, version } = toStatusSnapshot(row);
  return { id, name, category, position, wipLimit, version };
}

export function toCardDto(
  row: ItemRow,
  inColumnSince: Date,
  openImpediments: CardImpedimentDto[] = [],
): CardDto {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    estimate: row.estimate === null ? null : Number(row.estimate),
    assigneeId: row.assignee_id,
    sprintId: row.sprint_id,
    labelIds: row.label_ids,
    parentId: row.parent_id,
    openImpediments,
    inColumnSince: inColumnSince.toISOString(),
    rank: row.rank,
    version: row.version,
  };
}

export function toScopeItem(row: ItemRow): ScopeItem {
  return {
    itemId: row.id,
    estimate: row.estimate === null ? null : Number(row.estimate),
    category: row.status,
  };
}
