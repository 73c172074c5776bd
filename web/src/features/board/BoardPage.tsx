import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useLabels, useOpenSprints, type Label, type TeamMember } from '../../api/backlog';
import { useBoard, type Board, type Card } from '../../api/board';
import { useBoardActions } from '../../api/board-mutations';
import { useMe } from '../../api/me';
import { useTeamMembers, type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { EmptyState, Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import './board.css';
import { BoardDrawer, useOpenCard } from './BoardDrawer';
import { BoardFilterBar } from './BoardFilterBar';
import { BoardGrid } from './BoardGrid';
import { boardPermissions } from './permissions';
import {
  anchorIn,
  boardView,
  readBoardFilters,
  writeBoardFilters,
  type BoardFilters,
} from './view';
import { TeamPage } from '../../app/TeamPage';

const NO_LABELS: Label[] = [];
const NO_MEMBERS: TeamMember[] = [];

/** Folded lanes, forgotten when the lanes' kind changes (an assignee is not an epic). */
function useCollapsedLanes(kind: BoardFilters['lanes']) {
  const [state, setState] = useState<{ kind: typeof kind; ids: ReadonlySet<string> }>({
    kind,
    ids: new Set(),
  });
  const collapsed = state.kind === kind ? state.ids : EMPTY;
  const toggleLane = useCallback(
    (laneId: string) =>
      setState((s) => {
        const ids = new Set(s.kind === kind ? s.ids : []);
        if (ids.has(laneId)) ids.delete(laneId);
        else ids.add(laneId);
        return { kind, ids };
      }),
    [kind],
  );
  return { collapsed, toggleLane };
}
const EMPTY: ReadonlySet<string> = new Set();

/** Now, refreshed every five minutes while `ticking` (the Kanban board's aging). */
function useSlowClock(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 5 * 60_000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

function columnOf(board: Board | undefined, statusId: string) {
  return board?.columns.find((c) => c.statusId === statusId);
}

/** A drop: one request; the outcome announced, a refusal or a WIP warning shown. */
function useDrop(team: Team, board: Board | undefined) {
  const { t } = useTeamT('board');
  const announce = useAnnounce();
  const actions = useBoardActions(team.id);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [warning, setWarning] = useState<string | null>(null);
  const drop = useCallback(
    async (itemId: string, cards: Card[], statusId: string, index: number) => {
      const column = columnOf(board, statusId);
      const card = board?.columns.flatMap((c) => c.items).find((c) => c.id === itemId);
      if (!column || !card) return;
      setProblem(undefined);
      setWarning(null);
      const total = cards.filter((c) => c.id !== itemId).length + 1;
      const result = await actions.move({ itemId, statusId, ...anchorIn(cards, itemId, index) });
      if (!result.ok) {
        setProblem(result.error);
        const detail = result.error instanceof Error ? result.error.message : '';
        announce(t('move.refused', { title: card.title, detail }), 'assertive');
        return;
      }
      const moved = t('move.dropped', {
        title: card.title,
        column: column.name,
        position: index + 1,
        total,
      });
      if (result.wipExceeded) {
        const text = t('move.wipExceeded', { column: column.name, limit: column.wipLimit });
        setWarning(text);
        announce(`${moved}. ${text}`);
      } else announce(moved);
    },
    [actions, announce, board, t],
  );
  return { drop, problem, warning, dismissWarning: () => setWarning(null) };
}

function BoardScreen({ team }: { team: Team }) {
  const { t } = useTeamT('board');
  usePageTitle(t('title', { team: team.name }));
  const can = boardPermissions(team.myRole);
  const board = useBoard(team.id);
  const me = useMe().data;
  const members = useTeamMembers(team.id).data;
  const labels = useLabels(team.id).data ?? NO_LABELS;
  const sprints = useOpenSprints(team.id, team.process === 'scrum');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readBoardFilters(params), [params]);
  const setFilters = useCallback(
    (next: BoardFilters) =>
      setParams(
        (current) => {
          const p = writeBoardFilters(next);
          // The open card stays open while the filters change.
          const item = current.get('item');
          if (item) p.set('item', item);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  const { drop, problem, warning, dismissWarning } = useDrop(team, board.data);
  const card = useOpenCard();
  const { collapsed, toggleLane } = useCollapsedLanes(filters.lanes);

  const memberMap = useMemo(() => new Map((members ?? []).map((m) => [m.userId, m])), [members]);
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const assignees = useMemo(() => (members ?? []).map((m) => m.userId), [members]);
  const lanes = useMemo(
    () => (board.data ? boardView(board.data, filters, me?.id, assignees) : []),
    [board.data, filters, me?.id, assignees],
  );
  // Aging counts whole days: a clock that ticks every few minutes is precise enough, and unlike
  // the time of the last read it does not change with every event (each change of the cards'
  // context re-renders every card: a thousand of them on a large board).
  const now = useSlowClock(team.process === 'kanban');
  const ctx = useMemo(
    () => ({
      canMove: can.move,
      showAging: team.process === 'kanban',
      now,
      members: memberMap,
      labels: labelMap,
      onOpen: card.open,
    }),
    [can.move, team.process, now, memberMap, labelMap, card.open],
  );
  const epics = board.data?.epics;
  const laneName = useCallback(
    (laneId: string) => {
      if (laneId === 'all') return null;
      if (filters.lanes === 'epic') {
        if (laneId === 'none') return t('lanes.noEpic');
        const epic = epics?.find((e) => e.id === laneId);
        if (!epic) return t('lanes.unknownEpic');
        return epic.archived ? t('lanes.archivedEpic', { title: epic.title }) : epic.title;
      }
      return laneId === 'none'
        ? t('lanes.unassigned')
        : (memberMap.get(laneId)?.displayName ?? t('lanes.formerMember'));
    },
    [memberMap, epics, filters.lanes, t],
  );
  const sprint = sprints.data?.find((s) => s.id === board.data?.sprintId);

  return (
    <>
      <div className="d-flex flex-wrap align-items-baseline gap-3 mb-2">
        <h1 className="mb-0">{t('title', { team: team.name })}</h1>
        <Link to={`/teams/${team.id}/backlog`}>{t('links.backlog')}</Link>
        <Link to={`/teams/${team.id}/workflow`}>
          {can.workflow ? t('links.editWorkflow') : t('links.workflow')}
        </Link>
      </div>
      {sprint ? (
        <p data-testid="board-sprint">
          {t('sprint', { name: sprint.name })}
          {sprint.goal ? ` — ${sprint.goal}` : ''}
        </p>
      ) : team.process === 'kanban' ? (
        <p>{t('continuous')}</p>
      ) : null}
      {board.data ? (
        <p className="small" data-testid="wip-mode">
          {t(`wipMode.${board.data.wipMode}`)}
        </p>
      ) : null}
      {!can.move ? (
        <div className="callout note my-3" data-testid="read-only">
          <div className="callout-title">{t('readOnly')}</div>
        </div>
      ) : null}
      <ProblemAlert error={problem} title={problem ? t('move.refusedTitle') : undefined} />
      {warning ? (
        <div className="alert alert-warning d-flex gap-3" role="status" data-testid="wip-warning">
          <p className="mb-0 flex-grow-1">{warning}</p>
          <button type="button" className="btn btn-sm btn-outline-primary" onClick={dismissWarning}>
            {t('dismiss')}
          </button>
        </div>
      ) : null}
      <BoardFilterBar filters={filters} onChange={setFilters} labels={labels} />
      {board.isPending ? <Loading /> : null}
      <ProblemAlert error={board.error} />
      {board.data ? (
        team.process === 'scrum' && board.data.sprintId === null ? (
          <EmptyState title={t('noActiveSprint')}>
            <Link to={`/teams/${team.id}/backlog`}>{t('links.backlog')}</Link>
          </EmptyState>
        ) : (
          <BoardGrid
            columns={board.data.columns}
            lanes={lanes}
            laneName={laneName}
            ctx={ctx}
            collapsed={collapsed}
            onToggleLane={toggleLane}
            onDrop={(...args) => void drop(...args)}
          />
        )
      ) : null}
      {board.data && card.openId ? (
        <BoardDrawer
          team={team}
          board={board.data}
          itemId={card.openId}
          labels={labels}
          members={members ?? NO_MEMBERS}
          onOpen={card.open}
          onClose={card.close}
        />
      ) : null}
    </>
  );
}

export default function BoardPage() {
  const { teamId = '' } = useParams();
  useBoard(teamId);
  return <TeamPage teamId={teamId}>{(team) => <BoardScreen team={team} />}</TeamPage>;
}
