import { ApiProperty } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { WORKSPACE_ROLES, type WorkspaceRole } from '../../access/permissions';

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Comune di Scandiano' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  @SingleLine()
  name: string;
}

export class WorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Comune di Scandiano' })
  name: string;

  @ApiProperty({
    enum: [...WORKSPACE_ROLES, 'instance_admin'],
    description: 'Your role in this workspace',
  })
  myRole: WorkspaceRole | 'instance_admin';

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class WorkspaceMemberDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: WORKSPACE_ROLES })
  role: WorkspaceRole;
}

export class UpdateWorkspaceMemberDto {
  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES)
  role: WorkspaceRole;
}
