import type { LabelSnapshot } from '../backlog.events';
import type { LabelDto } from './dto/label.dto';
import type { LabelRow } from './labels.repository';

export function toLabelSnapshot(row: LabelRow): LabelSnapshot {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    color: row.color,
    version: row.version,
  };
}

export function toLabelDto(row: LabelRow): LabelDto {
  return {
    ...toLabelSnapshot(row),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
