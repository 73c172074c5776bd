import { useId, useState } from 'react';
import type { WorkflowStatus } from '../../api/board';
import type { StatusPatch } from '../../api/board-mutations';
import { useTeamT } from '../../i18n/vocabulary';
import { ColumnFields, type ColumnDraft } from './ColumnFields';

const draftOf = (s: WorkflowStatus): ColumnDraft => ({
  name: s.name,
  category: s.category,
  wipLimit: s.wipLimit === null ? '' : String(s.wipLimit),
});

/** What changed between the column and the draft, as the server's patch. */
export function patchOf(status: WorkflowStatus, draft: ColumnDraft): StatusPatch {
  const patch: StatusPatch = {};
  const name = draft.name.trim();
  if (name !== status.name) patch.name = name;
  if (draft.category !== status.category) patch.category = draft.category;
  const limit = draft.wipLimit.trim() === '' ? null : Number(draft.wipLimit);
  if (limit !== status.wipLimit) patch.wipLimit = limit;
  return patch;
}

interface Props {
  status: WorkflowStatus;
  position: number;
  total: number;
  busy: boolean;
  onSave: (status: WorkflowStatus, patch: StatusPatch) => void;
  onMove: (status: WorkflowStatus, by: -1 | 1) => void;
  onDelete: (status: WorkflowStatus) => void;
}

/** One column in the editor: name, category and WIP limit, saved together; order; delete. */
export function ColumnRow({ status, position, total, busy, onSave, onMove, onDelete }: Props) {
  const { t } = useTeamT('workflow');
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(status));
  // Someone else's change (an event) refills the row unless the person is editing it.
  const [seen, setSeen] = useState(status.version);
  const patch = patchOf(status, draft);
  const dirty = Object.keys(patch).length > 0;
  if (seen !== status.version) {
    setSeen(status.version);
    if (!dirty) setDraft(draftOf(status));
  }
  return (
    <li className="ritmo-wf-row" data-testid="workflow-column" data-status-id={status.id}>
      <form
        className="row g-2 align-items-end"
        aria-label={t('row.label', { name: status.name, position, total })}
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty && draft.name.trim() !== '') onSave(status, patch);
        }}
      >
        <ColumnFields id={id} draft={draft} onChange={setDraft} />
        <div className="col-12 col-md-4 d-flex flex-wrap gap-1">
          <button type="submit" className="btn btn-sm btn-primary" disabled={!dirty || busy}>
            {t('row.save')}
          </button>
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            data-move={`${status.id}:up`}
            aria-label={t('row.up', { name: status.name })}
            disabled={position === 1 || busy}
            onClick={() => onMove(status, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            data-move={`${status.id}:down`}
            aria-label={t('row.down', { name: status.name })}
            disabled={position === total || busy}
            onClick={() => onMove(status, 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="btn btn-sm btn-outline-danger"
            disabled={busy}
            aria-label={t('row.deleteOf', { name: status.name })}
            onClick={() => onDelete(status)}
          >
            {t('row.delete')}
          </button>
        </div>
      </form>
    </li>
  );
}
