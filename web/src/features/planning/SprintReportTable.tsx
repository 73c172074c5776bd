import type { SprintReport } from '../../api/sprints';
import { formatNumber } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';

const sum = (list: readonly { estimate: number | null }[]) =>
  Math.round(list.reduce((s, x) => s + (x.estimate ?? 0), 0) * 100) / 100;

/** The numbers of the frozen report, as a table with a sentence before it. */
export function SprintReportTable({ report, name }: { report: SprintReport; name: string }) {
  const { t, i18n } = useTeamT('planning');
  const n = (v: number) => formatNumber(v, i18n.language);
  const rows: [string, string, number, number | null][] = [
    ['committed', t('report.committed'), report.committed.items, report.committed.points],
    ['completed', t('report.completed'), report.completed.items, report.completed.points],
    ['finalScope', t('report.finalScope'), report.finalScope.items, report.finalScope.points],
    ['added', t('report.added'), report.added.length, sum(report.added)],
    ['removed', t('report.removed'), report.removed.length, sum(report.removed)],
    ['reEstimated', t('report.reEstimated'), report.reEstimated.length, null],
    ['carriedOver', t('report.carriedOver'), report.carriedOver.length, sum(report.carriedOver)],
  ];
  return (
    <section aria-labelledby="report-heading" data-testid="sprint-report">
      <h3 id="report-heading" className="h6">
        {t('report.heading', { name })}
      </h3>
      <p>
        {t('report.summary', {
          completed: n(report.completed.points),
          committed: n(report.committed.points),
          carried: report.carriedOver.length,
        })}
      </p>
      <table className="table table-sm">
        <caption className="visually-hidden">{t('report.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.measure')}</th>
            <th scope="col">{t('report.items')}</th>
            <th scope="col">{t('report.points')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label, items, points]) => (
            <tr key={key} data-testid={`report-${key}`}>
              <th scope="row">{label}</th>
              <td data-testid="items">{n(items)}</td>
              <td data-testid="points">{points === null ? '—' : n(points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
