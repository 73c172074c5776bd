import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export interface ConflictRow {
  label: string;
  theirs: string;
  mine: string;
}

/**
 * Someone else saved first (412). Shows, field by field, the value now stored beside the
 * person's own; they take the stored values, or apply theirs on top of the current version.
 * Nothing typed is lost until they choose.
 */
export function ConflictDialog({
  open,
  rows,
  onTakeTheirs,
  onApplyMine,
  onClose,
}: {
  open: boolean;
  rows: ConflictRow[];
  onTakeTheirs: () => void;
  onApplyMine: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('conflict.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary" onClick={onTakeTheirs}>
            {t('conflict.takeTheirs')}
          </button>
          <button type="button" className="btn btn-primary" onClick={onApplyMine}>
            {t('conflict.applyMine')}
          </button>
        </>
      }
    >
      <p>{t('conflict.text')}</p>
      <table className="table table-sm" data-testid="conflict-table">
        <caption className="visually-hidden">{t('conflict.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('conflict.field')}</th>
            <th scope="col">{t('conflict.theirs')}</th>
            <th scope="col">{t('conflict.mine')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.theirs}</td>
              <td>{row.mine}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
