import { useId, useState } from 'react';
import type { BacklogItem, Sprint } from '../../api/backlog';
import type { MoveTarget } from '../../api/backlog-mutations';
import { useTeamT } from '../../i18n/vocabulary';
import { Dialog } from '../../ui/Dialog';
import { MoveChoices } from '../../ui/MoveChoices';

type Where = 'top' | 'bottom' | 'before' | 'after' | 'sprint';

/**
 * "Sposta in…": top, bottom, before or after a chosen item, or into a sprint. The same rank
 * call as a drag; the choice of anchor is a native select (searchable by typing).
 */
export function MoveDialog({
  ids,
  items,
  sprints,
  onMove,
  onClose,
}: {
  ids: string[];
  /** The whole backlog in rank order. */
  items: readonly BacklogItem[];
  sprints: Sprint[] | undefined;
  onMove: (target: MoveTarget, label: string) => void;
  onClose: () => void;
}) {
  const { t } = useTeamT('backlog');
  const formId = useId();
  const [where, setWhere] = useState<Where>('top');
  const others = items.filter((item) => !ids.includes(item.id));
  const [anchor, setAnchor] = useState(others[0]?.id ?? '');
  const [sprint, setSprint] = useState(sprints?.[0]?.id ?? '');
  const title = items.find((item) => item.id === ids[0])?.title ?? '';
  const choices: Where[] = [
    'top',
    'bottom',
    'before',
    'after',
    ...(sprints ? (['sprint'] as Where[]) : []),
  ];

  const submit = () => {
    if (where === 'top' || where === 'bottom') onMove({ position: where }, t(`move.${where}`));
    else if (where === 'sprint') {
      const chosen = (sprints ?? []).find((s) => s.id === sprint);
      if (chosen) onMove({ sprintId: chosen.id }, chosen.name);
    } else if (anchor) onMove(where === 'before' ? { before: anchor } : { after: anchor }, '');
  };

  return (
    <Dialog
      open
      title={
        ids.length > 1
          ? t('move.dialogTitleMany', { count: ids.length })
          : `${t('move.dialogTitle')} «${title}»`
      }
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary" onClick={onClose}>
            {t('drawer.cancel')}
          </button>
          <button type="submit" form={formId} className="btn btn-primary">
            {t('move.submit')}
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <MoveChoices
          formId={formId}
          legend={t('move.where')}
          choices={choices}
          where={where}
          onWhere={setWhere}
          labelOf={(choice) => t(`move.${choice}`)}
          anchor={
            where === 'before' || where === 'after'
              ? { label: t('move.anchor'), items: others, value: anchor, onChange: setAnchor }
              : undefined
          }
        />
        {where === 'sprint' ? (
          <div className="mt-3">
            {sprints && sprints.length > 0 ? (
              <>
                <label htmlFor={`${formId}-sprint`} className="form-label">
                  {t('move.sprintSelect')}
                </label>
                <select
                  id={`${formId}-sprint`}
                  className="form-select"
                  value={sprint}
                  onChange={(e) => setSprint(e.target.value)}
                >
                  {sprints.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <p>{t('move.noSprints')}</p>
            )}
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
