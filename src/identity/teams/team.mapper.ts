import type { TeamSnapshot } from '../identity.events';
import { TeamDto, TeamMemberDto } from './dto/team.dto';
import { TeamMemberRow, TeamRow } from './teams.repository';

export function toTeamSnapshot(row: TeamRow): TeamSnapshot {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    process: row.process,
    locale: row.locale,
    timezone: row.timezone,
    pointScale: row.point_scale.map(Number),
    vocabulary: row.vocabulary ?? {},
    version: row.version,
  };
}

export function toTeamDto(row: TeamRow): TeamDto {
  return {
    ...toTeamSnapshot(row),
    myRole: row.my_role ?? null,
    eventSeq: Number(row.event_seq),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toMemberDto(row: TeamMemberRow): TeamMemberDto {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    joinedAt: row.created_at.toISOString(),
  };
}
