import type { ChartSpec, ChartText } from '@ritmo/charts';
import type { EChartsOption } from 'echarts';
import { useId, useState } from 'react';
import { downloadReport, type ReportFile } from '../../api/reports';
import { useTeamT } from '../../i18n/vocabulary';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ChartTable } from './ChartTable';
import { useChart } from './useChart';

export interface Download {
  label: string;
  file: ReportFile;
  name: string;
}

/** A chart as an image with its name and summary, its data on request, and its files. */
export function ChartFigure({
  testId,
  spec,
  text,
  downloads,
}: {
  testId: string;
  spec: ChartSpec<EChartsOption>;
  text: ChartText;
  downloads: Download[];
}) {
  const { t } = useTeamT('reports');
  const headingId = useId();
  const ref = useChart(spec.option);
  const [problem, setProblem] = useState<unknown>(undefined);
  const download = (d: Download) => {
    setProblem(undefined);
    downloadReport(d.file, d.name).catch(setProblem);
  };
  return (
    <section className="ritmo-chart-figure mb-5" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="h4">
        {spec.title}
      </h2>
      <p data-testid="chart-summary">{spec.summary}</p>
      <div role="img" aria-label={`${spec.title}. ${spec.summary}`} className="ritmo-chart-box">
        <div ref={ref} className="ritmo-chart" />
      </div>
      <details className="mt-2">
        <summary>{t('showData')}</summary>
        <ChartTable table={spec.table} caption={spec.title} text={text} />
      </details>
      <div className="d-flex flex-wrap gap-2 mt-2">
        {downloads.map((d) => (
          <button
            key={d.name}
            type="button"
            className="btn btn-sm btn-outline-primary"
            data-testid={`download-${d.file.kind}`}
            onClick={() => download(d)}
          >
            {d.label}
            <span className="visually-hidden"> — {spec.title}</span>
          </button>
        ))}
      </div>
      <ProblemAlert error={problem} />
    </section>
  );
}
