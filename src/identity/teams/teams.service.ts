import { Injectable } from '@nestjs/common';
import { NotFoundError, PreconditionFailedError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { Localizer, type LocaleHints } from '../../i18n/localizer.service';
import { EventLog } from '../../events/event-log';
import { AccessPolicy } from '../access/access.policy';
import { Actor } from '../actor';
import {
  CreateTeamDto,
  FIBONACCI_SCALE,
  MyTeamDto,
  TeamDto,
  TeamMemberDto,
  UpdateTeamDto,
  UpdateTeamMemberDto,
} from './dto/team.dto';
import { TeamHooks } from './team-hooks';
import { toMemberDto, toTeamDto, toTeamSnapshot } from './team.mapper';
import { TeamsRepository } from './teams.repository';

@Injectable()
export class TeamsService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly teams: TeamsRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly localizer: Localizer,
    private readonly hooks: TeamHooks,
  ) {}

  /** Without a locale the team speaks its creator's language (Accept-Language, then preference). */
  async create(
    actor: Actor,
    workspaceId: string,
    dto: CreateTeamDto,
    hints: LocaleHints = {},
  ): Promise<TeamDto> {
    await this.access.requireWorkspacePermission(actor, workspaceId, 'workspace.manage');
    const locale = dto.locale ?? (await this.localizer.resolve({ userId: actor.userId, ...hints }));
    return this.tx.run(async (m) => {
      const row = await this.teams.insert(m, {
        workspaceId,
        name: dto.name,
        process: dto.process ?? 'scrum',
        locale,
        timezone: dto.timezone ?? 'Europe/Rome',
        pointScale: dto.pointScale ?? FIBONACCI_SCALE,
        vocabulary: dto.vocabulary,
      });
      const team = toTeamSnapshot(row);
      const parts = await this.hooks.teamCreated(m, { team, actorId: actor.userId });
      const event = await this.events.append(m, {
        teamId: row.id,
        type: 'team.created',
        actorId: actor.userId,
        data: { team, ...parts },
      });
      return { ...toTeamDto(row), eventSeq: event.seq };
    });
  }

  async list(actor: Actor, workspaceId: string): Promise<TeamDto[]> {
    const { role } = await this.access.requireWorkspacePermission(
      actor,
      workspaceId,
      'workspace.read',
    );
    return (await this.teams.listInWorkspace(actor.userId, workspaceId, role !== 'member')).map(
      toTeamDto,
    );
  }

  /** The caller's own teams across workspaces: no permission beyond being signed in. */
  async mine(actor: Actor): Promise<MyTeamDto[]> {
    return (await this.teams.listForUser(actor.userId)).map((row) => ({
      ...toTeamDto(row),
      workspaceName: row.workspace_name,
      workspaceRole: row.workspace_role,
    }));
  }

  async get(actor: Actor, teamId: string): Promise<TeamDto> {
    await this.access.requireTeamPermission(actor, teamId, 'team.read');
    const row = await this.teams.find(actor.userId, teamId);
    if (!row) throw new NotFoundError('Team', teamId);
    return toTeamDto(row);
  }

  async update(
    actor: Actor,
    teamId: string,
    version: number,
    dto: UpdateTeamDto,
  ): Promise<TeamDto> {
    await this.access.requireTeamPermission(actor, teamId, 'team.update');
    return this.tx.run(async (m) => {
      // Read before the conditional update: if another update committed in between, the
      // version no longer matches and this one is refused, so `before` is the row it replaces.
      const before = await this.teams.find(actor.userId, teamId, m);
      const row = await this.teams.update(m, teamId, version, dto);
      if (!row) {
        const current = await this.teams.find(actor.userId, teamId, m);
        if (!current) throw new NotFoundError('Team', teamId);
        throw new PreconditionFailedError(
          `The team changed since version ${version}; it is now at version ${current.version}`,
          toTeamDto(current),
        );
      }
      const changes = Object.keys(dto).filter(
        (key) => dto[key as keyof UpdateTeamDto] !== undefined,
      );
      const event = await this.events.append(m, {
        teamId,
        type: 'team.updated',
        actorId: actor.userId,
        data: { team: toTeamSnapshot(row), changes },
      });
      if (before)
        await this.hooks.teamUpdated(m, {
          before: toTeamSnapshot(before),
          team: toTeamSnapshot(row),
          actorId: actor.userId,
        });
      const mine = await this.teams.find(actor.userId, teamId, m);
      return { ...toTeamDto({ ...row, my_role: mine?.my_role ?? null }), eventSeq: event.seq };
    });
  }

  async members(actor: Actor, teamId: string): Promise<TeamMemberDto[]> {
    await this.access.requireTeamPermission(actor, teamId, 'team.read');
    return (await this.teams.members(teamId)).map(toMemberDto);
  }

  async changeRole(
    actor: Actor,
    teamId: string,
    userId: string,
    dto: UpdateTeamMemberDto,
  ): Promise<TeamMemberDto> {
    await this.access.requireTeamPermission(actor, teamId, 'team.manage_members');
    return this.tx.run(async (m) => {
      const member = await this.teams.member(m, teamId, userId);
      if (!member) throw new NotFoundError('Team member', userId);
      if (member.role !== dto.role) {
        await this.teams.setMemberRole(m, teamId, userId, dto.role);
        await this.events.append(m, {
          teamId,
          type: 'team.member_role_changed',
          actorId: actor.userId,
          data: { userId, from: member.role, to: dto.role },
        });
      }
      return toMemberDto({ ...member, role: dto.role });
    });
  }

  /** A member may also leave a team by removing themselves. */
  async removeMember(actor: Actor, teamId: string, userId: string): Promise<void> {
    if (userId !== actor.userId)
      await this.access.requireTeamPermission(actor, teamId, 'team.manage_members');
    else await this.access.requireTeamPermission(actor, teamId, 'team.read');
    await this.tx.run(async (m) => {
      const member = await this.teams.member(m, teamId, userId);
      if (!member) throw new NotFoundError('Team member', userId);
      await this.teams.removeMember(m, teamId, userId);
      await this.events.append(m, {
        teamId,
        type: 'team.member_removed',
        actorId: actor.userId,
        data: { userId, role: member.role },
      });
    });
  }
}
