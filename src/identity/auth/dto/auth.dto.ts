import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../password.service';
import { trim } from '../../../common/transforms';

export class RegisterDto {
  @ApiProperty({ example: 'ufficio.tributi@comune.rubiera.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ufficio Tributi — Sportello' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @SingleLine()
  displayName: string;

  @ApiProperty({
    minLength: 12,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'At least 12 characters, not easy to guess',
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ufficio.tributi@comune.rubiera.example' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'ritmo_rt_…' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT, valid 15 minutes' })
  accessToken: string;

  @ApiProperty({ description: 'Single use: each refresh returns a new one', example: 'ritmo_rt_…' })
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn: number;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiPropertyOptional({ enum: ['it', 'en'], nullable: true, type: String })
  locale: 'it' | 'en' | null;

  @ApiProperty({ description: 'Administrator of the whole installation' })
  isInstanceAdmin: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @SingleLine()
  displayName?: string;

  @ApiPropertyOptional({ enum: ['it', 'en'] })
  @IsOptional()
  @IsIn(['it', 'en'])
  locale?: 'it' | 'en';
}

export class AuthOptionsDto {
  @ApiProperty({
    description: 'Self-registration is on (ALLOW_SIGNUP); otherwise by invitation only',
  })
  allowSignup: boolean;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'ufficio.tributi@comune.rubiera.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ example: 'ritmo_pwr_…', description: 'From the link in the email (after #)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({
    minLength: 12,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'The new password: at least 12 characters, not easy to guess',
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
