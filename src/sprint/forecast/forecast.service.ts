import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { addDays, localDate } from '../../common/dates';
import { NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import type { Actor } from '../../identity/actor';
import type { Lang } from '../../i18n/locale';
import { Localizer } from '../../i18n/localizer.service';
import { Vocabulary } from '../../i18n/vocabulary.service';
import { WorkdaysService } from '../../workdays/workdays.service';
import type { WorkingCalendar } from '../../workdays/working-calendar';
import type { MonteCarloForecastDto, ForecastQuery } from '../dto/forecast.dto';
import { EventsReader } from '../../events/events.reader';
import { flowTimes } from '../reports/report-math';
import { REPLAYED_TYPES } from '../reports/replay';
import { SprintAccess } from '../sprint-access';
import { WorkflowRepository } from '../workflow.repository';
import { ForecastRepository } from './forecast.repository';
import {
  atLeast,
  atMost,
  CONFIDENCES,
  dailyThroughput,
  distribution,
  rng,
  simulateHowMany,
  simulateWhen,
} from './monte-carlo';
import { forecastSentence } from './sentence';

export const TRIALS = 10_000;
/** About five years of working days: beyond that a forecast says "not within the horizon". */
export const HORIZON = 1300;
/** The least history worth simulating. */
export const NEEDED = { workingDays: 10, finishedItems: 5 };

/** "When will these be done?" and "how many by then?", from the team's own throughput. */
@Injectable()
export class ForecastService {
  constructor(
    private readonly access: SprintAccess,
    private readonly teams: WorkflowRepository,
    private readonly repo: ForecastRepository,
    private readonly log: EventsReader,
    private readonly workdays: WorkdaysService,
    private readonly clock: Clock,
    private readonly localizer: Localizer,
    private readonly vocabulary: Vocabulary,
  ) {}

  async forecast(
    actor: Actor,
    teamId: string,
    q: ForecastQuery,
    lang: Lang,
  ): Promise<MonteCarloForecastDto> {
    await this.access.team(actor, teamId, 'team.read');
    const asked = [q.items, q.epicId, q.date].filter((x) => x !== undefined).length;
    if (asked !== 1)
      throw new ValidationFailedError([
        { field: 'items', message: 'give exactly one of items, epicId or date' },
      ]);
    const team = await this.teams.team(teamId);
    const calendar = await this.workdays.forTeam(teamId);
    const today = localDate(this.clock.now(), team.timezone);
    if (q.date !== undefined) this.checkDate(q.date, today, calendar);
    const epic = q.epicId === undefined ? undefined : await this.repo.epicWork(teamId, q.epicId);
    if (q.epicId !== undefined && !epic) throw new NotFoundError('Epic', q.epicId);

    const history = await this.history(teamId, team.timezone, today, q.weeks ?? 12, calendar);
    const seed = q.seed ?? 1;
    const items = epic ? epic.open : (q.items ?? null);
    const base = {
      teamId,
      question: q.date === undefined ? ('when' as const) : ('how_many' as const),
      today,
      items,
      epicId: q.epicId ?? null,
      date: q.date ?? null,
      history,
      needed: NEEDED,
      trials: TRIALS,
      seed,
      horizon: HORIZON,
    };
    const terms = await this.vocabulary.terms(teamId, lang);
    const say = (result: Parameters<typeof forecastSentence>[3]) =>
      forecastSentence(this.localizer, lang, terms, result);
    if (history.workingDays < NEEDED.workingDays || history.finishedItems < NEEDED.finishedItems)
      return {
        ...base,
        status: 'not_enough_data',
        percentiles: [],
        distribution: [],
        sentence: say({ kind: 'not_enough_data', history, needed: NEEDED }),
      };

    const random = rng(seed);
    if (q.date !== undefined) {
      const days = calendar.workingDaysBetween(today, q.date);
      const outcomes = simulateHowMany(history.throughput, days, TRIALS, random);
      const percentiles = CONFIDENCES.map((confidence) => ({
        confidence,
        date: null,
        workingDays: null,
        items: atLeast(outcomes, confidence),
      }));
      return {
        ...base,
        status: 'ok',
        percentiles,
        distribution: distribution(outcomes, 'down').map((b) => ({ ...b, date: null })),
        sentence: say({ kind: 'how_many', date: q.date, count: percentiles[1].items }),
      };
    }

    const outcomes = simulateWhen(history.throughput, items as number, TRIALS, random, HORIZON);
    const dateOf = (days: number) => (days > HORIZON ? null : calendar.addWorkingDays(today, days));
    const percentiles = CONFIDENCES.map((confidence) => {
      const days = atMost(outcomes, confidence);
      return {
        confidence,
        date: dateOf(days),
        workingDays: days > HORIZON ? null : days,
        items: null,
      };
    });
    return {
      ...base,
      status: 'ok',
      percentiles,
      distribution: distribution(outcomes, 'up').map((b) => ({ ...b, date: dateOf(b.value) })),
      sentence: say({
        kind: 'when',
        count: items as number,
        date: percentiles[1].date,
        epic: epic?.title,
        horizon: HORIZON,
      }),
    };
  }

  private checkDate(date: string, today: string, calendar: WorkingCalendar): void {
    if (date <= today)
      throw new ValidationFailedError([{ field: 'date', message: 'must be after today' }]);
    if (date > calendar.addWorkingDays(today, HORIZON))
      throw new ValidationFailedError([{ field: 'date', message: 'must be within five years' }]);
  }

  /** Items finished per working day over the last `weeks` (not before the team existed). */
  private async history(
    teamId: string,
    timezone: string,
    today: string,
    weeks: number,
    calendar: WorkingCalendar,
  ) {
    const created = await this.log.firstOccurredAt(teamId);
    const born = created ? localDate(created, timezone) : today;
    const windowStart = addDays(today, -weeks * 7);
    const from = born > windowStart ? born : windowStart;
    const to = addDays(today, -1);
    const workingDates = from <= to ? calendar.workingDates(from, to) : [];
    const finished = flowTimes(
      await this.log.compact(teamId, REPLAYED_TYPES),
      null,
      calendar,
      timezone,
    )
      .map((i) => localDate(new Date(i.doneAt), timezone))
      // Work finished on a Saturday counts on the next working day, not nowhere.
      .map((d) => (calendar.isWorkingDay(d) ? d : calendar.addWorkingDays(d, 1)))
      .filter((d) => d >= from && d <= to);
    const throughput = dailyThroughput(finished, workingDates);
    return {
      from,
      to,
      workingDays: workingDates.length,
      finishedItems: throughput.reduce((a, b) => a + b, 0),
      throughput,
    };
  }
}
