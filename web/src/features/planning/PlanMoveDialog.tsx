import { useId, useState } from 'react';
import type { BacklogItem } from '../../api/backlog';
import { useTeamT } from '../../i18n/vocabulary';
import { Dialog } from '../../ui/Dialog';
import { MoveChoices } from '../../ui/MoveChoices';
import { indexIn, type PlanMove, type Side } from './moves';

type Where = 'sprintTop' | 'sprintBottom' | 'sprintBefore' | 'sprintAfter' | 'backlog';

/**
 * "Sposta in…": the same moves as a drag, chosen from a form — into the sprint at the top,
 * the bottom, before or after one of its items, or back to the backlog.
 */
export function PlanMoveDialog({
  id,
  side,
  title,
  sprintItems,
  onMove,
  onClose,
}: {
  id: string;
  side: Side;
  title: string;
  sprintItems: readonly BacklogItem[];
  onMove: (move: PlanMove) => void;
  onClose: () => void;
}) {
  const { t } = useTeamT('planning');
  const formId = useId();
  const others = sprintItems.filter((item) => item.id !== id);
  const [where, setWhere] = useState<Where>(side === 'backlog' ? 'sprintBottom' : 'backlog');
  const [anchor, setAnchor] = useState(others[0]?.id ?? '');
  const choices: Where[] = [
    'sprintTop',
    'sprintBottom',
    ...(others.length > 0 ? (['sprintBefore', 'sprintAfter'] as Where[]) : []),
    ...(side === 'sprint' ? (['backlog'] as Where[]) : []),
  ];

  const submit = () => {
    const base = { id, from: side };
    if (where === 'backlog') return onMove({ ...base, to: 'backlog', index: 0 });
    const at = indexIn(others, anchor);
    const index =
      where === 'sprintTop'
        ? 0
        : where === 'sprintBottom'
          ? others.length
          : where === 'sprintBefore'
            ? at
            : at + 1;
    onMove({ ...base, to: 'sprint', index });
  };

  return (
    <Dialog
      open
      title={t('move.dialogTitle', { title })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary" onClick={onClose}>
            {t('move.cancel')}
          </button>
          <button type="submit" form={formId} className="btn btn-primary">
            {t('move.submit')}
          </button>
        </>
      }
    >
      <form
        id={formId}
        data-testid="plan-move-dialog"
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
            where === 'sprintBefore' || where === 'sprintAfter'
              ? { label: t('move.anchor'), items: others, value: anchor, onChange: setAnchor }
              : undefined
          }
        />
      </form>
    </Dialog>
  );
}
