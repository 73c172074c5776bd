import { useId, useState } from 'react';
import type { WorkflowStatus } from '../../api/board';
import { useTeamT } from '../../i18n/vocabulary';
import { Dialog } from '../../ui/Dialog';

interface Props {
  status: WorkflowStatus;
  others: WorkflowStatus[];
  /** Set once the server said the column holds items: then the person says where they go. */
  items: number | null;
  busy: boolean;
  onConfirm: (moveItemsTo?: string) => void;
  onClose: () => void;
}

/** Confirms a column's deletion; when it holds items, asks which column they go to. */
export function DeleteColumnDialog({ status, others, items, busy, onConfirm, onClose }: Props) {
  const { t } = useTeamT('workflow');
  const id = useId();
  // The same category first: the items keep their status.
  const preferred = others.find((s) => s.category === status.category) ?? others[0];
  const [target, setTarget] = useState(preferred?.id ?? '');
  return (
    <Dialog
      open
      title={t('delete.title', { name: status.name })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary" onClick={onClose}>
            {t('delete.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy || (items !== null && !target)}
            onClick={() => onConfirm(items !== null ? target : undefined)}
          >
            {items !== null ? t('delete.moveAndDelete') : t('delete.confirm')}
          </button>
        </>
      }
    >
      {items === null ? (
        <p>{t('delete.question', { name: status.name })}</p>
      ) : (
        <>
          <p data-testid="delete-in-use">{t('delete.inUse', { count: items })}</p>
          <label htmlFor={`${id}-to`} className="form-label">
            {t('delete.moveTo')}
          </label>
          <select
            id={`${id}-to`}
            className="form-select"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({t(`category.${s.category}`)})
              </option>
            ))}
          </select>
        </>
      )}
    </Dialog>
  );
}
