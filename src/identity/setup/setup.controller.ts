import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { Public } from '../auth/auth.decorators';
import { AuthThrottle } from '../auth/throttler.guard';
import { SetupCheckDto, SetupCheckedDto, SetupDoneDto, SetupDto } from './dto/setup.dto';
import { SetupService } from './setup.service';

@ApiTags('setup')
@Controller('setup')
@Public()
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @SkipIdempotency()
  @Post('check')
  @HttpCode(200)
  @AuthThrottle()
  @ApiOperation({
    summary: 'Is this first-run token usable? (404 when not, or when the installation has users)',
  })
  @ApiResponse({ status: 200, type: SetupCheckedDto })
  @ApiProblems(400, 404)
  check(@Body() dto: SetupCheckDto): Promise<SetupCheckedDto> {
    return this.setup.check(dto.token);
  }

  // The token is single use and the answer carries fresh credentials: never replayed.
  @SkipIdempotency()
  @Post()
  @HttpCode(201)
  @AuthThrottle()
  @ApiOperation({
    summary:
      'First run: create the first instance administrator with the token from the start-up log',
  })
  @ApiResponse({ status: 201, type: SetupDoneDto })
  @ApiProblems(400, 404)
  complete(@Body() dto: SetupDto): Promise<SetupDoneDto> {
    return this.setup.complete(dto);
  }
}
