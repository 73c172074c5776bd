import { useCallback, useId, useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useWorkflow, type Category, type Workflow, type WorkflowStatus } from '../../api/board';
import { useWorkflowActions, type StatusPatch } from '../../api/board-mutations';
import { isProblem } from '../../api/problem';
import { type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { boardPermissions } from '../board/permissions';
import { ColumnFields, type ColumnDraft } from './ColumnFields';
import { ColumnRow } from './ColumnRow';
import { DeleteColumnDialog } from './DeleteColumnDialog';
import './workflow.css';
import { TeamPage } from '../../app/TeamPage';

/** New positions 1…n for the order with `status` moved by one place; only those that change. */
export function reorder(statuses: WorkflowStatus[], status: WorkflowStatus, by: -1 | 1) {
  const order = [...statuses];
  const at = order.findIndex((s) => s.id === status.id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= order.length) return [];
  [order[at], order[to]] = [order[to], order[at]];
  return order
    .map((s, i) => ({ status: s, position: i + 1 }))
    .filter(({ status: s, position }) => s.position !== position);
}

const EMPTY: ColumnDraft = { name: '', category: 'in_progress', wipLimit: '' };

function AddColumn({ onAdd, busy }: { onAdd: (v: AddValues) => Promise<boolean>; busy: boolean }) {
  const { t } = useTeamT('workflow');
  const id = useId();
  const [draft, setDraft] = useState<ColumnDraft>(EMPTY);
  return (
    <form
      className="row g-2 align-items-end my-4"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const name = draft.name.trim();
        if (name === '') return;
        const wipLimit = draft.wipLimit === '' ? null : Number(draft.wipLimit);
        void onAdd({ name, category: draft.category, wipLimit }).then((ok) => {
          if (ok) setDraft({ ...EMPTY, category: draft.category });
        });
      }}
    >
      <h2 id={`${id}-title`} className="h5 col-12">
        {t('add.title')}
      </h2>
      <ColumnFields id={id} draft={draft} onChange={setDraft} />
      <div className="col-auto">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('add.submit')}
        </button>
      </div>
    </form>
  );
}

interface AddValues {
  name: string;
  category: Category;
  wipLimit: number | null;
}

function WipMode({
  workflow,
  edit,
  onChange,
}: {
  workflow: Workflow;
  edit: boolean;
  onChange: (mode: Workflow['wipMode']) => void;
}) {
  const { t } = useTeamT('workflow');
  if (!edit) return <p data-testid="wip-mode">{t(`mode.${workflow.wipMode}`)}</p>;
  return (
    <fieldset className="mb-3">
      <legend className="h5">{t('mode.legend')}</legend>
      {(['enforce', 'warn'] as const).map((mode) => (
        <div className="form-check" key={mode}>
          <input
            id={`wip-mode-${mode}`}
            type="radio"
            name="wip-mode"
            checked={workflow.wipMode === mode}
            onChange={() => onChange(mode)}
          />
          <label htmlFor={`wip-mode-${mode}`}>{t(`mode.${mode}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function ReadOnlyColumns({ statuses }: { statuses: WorkflowStatus[] }) {
  const { t } = useTeamT('workflow');
  return (
    <table className="table">
      <caption>{t('columns')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('field.name')}</th>
          <th scope="col">{t('field.category')}</th>
          <th scope="col">{t('field.wipLimit')}</th>
        </tr>
      </thead>
      <tbody>
        {statuses.map((s) => (
          <tr key={s.id} data-testid="workflow-column">
            <td>{s.name}</td>
            <td>{t(`category.${s.category}`)}</td>
            <td>{s.wipLimit ?? t('noLimit')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Editor({ team }: { team: Team }) {
  const { t } = useTeamT('workflow');
  usePageTitle(t('title', { team: team.name }));
  const announce = useAnnounce();
  const can = boardPermissions(team.myRole);
  const workflow = useWorkflow(team.id);
  const actions = useWorkflowActions(team.id);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<{ status: WorkflowStatus; items: number | null } | null>(
    null,
  );
  const focusAfter = useRef<string | null>(null);
  const statuses = workflow.data?.statuses ?? [];

  // After a reorder the row's arrow keeps the focus (the row moved in the list).
  useLayoutEffect(() => {
    if (!focusAfter.current) return;
    const button = document.querySelector<HTMLButtonElement>(
      `[data-move="${CSS.escape(focusAfter.current)}"]`,
    );
    if (button && !button.disabled) button.focus();
    if (!busy) focusAfter.current = null;
  });

  const run = useCallback(
    async (task: () => Promise<unknown>, done?: string) => {
      setBusy(true);
      setProblem(undefined);
      try {
        await task();
        if (done) announce(done);
        return true;
      } catch (error) {
        setProblem(error);
        announce(error instanceof Error ? error.message : t('failed'), 'assertive');
        return false;
      } finally {
        setBusy(false);
      }
    },
    [announce, t],
  );

  const save = (status: WorkflowStatus, patch: StatusPatch) =>
    void run(() => actions.update(status, patch), t('saved', { name: patch.name ?? status.name }));
  const move = (status: WorkflowStatus, by: -1 | 1) => {
    const changes = reorder(statuses, status, by);
    if (changes.length === 0) return;
    const position = statuses.findIndex((s) => s.id === status.id) + 1 + by;
    focusAfter.current = `${status.id}:${by === -1 ? 'up' : 'down'}`;
    void run(
      async () => {
        for (const change of changes)
          await actions.update(change.status, { position: change.position });
      },
      t('moved', { name: status.name, position, total: statuses.length }),
    );
  };
  const remove = async (status: WorkflowStatus, moveItemsTo?: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await actions.remove(status, moveItemsTo);
      setDeleting(null);
      announce(t('deleted', { name: status.name }));
    } catch (error) {
      if (isProblem(error, 409) && error.code === 'status-in-use' && !moveItemsTo) {
        const items = (error.problem as { items?: number }).items ?? 1;
        setDeleting({ status, items });
      } else {
        setDeleting(null);
        setProblem(error);
        announce(error instanceof Error ? error.message : t('failed'), 'assertive');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="d-flex flex-wrap align-items-baseline gap-3 mb-3">
        <h1 className="mb-0">{t('title', { team: team.name })}</h1>
        <Link to={`/teams/${team.id}/board`}>{t('backToBoard')}</Link>
      </div>
      <p>{t('intro')}</p>
      {!can.workflow ? (
        <div className="callout note my-3" data-testid="read-only">
          <div className="callout-title">{t('readOnly')}</div>
        </div>
      ) : null}
      <ProblemAlert error={problem} title={problem ? t('problemTitle') : undefined} />
      {workflow.isPending ? <Loading /> : null}
      <ProblemAlert error={workflow.error} />
      {workflow.data ? (
        <>
          <WipMode
            workflow={workflow.data}
            edit={can.workflow}
            onChange={(mode) => void run(() => actions.setMode(mode), t(`mode.${mode}`))}
          />
          {can.workflow ? (
            <>
              <h2 className="h5">{t('columns')}</h2>
              <ol className="ritmo-wf-list" data-testid="workflow-columns">
                {statuses.map((status, i) => (
                  <ColumnRow
                    key={status.id}
                    status={status}
                    position={i + 1}
                    total={statuses.length}
                    busy={busy}
                    onSave={save}
                    onMove={move}
                    onDelete={(s) => setDeleting({ status: s, items: null })}
                  />
                ))}
              </ol>
              <AddColumn
                busy={busy}
                onAdd={(v) => run(() => actions.create(v), t('added', { name: v.name }))}
              />
            </>
          ) : (
            <ReadOnlyColumns statuses={statuses} />
          )}
        </>
      ) : null}
      {deleting ? (
        <DeleteColumnDialog
          status={deleting.status}
          others={statuses.filter((s) => s.id !== deleting.status.id)}
          items={deleting.items}
          busy={busy}
          onConfirm={(to) => void remove(deleting.status, to)}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}

export default function WorkflowPage() {
  const { teamId = '' } = useParams();
  useWorkflow(teamId);
  return <TeamPage teamId={teamId}>{(team) => <Editor team={team} />}</TeamPage>;
}
