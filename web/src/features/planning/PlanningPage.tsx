import { SprintSelect } from '../../ui/SprintSelect';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useBacklogList, type BacklogItem } from '../../api/backlog';
import { usePlanning, useSprintItems, useSprints, type Sprint } from '../../api/sprints';
import {
  useSprintActions,
  type SprintFeedback,
  type SprintPatch,
} from '../../api/sprints-mutations';
import { useTeamMembers, type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT, useTerms } from '../../i18n/vocabulary';
import { commitment, forecastFor } from '../../live/sprint-reducer';
import { useAnnounce } from '../../ui/announcer';
import { EmptyState, Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { backlogPermissions } from '../backlog/permissions';
import { CapacityTable } from './CapacityTable';
import { CloseSprintDialog } from './CloseSprintDialog';
import { nextSprintName } from './closing';
import { ForecastGauge } from './ForecastGauge';
import './planning.css';
import { PlanningLists } from './PlanningLists';
import { SprintDetails } from './SprintDetails';
import { StartSprintDialog } from './StartSprintDialog';
import { TeamPage } from '../../app/TeamPage';

const NO_ITEMS: never[] = [];

/** The sprint shown: the one in the address, else the first being planned, else the running one. */
export function pickSprint(open: readonly Sprint[], wanted: string | null): Sprint | undefined {
  return (
    open.find((s) => s.id === wanted) ??
    open.find((s) => s.state === 'planned') ??
    open.find((s) => s.state === 'active')
  );
}

function usePlanningFeedback() {
  const [problem, setProblem] = useState<unknown>(undefined);
  const [conflict, setConflict] = useState<{ current: Sprint; patch: SprintPatch }>();
  const feedback = useMemo<SprintFeedback>(
    () => ({
      onProblem: setProblem,
      onConflict: (current, patch) => setConflict({ current, patch }),
    }),
    [],
  );
  return { feedback, problem, setProblem, conflict, clearConflict: () => setConflict(undefined) };
}

function Planning({ team }: { team: Team }) {
  const teamId = team.id;
  const { t } = useTeamT('planning');
  const terms = useTerms();
  usePageTitle(t('title', { team: team.name }));
  const announce = useAnnounce();
  const can = backlogPermissions(team.myRole);
  const [params, setParams] = useSearchParams();
  const sprints = useSprints(teamId);
  const open = useMemo(
    () => (sprints.data ?? []).filter((s) => s.state !== 'completed'),
    [sprints.data],
  );
  const sprint = pickSprint(open, params.get('sprint'));
  const backlog = useBacklogList(teamId);
  const items = useSprintItems(teamId, sprint?.id);
  const planning = usePlanning(teamId, sprint?.id);
  const members = useTeamMembers(teamId).data ?? NO_ITEMS;
  const { feedback, problem, setProblem, conflict, clearConflict } = usePlanningFeedback();
  const actions = useSprintActions(teamId, feedback);
  const [dialog, setDialog] = useState<'start' | null>(null);
  // The sprint being closed is kept: once completed it leaves the open sprints on screen, and
  // the dialog goes on to show its report.
  const [closing, setClosing] = useState<{ sprint: Sprint; items: BacklogItem[] } | null>(null);
  const sprintItems = items.data?.items ?? NO_ITEMS;
  const committed = commitment(sprintItems);
  const active = open.find((s) => s.state === 'active' && s.id !== sprint?.id);
  const show = useCallback(
    (id: string) => setParams({ sprint: id }, { replace: true }),
    [setParams],
  );
  // The sprint shown stays in the address: a sprint someone else creates meanwhile does not
  // take its place; one that is completed gives way to the next.
  const shownId = sprint?.id;
  useEffect(() => {
    if (shownId && params.get('sprint') !== shownId) show(shownId);
  }, [shownId, params, show]);

  const createSprint = async () => {
    setProblem(undefined);
    const created = await actions.create({
      name: nextSprintName(sprints.data ?? [], terms.sprint),
    });
    if (!created) return;
    show(created.id);
    announce(t('picker.created', { name: created.name }));
  };
  const start = async (s: Sprint) => {
    setDialog(null);
    setProblem(undefined);
    const started = await actions.start(s.id);
    if (started) announce(t('start.started', { name: started.name, count: sprintItems.length }));
  };

  return (
    <>
      <h1>{t('title', { team: team.name })}</h1>
      <p>
        <Link to={`/teams/${team.id}/poker`}>{t('pokerLink')}</Link>
      </p>
      {!can.sprint ? (
        <div className="callout note my-3" data-testid="read-only">
          <div className="callout-title">{t('readOnly')}</div>
        </div>
      ) : null}
      <ProblemAlert error={problem} title={problem ? t('problemTitle') : undefined} />
      <div className="d-flex flex-wrap align-items-end gap-3 mb-3">
        {open.length > 0 && sprint ? (
          <SprintSelect
            id="sprint-picker"
            label={t('picker.label')}
            sprints={open}
            value={sprint.id}
            stateLabel={(state) => t(`state.${state}`)}
            onChange={show}
          />
        ) : null}
        {can.sprint ? (
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => void createSprint()}
          >
            {t('picker.create')}
          </button>
        ) : null}
        {sprint && can.sprint && sprint.state === 'planned' ? (
          <button type="button" className="btn btn-primary" onClick={() => setDialog('start')}>
            {t('start.button')}
          </button>
        ) : null}
        {sprint && can.sprint && sprint.state === 'active' ? (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setClosing({ sprint, items: [...sprintItems] })}
          >
            {t('close.button')}
          </button>
        ) : null}
        {sprint ? (
          <p className="mb-0 ritmo-state" data-testid="sprint-state" data-state={sprint.state}>
            {t(`state.${sprint.state}`)}
          </p>
        ) : null}
      </div>
      {sprints.isPending ? <Loading /> : null}
      <ProblemAlert error={sprints.error ?? items.error ?? planning.error ?? backlog.error} />
      {sprints.data && !sprint ? <EmptyState title={t('picker.none')} /> : null}
      {sprint ? (
        <>
          <SprintDetails
            key={sprint.id}
            sprint={sprint}
            canEdit={can.sprint}
            onSave={async (patch, version) => {
              setProblem(undefined);
              const saved = await actions.update(sprint, patch, version);
              if (saved) announce(t('details.saved'));
              return Boolean(saved);
            }}
            conflict={conflict}
            onConflictDone={clearConflict}
          />
          {sprint.state === 'active' ? (
            <p className="callout note" data-testid="scope-change-note">
              {t('lists.scopeChange')}
            </p>
          ) : null}
          {items.data && backlog.data ? (
            <PlanningLists
              backlog={backlog.data.items}
              sprintItems={sprintItems}
              sprint={sprint}
              canMove={can.sprint}
              actions={actions}
            />
          ) : (
            <Loading />
          )}
          {planning.data ? (
            <div className="row mt-4">
              <div className="col-12 col-lg-5">
                <ForecastGauge
                  forecast={forecastFor(planning.data.forecast, committed.points)}
                  unestimated={committed.unestimated}
                />
              </div>
              <div className="col-12 col-lg-7">
                <CapacityTable
                  planning={planning.data}
                  members={members}
                  canEdit={can.sprint && sprint.state !== 'completed'}
                  onSave={async (list) => {
                    setProblem(undefined);
                    const saved = await actions.setCapacity(sprint.id, list);
                    if (saved) announce(t('capacity.saved', { days: saved.capacityDays }));
                    return Boolean(saved);
                  }}
                />
              </div>
            </div>
          ) : null}
          {dialog === 'start' ? (
            <StartSprintDialog
              sprint={sprint}
              items={sprintItems}
              planning={planning.data}
              active={active}
              onConfirm={() => void start(sprint)}
              onClose={() => setDialog(null)}
            />
          ) : null}
        </>
      ) : null}
      {closing ? (
        <CloseSprintDialog
          teamId={teamId}
          sprint={closing.sprint}
          items={closing.items}
          sprints={sprints.data ?? []}
          onClosed={(next) => {
            announce(t('close.closed', { name: closing.sprint.name }));
            if (next) show(next.id);
          }}
          onClose={() => setClosing(null)}
        />
      ) : null}
    </>
  );
}

function KanbanNote() {
  const { t } = useTeamT('planning');
  return <EmptyState title={t('kanban')} />;
}

export default function PlanningPage() {
  const { teamId = '' } = useParams();
  return (
    <TeamPage teamId={teamId}>
      {(team) => (team.process === 'kanban' ? <KanbanNote /> : <Planning team={team} />)}
    </TeamPage>
  );
}
