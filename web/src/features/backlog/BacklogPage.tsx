import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import {
  useBacklogList,
  useLabels,
  useOpenSprints,
  useSearchIds,
  type BacklogItem,
  type Label,
} from '../../api/backlog';
import { useBacklogActions, type MoveTarget } from '../../api/backlog-mutations';
import { useTeamMembers, type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { EmptyState, Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import './backlog.css';
import './drawer.css';
import { BacklogList } from './BacklogList';
import { ConflictDialog } from './ConflictDialog';
import { FilterBar } from './FilterBar';
import { applyFilters, isFiltered, readFilters, writeFilters, type Filters } from './filters';
import { LabelsDialog } from './LabelsDialog';
import { MoveDialog } from './MoveDialog';
import { inListOrder } from './order';
import { backlogPermissions } from './permissions';
import { QuickCreate } from './QuickCreate';
import { useFeedback } from './useFeedback';
import { TeamPage } from '../../app/TeamPage';

// Markdown (marked + DOMPurify) and history load when an item is opened, not with the list.
const ItemDrawer = lazy(() => import('./ItemDrawer'));

const NO_LABELS: Label[] = [];

/** Where a move leaves the first moved item, for the announcement (1-based). */
function landing(items: readonly BacklogItem[], ids: string[], target: MoveTarget): number {
  const rest = items.filter((item) => !ids.includes(item.id));
  if ('position' in target) return target.position === 'top' ? 1 : rest.length + 1;
  if ('before' in target) return rest.findIndex((i) => i.id === target.before) + 1;
  if ('after' in target) return rest.findIndex((i) => i.id === target.after) + 2;
  return 0;
}

function Backlog({ team }: { team: Team }) {
  const teamId = team.id;
  const { t } = useTeamT('backlog');
  usePageTitle(t('title', { team: team.name }));
  const announce = useAnnounce();
  const can = backlogPermissions(team.myRole);
  const list = useBacklogList(teamId);
  const labels = useLabels(teamId).data ?? NO_LABELS;
  const members = useTeamMembers(teamId).data;
  const sprints = useOpenSprints(teamId, can.sprint && team.process === 'scrum');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const setFilters = useCallback(
    (next: Filters) => setParams(writeFilters(next), { replace: true }),
    [setParams],
  );
  const search = useSearchIds(teamId, filters.q ?? '');
  const { feedback, problem, clearProblem, conflict, resolveConflict } = useFeedback();
  const actions = useBacklogActions(teamId, feedback);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [moveIds, setMoveIds] = useState<string[] | null>(null);
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [labelsOpen, setLabelsOpen] = useState(false);

  const all = list.data?.items;
  const shown = useMemo(
    () => (all ? applyFilters(all, filters, search.data) : []),
    [all, filters, search.data],
  );
  // Rows re-render only when what they show changes: the epics' map changes with the epics.
  const epicList = useMemo(() => (all ?? []).filter((i) => i.type === 'epic'), [all]);
  const epicKey = epicList.map((e) => `${e.id}:${e.version}`).join();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the epics' ids and versions
  const epics = useMemo(() => new Map(epicList.map((i) => [i.id, i])), [epicKey]);
  const latest = useRef({ all, selection });
  useEffect(() => {
    latest.current = { all, selection };
  });
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const memberList = useMemo(() => members ?? [], [members]);

  const ctx = useMemo(
    () => ({
      permissions: can,
      pointScale: team.pointScale,
      members: memberList,
      labels: labelMap,
      epics,
      onEdit: (edit: Parameters<typeof actions.edit>[0]) => {
        clearProblem();
        void actions.edit(edit);
      },
      onOpen: setOpenItem,
      onMoveMenu: (id: string) =>
        setMoveIds(
          selection.has(id) && selection.size > 1 && all ? inListOrder(all, selection) : [id],
        ),
      onSelect: (id: string, on: boolean) =>
        setSelection((s) => {
          const next = new Set(s);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- can is derived from team.myRole
    [
      team.myRole,
      team.pointScale,
      memberList,
      labelMap,
      epics,
      actions,
      selection,
      all,
      clearProblem,
    ],
  );

  const moveFromDialog = async (target: MoveTarget, label: string) => {
    const ids = moveIds ?? [];
    setMoveIds(null);
    if (!all) return;
    const title = all.find((i) => i.id === ids[0])?.title ?? '';
    const position = landing(all, ids, target);
    const total = all.length;
    const ok = await actions.move(ids, target);
    if (!ok) return announce(t('move.failed'), 'assertive');
    setSelection(new Set());
    if ('sprintId' in target)
      announce(
        ids.length > 1
          ? t('move.toSprintMany', { count: ids.length, sprint: label })
          : t('move.toSprint', { title, sprint: label }),
      );
    else
      announce(
        ids.length > 1
          ? t('move.droppedMany', { count: ids.length, position, total })
          : t('move.dropped', { title, position, total }),
      );
  };

  return (
    <>
      <h1>{t('title', { team: team.name })}</h1>
      {!can.edit ? (
        <div className="callout note my-3" data-testid="read-only">
          <div className="callout-title">{t('readOnly')}</div>
        </div>
      ) : null}
      <ProblemAlert error={problem} title={problem ? t('problemTitle') : undefined} />
      {can.edit ? <QuickCreate create={actions.create} bulkCreate={actions.bulkCreate} /> : null}
      <FilterBar filters={filters} onChange={setFilters} labels={labels} members={memberList} />
      <div className="d-flex flex-wrap align-items-center gap-3 mb-2">
        <p className="mb-0" data-testid="backlog-count">
          {list.data && !list.data.complete
            ? t('loadingMore', {
                loaded: list.data.items.length,
                total: list.data.totalCount ?? '…',
              })
            : isFiltered(filters)
              ? t('shown', { shown: shown.length, total: all?.length ?? 0 })
              : t('count', { count: all?.length ?? 0 })}
        </p>
        {selection.size > 0 ? (
          <>
            <span>{t('selection.count', { count: selection.size })}</span>
            <button
              type="button"
              className="btn btn-sm btn-primary"
              onClick={() => all && setMoveIds(inListOrder(all, selection))}
            >
              {t('move.selection')}
            </button>
            <button
              type="button"
              className="btn btn-sm btn-outline-primary"
              onClick={() => setSelection(new Set())}
            >
              {t('selection.clear')}
            </button>
          </>
        ) : null}
        {can.edit ? (
          <button
            type="button"
            className="btn btn-sm btn-outline-primary ms-auto"
            onClick={() => setLabelsOpen(true)}
          >
            {t('labels.manage')}
          </button>
        ) : null}
      </div>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error ?? search.error} />
      {all ? (
        shown.length === 0 ? (
          <EmptyState title={isFiltered(filters) ? t('emptyFiltered') : t('empty')} />
        ) : (
          <BacklogList items={shown} selection={selection} ctx={ctx} move={actions.move} />
        )
      ) : null}
      {moveIds && all ? (
        <MoveDialog
          ids={moveIds}
          items={all}
          sprints={can.sprint && team.process === 'scrum' ? (sprints.data ?? []) : undefined}
          onMove={(target, label) => void moveFromDialog(target, label)}
          onClose={() => setMoveIds(null)}
        />
      ) : null}
      {conflict ? (
        <ConflictDialog
          conflict={conflict}
          members={memberList}
          onTakeTheirs={resolveConflict}
          onApplyMine={() => {
            const { current, patch } = conflict;
            resolveConflict();
            void actions.edit({ itemId: current.id, patch });
          }}
        />
      ) : null}
      {labelsOpen ? (
        <LabelsDialog teamId={teamId} labels={labels} onClose={() => setLabelsOpen(false)} />
      ) : null}
      {openItem ? (
        <Suspense fallback={null}>
          <ItemDrawer
            team={team}
            itemId={openItem}
            can={can}
            labels={labels}
            members={memberList}
            items={all ?? []}
            onEdit={ctx.onEdit}
            onOpen={setOpenItem}
            onClose={() => setOpenItem(null)}
          />
        </Suspense>
      ) : null}
    </>
  );
}

export default function BacklogPage() {
  const { teamId = '' } = useParams();
  // Read the list alongside the team (one round trip less before the first rows).
  useBacklogList(teamId);
  return <TeamPage teamId={teamId}>{(team) => <Backlog team={team} />}</TeamPage>;
}
