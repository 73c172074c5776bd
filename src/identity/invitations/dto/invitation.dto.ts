import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TEAM_ROLES, type TeamRole } from '../../access/permissions';
import { TokenPairDto, UserDto } from '../../auth/dto/auth.dto';
import { PASSWORD_MAX_LENGTH } from '../../auth/password.service';
import { trim } from '../../../common/transforms';

export class CreateInvitationDto {
  @ApiProperty({ example: 'servizi.scolastici@comune.casalgrande.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: TEAM_ROLES })
  @IsIn(TEAM_ROLES)
  role: TeamRole;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: TEAM_ROLES })
  role: TeamRole;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class InvitationCreatedDto extends InvitationDto {
  @ApiProperty({
    example: 'ritmo_inv_…',
    description: 'Single use; shown once. Send it to the invitee.',
  })
  token: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ example: 'ritmo_inv_…' })
  @IsString()
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({ description: 'Required when the invitee has no account yet' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @SingleLine()
  displayName?: string;

  @ApiPropertyOptional({ description: 'Required when the invitee has no account yet' })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class InvitationAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ enum: TEAM_ROLES })
  role: TeamRole;

  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiPropertyOptional({
    type: TokenPairDto,
    description: 'Present when the account was created now',
  })
  session?: TokenPairDto;
}

export class PreviewInvitationDto {
  @ApiProperty({ example: 'ritmo_inv_…' })
  @IsString()
  @MaxLength(200)
  token: string;
}

/** What the invitation link shows before joining; only the holder of the token sees it. */
export class InvitationPreviewDto {
  @ApiProperty({ description: 'The address the invitation was sent to' })
  email: string;

  @ApiProperty({ enum: TEAM_ROLES })
  role: TeamRole;

  @ApiProperty()
  teamName: string;

  @ApiProperty()
  workspaceName: string;

  @ApiProperty({ nullable: true, type: String, description: 'Who sent the invitation' })
  inviterName: string | null;

  @ApiProperty({ description: 'An account with this email exists: sign in, then accept' })
  accountExists: boolean;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}
