import { ApiProperty } from '@nestjs/swagger';
import { SingleLine } from '../../../common/single-line';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trim } from '../../../common/transforms';
import { TokenPairDto, UserDto } from '../../auth/dto/auth.dto';
import { PASSWORD_MAX_LENGTH } from '../../auth/password.service';

export class SetupCheckDto {
  @ApiProperty({ description: 'The token of the first-run link printed in the start-up log' })
  @IsString()
  @MaxLength(200)
  token: string;
}

export class SetupCheckedDto {
  @ApiProperty({ description: 'Always true: an unusable token answers 404' })
  ok: boolean;
}

export class SetupDto extends SetupCheckDto {
  @ApiProperty({ example: 'ced@unione.tresinarosecchia.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Servizio Informatico' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @SingleLine()
  displayName: string;

  @ApiProperty({ minLength: 12, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class SetupDoneDto {
  @ApiProperty({ type: UserDto, description: 'The first administrator of the installation' })
  user: UserDto;

  @ApiProperty({ type: TokenPairDto, description: 'Signed in at once' })
  session: TokenPairDto;
}
