import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { AccessPolicy, requireScope } from '../access/access.policy';
import { Actor } from '../actor';
import {
  CreateWorkspaceDto,
  UpdateWorkspaceMemberDto,
  WorkspaceDto,
  WorkspaceMemberDto,
} from './dto/workspace.dto';
import { WorkspaceRow, WorkspacesRepository } from './workspaces.repository';

function toDto(row: WorkspaceRow, actor: Actor): WorkspaceDto {
  return {
    id: row.id,
    name: row.name,
    myRole: row.my_role ?? (actor.isInstanceAdmin ? 'instance_admin' : 'member'),
    createdAt: row.created_at.toISOString(),
  };
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly workspaces: WorkspacesRepository,
    private readonly tx: TransactionService,
  ) {}

  /** Anyone may create a workspace (a public body) and becomes its first admin. */
  async create(actor: Actor, dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    requireScope(actor, true);
    return this.tx.run(async (m) =>
      toDto(await this.workspaces.insert(m, dto.name, actor.userId), actor),
    );
  }

  async list(actor: Actor): Promise<WorkspaceDto[]> {
    return (await this.workspaces.listFor(actor.userId, actor.isInstanceAdmin)).map((row) =>
      toDto(row, actor),
    );
  }

  async get(actor: Actor, workspaceId: string): Promise<WorkspaceDto> {
    await this.access.requireWorkspacePermission(actor, workspaceId, 'workspace.read');
    const row = await this.workspaces.find(actor.userId, workspaceId);
    if (!row) throw new NotFoundError('Workspace', workspaceId);
    return toDto(row, actor);
  }

  async members(actor: Actor, workspaceId: string): Promise<WorkspaceMemberDto[]> {
    await this.access.requireWorkspacePermission(actor, workspaceId, 'workspace.read');
    return (await this.workspaces.members(workspaceId)).map((row) => ({
      userId: row.user_id,
      displayName: row.display_name,
      email: row.email,
      role: row.role,
    }));
  }

  async setMemberRole(
    actor: Actor,
    workspaceId: string,
    userId: string,
    dto: UpdateWorkspaceMemberDto,
  ): Promise<WorkspaceMemberDto> {
    await this.access.requireWorkspacePermission(actor, workspaceId, 'workspace.manage');
    await this.tx.run(async (m) => {
      if (!(await this.workspaces.setMemberRole(m, workspaceId, userId, dto.role))) {
        throw new NotFoundError('Workspace member', userId);
      }
      if ((await this.workspaces.countAdmins(m, workspaceId)) === 0) {
        throw new ConflictError('last-admin', 'A workspace must keep at least one admin');
      }
    });
    const member = (await this.workspaces.members(workspaceId)).find(
      (row) => row.user_id === userId,
    );
    if (!member) throw new NotFoundError('Workspace member', userId);
    return {
      userId: member.user_id,
      displayName: member.display_name,
      email: member.email,
      role: member.role,
    };
  }
}
