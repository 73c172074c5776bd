import { Injectable } from '@nestjs/common';
import type { EChartsOption } from 'echarts';
import {
  agingChart,
  burnChart,
  cfdChart,
  flowTimeChart,
  velocityChart,
  type ChartSpec,
  type ChartText,
} from '../charts';
import type { Actor } from '../identity/actor';
import { Localizer, type LocaleHints } from '../i18n/localizer.service';
import { Vocabulary } from '../i18n/vocabulary.service';
import { ReportsService } from './reports.service';

type Spec = ChartSpec<EChartsOption>;

/**
 * The reports as charts (SVG) and tables (CSV), built by the option builders the web client
 * uses too (src/charts), in the reader's language with the team's words.
 */
@Injectable()
export class ReportChartsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly localizer: Localizer,
    private readonly vocabulary: Vocabulary,
  ) {}

  async burn(
    actor: Actor,
    sprintId: string,
    unit: 'points' | 'items',
    kind: 'burndown' | 'burnup',
    hints: LocaleHints,
  ): Promise<Spec> {
    const { teamId, name, report } = await this.reports.burnOfSprint(actor, sprintId, unit);
    return burnChart(kind, name, report, await this.text(hints, teamId));
  }

  async velocity(actor: Actor, teamId: string, hints: LocaleHints): Promise<Spec> {
    const data = await this.reports.velocity(actor, teamId);
    return velocityChart(data, await this.text(hints, teamId));
  }

  async cumulativeFlow(
    actor: Actor,
    teamId: string,
    q: { from?: string; to?: string; sprintId?: string },
    hints: LocaleHints,
  ): Promise<Spec> {
    const data = await this.reports.cumulativeFlow(actor, teamId, q);
    return cfdChart(data, await this.text(hints, teamId));
  }

  async flowTime(
    actor: Actor,
    teamId: string,
    kind: 'cycle' | 'lead',
    sinceDays: number | undefined,
    hints: LocaleHints,
  ): Promise<Spec> {
    const data = await this.reports.flowTimes(actor, teamId, sinceDays);
    return flowTimeChart(kind, data, await this.text(hints, teamId));
  }

  async aging(
    actor: Actor,
    teamId: string,
    sinceDays: number | undefined,
    hints: LocaleHints,
  ): Promise<Spec> {
    const data = await this.reports.agingWip(actor, teamId, sinceDays);
    return agingChart(data, await this.text(hints, teamId));
  }

  /** The reader's language (docs/i18n.md), with the team's own words for Scrum's terms. */
  private async text(hints: LocaleHints, teamId: string): Promise<ChartText> {
    const lang = await this.localizer.resolve(hints, teamId);
    const terms = await this.vocabulary.terms(teamId, lang);
    return {
      t: (key, params) => this.localizer.t(lang, `reports.chart.${key}`, { ...terms, ...params }),
      number: (value) => this.localizer.formatNumber(lang, value, { maximumFractionDigits: 1 }),
      day: (date) => this.localizer.formatDate(lang, date, { day: 'numeric', month: 'short' }),
    };
  }
}
