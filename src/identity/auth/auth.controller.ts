import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import {
  AuthOptionsDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  TokenPairDto,
  UserDto,
} from './dto/auth.dto';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { AuthThrottle } from './throttler.guard';

@ApiTags('auth')
@Controller('auth')
@Public()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(dto);
  }

  @SkipIdempotency()
  @Post('refresh')
  @HttpCode(200)
  @AuthThrottle()
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one stops working)' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiProblems(400, 401)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
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
}
