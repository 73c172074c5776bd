import { SprintSelect } from '../../ui/SprintSelect';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { downloadReport } from '../../api/reports';
import { useSprints, type Sprint } from '../../api/sprints';
import { type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT } from '../../i18n/vocabulary';
import '../../live/report-reducers';
import { EmptyState, Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ChartFigure, type Download } from './ChartFigure';
import { Forecast } from './Forecast';
import './reports.css';
import { reportableSprints, useReportCharts } from './useReportCharts';
import { TeamPage } from '../../app/TeamPage';

function SprintPicker({
  sprints,
  sprint,
  onPick,
}: {
  sprints: Sprint[];
  sprint: Sprint;
  onPick: (id: string) => void;
}) {
  const { t } = useTeamT('reports');
  const [problem, setProblem] = useState<unknown>(undefined);
  const downloadPage = () => {
    setProblem(undefined);
    downloadReport({ kind: 'report.html', sprintId: sprint.id }, `${sprint.name}.html`).catch(
      setProblem,
    );
  };
  return (
    <>
      <div className="d-flex flex-wrap align-items-end gap-3 mb-4">
        <SprintSelect
          id="report-sprint"
          label={t('picker')}
          sprints={sprints}
          value={sprint.id}
          stateLabel={(state) => t(`state.${state}`)}
          onChange={onPick}
        />
        {sprint.state === 'completed' ? (
          <button
            type="button"
            className="btn btn-outline-primary"
            data-testid="download-report.html"
            onClick={downloadPage}
          >
            {t('download.report')}
          </button>
        ) : null}
      </div>
      <ProblemAlert error={problem} />
    </>
  );
}

const files = (
  t: (key: string) => string,
  base: string,
  make: (ext: 'svg' | 'csv') => Download['file'],
): Download[] => [
  { label: t('download.svg'), file: make('svg'), name: `${base}.svg` },
  { label: t('download.csv'), file: make('csv'), name: `${base}.csv` },
];

function Reports({ team }: { team: Team }) {
  const { t } = useTeamT('reports');
  usePageTitle(t('title', { team: team.name }));
  const sprints = useSprints(team.id);
  const choosable = useMemo(() => reportableSprints(sprints.data ?? []), [sprints.data]);
  const [params, setParams] = useSearchParams();
  const sprint = choosable.find((s) => s.id === params.get('sprint')) ?? choosable[0];
  const charts = useReportCharts(team.id, sprint);
  const pick = (id: string) => setParams({ sprint: id }, { replace: true });
  const sprintFiles = (kind: 'burndown' | 'burnup') =>
    files(t, kind, (ext) => ({ kind: `${kind}.${ext}`, sprintId: sprint?.id ?? '' }));
  const teamFiles = (
    kind: 'velocity' | 'cumulative-flow' | 'cycle-time' | 'lead-time' | 'aging-wip',
  ) => files(t, kind, (ext) => ({ kind: `${kind}.${ext}`, teamId: team.id }));

  return (
    <>
      <h1>{t('title', { team: team.name })}</h1>
      <p>{t('intro')}</p>
      {sprints.isPending ? <Loading /> : null}
      <ProblemAlert error={sprints.error ?? charts.error} />
      {sprint ? (
        <>
          <SprintPicker sprints={choosable} sprint={sprint} onPick={pick} />
          {sprint.state === 'active' ? <p className="small">{t('live')}</p> : null}
          {charts.burndown ? (
            <ChartFigure
              testId="chart-burndown"
              spec={charts.burndown}
              text={charts.text}
              downloads={sprintFiles('burndown')}
            />
          ) : (
            <Loading />
          )}
          {charts.burnup ? (
            <ChartFigure
              testId="chart-burnup"
              spec={charts.burnup}
              text={charts.text}
              downloads={sprintFiles('burnup')}
            />
          ) : null}
        </>
      ) : sprints.data && team.process === 'scrum' ? (
        <EmptyState title={t('noSprint')} />
      ) : null}
      {team.process === 'scrum' && charts.velocity ? (
        <ChartFigure
          testId="chart-velocity"
          spec={charts.velocity}
          text={charts.text}
          downloads={teamFiles('velocity')}
        />
      ) : null}
      {charts.cfd ? (
        <ChartFigure
          testId="chart-cfd"
          spec={charts.cfd}
          text={charts.text}
          downloads={teamFiles('cumulative-flow')}
        />
      ) : null}
      {charts.cycle ? (
        <ChartFigure
          testId="chart-cycle"
          spec={charts.cycle}
          text={charts.text}
          downloads={teamFiles('cycle-time')}
        />
      ) : null}
      {charts.lead ? (
        <ChartFigure
          testId="chart-lead"
          spec={charts.lead}
          text={charts.text}
          downloads={teamFiles('lead-time')}
        />
      ) : null}
      {charts.aging ? (
        <ChartFigure
          testId="chart-aging"
          spec={charts.aging}
          text={charts.text}
          downloads={teamFiles('aging-wip')}
        />
      ) : null}
      <Forecast teamId={team.id} />
    </>
  );
}

export default function ReportsPage() {
  const { teamId = '' } = useParams();
  return <TeamPage teamId={teamId}>{(team) => <Reports team={team} />}</TeamPage>;
}
