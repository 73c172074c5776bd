import type { TeamMember } from '../../api/backlog';
import type { Conflict, ItemPatch } from '../../api/backlog-mutations';
import { useTeamT } from '../../i18n/vocabulary';
import { Dialog } from '../../ui/Dialog';

function show(value: unknown, members: TeamMember[], empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (Array.isArray(value))
    return value.length === 0
      ? empty
      : value
          .map((v: unknown) =>
            typeof v === 'object' && v ? ((v as { text?: string }).text ?? '') : String(v),
          )
          .join('; ');
  const member = members.find((m) => m.userId === value);
  return member ? member.displayName : scalar(value);
}

export function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return `${value}`;
  return JSON.stringify(value) ?? '';
}

/**
 * A 412: the server's current value beside the person's, field by field. Nothing typed is
 * lost: "apply mine" sends it again on the current version.
 */
export function ConflictDialog({
  conflict,
  members,
  onTakeTheirs,
  onApplyMine,
}: {
  conflict: Conflict;
  members: TeamMember[];
  onTakeTheirs: () => void;
  onApplyMine: () => void;
}) {
  const { t } = useTeamT('backlog');
  const fields = Object.keys(conflict.patch) as (keyof ItemPatch)[];
  const empty = t('conflict.empty');
  return (
    <Dialog
      open
      title={t('conflict.title')}
      onClose={onTakeTheirs}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary" onClick={onTakeTheirs}>
            {t('conflict.takeTheirs')}
          </button>
          <button type="button" className="btn btn-primary" onClick={onApplyMine}>
            {t('conflict.applyYours')}
          </button>
        </>
      }
    >
      <div data-testid="conflict-dialog">
        <p>{t('conflict.intro', { title: conflict.current.title })}</p>
        <table className="table table-sm">
          <thead>
            <tr>
              <th scope="col">{t('field.title')}</th>
              <th scope="col">{t('conflict.theirs')}</th>
              <th scope="col">{t('conflict.yours')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field}>
                <th scope="row">{t(`field.${field}`)}</th>
                <td data-testid="conflict-theirs">
                  {show(conflict.current[field as keyof typeof conflict.current], members, empty)}
                </td>
                <td data-testid="conflict-yours">{show(conflict.patch[field], members, empty)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
