import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/uuid-param';
import { RequestLocale } from '../../i18n/locale-hints.decorator';
import { Localizer, type LocaleHints } from '../../i18n/localizer.service';
import { CurrentActor } from '../../identity/auth/auth.decorators';
import type { Actor } from '../../identity/actor';
import { MonteCarloForecastDto, ForecastQuery } from '../dto/forecast.dto';
import { ForecastService } from './forecast.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('teams/:teamId/forecast')
export class ForecastController {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly localizer: Localizer,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Monte Carlo forecast: when will N items (or an epic) be done, or how many by a date',
    description:
      "Give exactly one of `items`, `epicId` or `date`. 10,000 trials draw working days from the team's " +
      'throughput (items finished per working day of its calendar, last `weeks` weeks). ' +
      'Percentiles at 50/85/95%, the whole distribution, and one sentence at 85% in the ' +
      "reader's language with the team's words. Same history and `seed` → same answer. " +
      'Too little history → `status: not_enough_data` with what is `needed`.',
  })
  @ApiResponse({ status: 200, type: MonteCarloForecastDto })
  @ApiProblems(400, 401, 404)
  async forecast(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId', 'Team') teamId: string,
    @Query() q: ForecastQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<MonteCarloForecastDto> {
    const lang = await this.localizer.resolve(hints, teamId);
    return this.forecasts.forecast(actor, teamId, q, lang);
  }
}
