import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { RequestLocale } from '../../i18n/locale-hints.decorator';
import type { LocaleHints } from '../../i18n/localizer.service';
import {
  AuthOptionsDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  TokenPairDto,
  UserDto,
} from './dto/auth.dto';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { AuthThrottle } from './throttler.guard';

@ApiTags('auth')
@Controller('auth')
@Public()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly resets: PasswordResetService,
  ) {}

  @Get('options')
  @ApiOperation({
    summary: 'How people may sign up here (the sign-in page offers what is allowed)',
  })
  @ApiResponse({ status: 200, type: AuthOptionsDto })
  @ApiProblems()
  options(): AuthOptionsDto {
    return this.auth.options();
  }

  @Post('register')
  @ApiOperation({ summary: 'Create an account (when self-registration is on)' })
  @ApiResponse({ status: 201, type: UserDto })
  @ApiProblems(400, 403, 409)
  register(@Body() dto: RegisterDto): Promise<UserDto> {
    return this.auth.register(dto);
  }

  @SkipIdempotency()
  @Post('login')
  @HttpCode(200)
  @AuthThrottle()
  @ApiOperation({
    summary: 'Log in with email and password; returns an access and a refresh token',
  })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(400, 401)
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<TokenPairDto> {
    return this.auth.login(dto, ip);
  }

  @SkipIdempotency()
  @Post('refresh')
  @HttpCode(200)
  @AuthThrottle()
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one stops working)' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(400, 401)
  refresh(@Body() dto: RefreshDto, @Ip() ip: string): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken, ip);
  }

  @SkipIdempotency()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: revoke the refresh token and every token rotated from it' })
  @ApiResponse({ status: 204 })
  @ApiProblems(400)
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @SkipIdempotency()
  @Post('password-reset')
  @HttpCode(202)
  @AuthThrottle()
  @ApiOperation({
    summary:
      'Forgotten password: email a single-use link (valid 1 hour) if an account has this address. Same answer either way; limited per address and per IP',
  })
  @ApiResponse({
    status: 202,
    description: 'Accepted: an email is on its way if the account exists',
  })
  @ApiProblems(400, 429)
  requestPasswordReset(
    @Body() dto: PasswordResetRequestDto,
    @Ip() ip: string,
    @RequestLocale() hints: LocaleHints,
  ): Promise<void> {
    return this.resets.request(dto.email, ip, hints);
  }

  @SkipIdempotency()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @AuthThrottle()
  @ApiOperation({
    summary:
      'Set a new password with the emailed token: works once, ends every session of the account, returns a new one',
  })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(400, 410, 429)
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<TokenPairDto> {
    return this.resets.confirm(dto.token, dto.password);
  }
}
