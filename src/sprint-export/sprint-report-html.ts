import type { BacklogItemDto } from '../backlog/items/dto/backlog-item-response.dto';
import type { SprintReviewDto } from '../ceremony/review/dto/review.dto';
import type { RetrospectiveDto } from '../retrospective/dto/retrospective-view.dto';
import type { SprintDto } from '../sprint/dto/sprint.dto';
import type { SprintReportDto } from '../sprint/dto/report.dto';

export interface SprintExport {
  lang: 'it' | 'en';
  team: string;
  sprint: SprintDto;
  report: SprintReportDto;
  /** The burndown as the SVG route serves it (title, desc, role="img"). */
  burndownSvg: string;
  completed: BacklogItemDto[];
  carried: BacklogItemDto[];
  review: SprintReviewDto | null;
  retro: RetrospectiveDto | null;
  generatedAt: Date;
}

export interface ExportText {
  t: (key: string, params?: Record<string, string | number>) => string;
  number: (value: number) => string;
  date: (date: Date | string) => string;
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

// Print first: A4, black on white, no script, no external resource — it is attached to acts.
const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Titillium Web", "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 180mm; line-height: 1.45; }
header { border-bottom: 3px solid #0066cc; margin-bottom: 1rem; padding-bottom: .5rem; }
h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin: 1.4rem 0 .4rem; color: #004d99; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #c5c7c9; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .5rem 0; } figure svg { max-width: 100%; height: auto; }
.muted { color: #5c6f82; } footer { margin-top: 2rem; font-size: .8rem; color: #5c6f82; }
section { break-inside: avoid; }
`;

/** The sprint report page: what was promised, what was done, what the review and retrospective said. */
export function sprintReportHtml(view: SprintExport, text: ExportText): string {
  const { t } = text;
  const { sprint, report } = view;
  const title = t('title', { name: sprint.name });
  const rows = (cells: string[][]) =>
    cells.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  const count = (c: { items: number; points: number }) =>
    `<td class="n">${text.number(c.items)}</td><td class="n">${text.number(c.points)}</td>`;
  const itemTable = (items: BacklogItemDto[], empty: string) =>
    items.length === 0
      ? `<p class="muted">${esc(empty)}</p>`
      : `<table><thead><tr><th>${esc(t('item'))}</th><th>${esc(t('estimate'))}</th></tr></thead><tbody>${rows(
          items.map((i) => [
            esc(i.title),
            i.estimate === null ? '—' : esc(text.number(i.estimate)),
          ]),
        )}</tbody></table>`;
  const dates =
    sprint.startDate && sprint.endDate
      ? t('dates', { from: text.date(sprint.startDate), to: text.date(sprint.endDate) })
      : '';
  const closed = sprint.completedAt
    ? t('closedOn', { date: text.date(sprint.completedAt) })
    : t('notClosed');
  const decisions = view.review?.items ?? [];
  const feedback = view.review?.feedback ?? [];
  const actions = view.retro?.actionItems ?? [];
  return `<!doctype html>
<html lang="${view.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${title} — ${view.team}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="muted">${esc(view.team)}</p>
<h1>${esc(title)}</h1>
<p>${esc([dates, closed].filter(Boolean).join(' · '))}</p>
</header>
<main>
<section><h2>${esc(t('goal'))}</h2><p>${sprint.goal ? esc(sprint.goal) : `<span class="muted">${esc(t('noGoal'))}</span>`}</p></section>
<section><h2>${esc(t('summary'))}</h2>
<table><thead><tr><th></th><th>${esc(t('items'))}</th><th>${esc(t('points'))}</th></tr></thead><tbody>
<tr><th scope="row">${esc(t('committed'))}</th>${count(report.committed)}</tr>
<tr><th scope="row">${esc(t('completed'))}</th>${count(report.completed)}</tr>
<tr><th scope="row">${esc(t('finalScope'))}</th>${count(report.finalScope)}</tr>
</tbody></table>
<p>${esc(t('changes', { added: report.added.length, removed: report.removed.length, reEstimated: report.reEstimated.length, carried: report.carriedOver.length }))}</p>
</section>
<section><h2>${esc(t('burndown'))}</h2><figure>${view.burndownSvg}</figure></section>
<section><h2>${esc(t('completedItems'))}</h2>${itemTable(view.completed, t('noneCompleted'))}</section>
<section><h2>${esc(t('carriedItems'))}</h2>${itemTable(view.carried, t('noneCarried'))}</section>
<section><h2>${esc(t('review'))}</h2>${
    view.review
      ? `${
          decisions.length
            ? `<table><thead><tr><th>${esc(t('item'))}</th><th>${esc(t('decision'))}</th><th>${esc(t('note'))}</th></tr></thead><tbody>${rows(
                decisions.map((d) => [
                  esc(d.title),
                  esc(t(`decisions.${d.decision}`)),
                  esc(d.note),
                ]),
              )}</tbody></table>`
            : `<p class="muted">${esc(t('noDecisions'))}</p>`
        }${
          feedback.length
            ? `<h3>${esc(t('feedback'))}</h3><ul>${feedback.map((f) => `<li>${esc(f.text)}</li>`).join('')}</ul>`
            : ''
        }`
      : `<p class="muted">${esc(t('noReview'))}</p>`
  }</section>
<section><h2>${esc(t('actions'))}</h2>${
    view.retro
      ? actions.length
        ? `<ul>${actions
            .map(
              (a) =>
                `<li>${esc(a.text)}${a.dueDate ? ` <span class="muted">(${esc(t('due', { date: text.date(a.dueDate) }))})</span>` : ''}${a.done ? ` — ${esc(t('done'))}` : ''}</li>`,
            )
            .join('')}</ul>`
        : `<p class="muted">${esc(t('noActions'))}</p>`
      : `<p class="muted">${esc(t('noRetro'))}</p>`
  }</section>
</main>
<footer>${esc(t('generated', { date: text.date(view.generatedAt) }))}</footer>
</body>
</html>
`;
}
