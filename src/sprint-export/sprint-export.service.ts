import { Injectable } from '@nestjs/common';
import { BacklogItemsService } from '../backlog/items/backlog-items.service';
import { ReviewService } from '../ceremony/review/review.service';
import type { Actor } from '../identity/actor';
import { TeamsService } from '../identity/teams/teams.service';
import { Localizer, type LocaleHints } from '../i18n/localizer.service';
import { Vocabulary } from '../i18n/vocabulary.service';
import { RetrospectivesService } from '../retrospective/retrospectives.service';
import { renderSvg } from '../sprint/reports/render-svg';
import { ReportChartsService } from '../sprint/report-charts.service';
import { ReportsService } from '../sprint/reports.service';
import { SprintsService } from '../sprint/sprints.service';
import { sprintReportHtml, type SprintExport } from './sprint-report-html';

/**
 * One page per sprint for a public office — goal, numbers, items, burndown, review outcome,
 * retrospective actions — to attach to an act or send to a manager. Everything is read through
 * the owning modules' services, as the reader: what they may not see is not in it.
 */
@Injectable()
export class SprintExportService {
  constructor(
    private readonly sprints: SprintsService,
    private readonly reports: ReportsService,
    private readonly charts: ReportChartsService,
    private readonly items: BacklogItemsService,
    private readonly teams: TeamsService,
    private readonly reviews: ReviewService,
    private readonly retros: RetrospectivesService,
    private readonly localizer: Localizer,
    private readonly vocabulary: Vocabulary,
  ) {}

  async html(actor: Actor, sprintId: string, hints: LocaleHints): Promise<string> {
    const sprint = await this.sprints.get(actor, sprintId);
    const report = await this.reports.report(actor, sprintId);
    const [team, burndown, done, reviews, retros] = await Promise.all([
      this.teams.get(actor, sprint.teamId),
      this.charts
        .burn(actor, sprintId, 'points', 'burndown', hints)
        .then((spec) => renderSvg(spec)),
      this.items.list(actor, sprint.teamId, { sprint: sprintId, limit: 200 }),
      this.reviews.list(actor, sprint.teamId),
      this.retros.list(actor, sprint.teamId),
    ]);
    const carried = await Promise.all(
      report.carriedOver.map((c) => this.items.get(actor, c.itemId)),
    );
    const reviewId = reviews.find((r) => r.sprintId === sprintId)?.id;
    const retroId = retros.find((r) => r.sprintId === sprintId)?.id;
    const lang = await this.localizer.resolve(hints, sprint.teamId);
    const terms = await this.vocabulary.terms(sprint.teamId, lang);
    const view: SprintExport = {
      lang,
      team: team.name,
      sprint,
      report,
      burndownSvg: burndown,
      completed: done.items.filter((i) => i.status === 'done'),
      carried,
      review: reviewId ? await this.reviews.get(actor, reviewId) : null,
      retro: retroId ? await this.retros.get(actor, retroId) : null,
      generatedAt: new Date(),
    };
    return sprintReportHtml(view, {
      t: (key, params) => this.localizer.t(lang, `reports.export.${key}`, { ...terms, ...params }),
      number: (value) => this.localizer.formatNumber(lang, value, { maximumFractionDigits: 1 }),
      date: (date) =>
        this.localizer.formatDate(lang, date, { day: 'numeric', month: 'long', year: 'numeric' }),
    });
  }
}
