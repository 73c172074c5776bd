import type { BacklogItemSnapshot } from '../backlog.events';
import type { BacklogItemRow } from './backlog-items.repository';
import type { BacklogItemDto } from './dto/backlog-item-response.dto';

export function toItemSnapshot(row: BacklogItemRow): BacklogItemSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    type: row.type,
    title: row.title,
    description: row.description,
    acceptanceCriteria: row.acceptance_criteria,
    estimate: row.estimate === null ? null : Number(row.estimate),
    status: row.status,
    labelIds: row.label_ids,
    assigneeId: row.assignee_id,
    parentId: row.parent_id,
    sprintId: row.sprint_id,
    readyChecklist: row.ready_checklist.map((check) => ({ text: check.text, done: check.done })),
    ready: row.ready,
    rank: row.rank,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
    version: row.version,
  };
}

export function toItemDto(row: BacklogItemRow): BacklogItemDto {
  const progress = row.progress
    ? {
        items: Number(row.progress.items),
        itemsDone: Number(row.progress.itemsDone),
        points: Number(row.progress.points),
        pointsDone: Number(row.progress.pointsDone),
      }
    : null;
  return { ...toItemSnapshot(row), progress };
}
