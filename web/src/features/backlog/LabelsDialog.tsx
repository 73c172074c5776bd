import { useId, useState } from 'react';
import type { Label } from '../../api/backlog';
import { useLabelActions } from '../../api/labels';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { Dialog } from '../../ui/Dialog';
import { ProblemAlert } from '../../ui/ProblemAlert';

function LabelEditor({
  label,
  actions,
}: {
  label: Label;
  actions: ReturnType<typeof useLabelActions>;
}) {
  const { t } = useTeamT('backlog');
  const announce = useAnnounce();
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState(label.color);
  const id = useId();
  const changed = name.trim() !== label.name || color !== label.color;
  return (
    <li className="d-flex align-items-center gap-2 mb-2" data-testid="label-row">
      <label htmlFor={`${id}-c`} className="visually-hidden">
        {t('labels.colorOf', { name: label.name })}
      </label>
      <input id={`${id}-c`} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
      <label htmlFor={`${id}-n`} className="visually-hidden">
        {t('labels.renameOf', { name: label.name })}
      </label>
      <input
        id={`${id}-n`}
        className="form-control form-control-sm"
        value={name}
        maxLength={50}
        onChange={(e) => setName(e.target.value)}
      />
      <button
        type="button"
        className="btn btn-sm btn-primary"
        disabled={!changed || name.trim() === ''}
        onClick={() => actions.update.mutate({ label, name: name.trim(), color })}
      >
        {t('labels.save')}
      </button>
      <button
        type="button"
        className="btn btn-sm btn-outline-danger"
        onClick={() => {
          if (window.confirm(t('labels.confirmDelete', { name: label.name })))
            actions.remove.mutate(label, {
              onSuccess: () => announce(t('labels.deleted', { name: label.name })),
            });
        }}
      >
        {t('labels.delete', { name: label.name })}
      </button>
    </li>
  );
}

/** The team's labels: create, rename, recolour, delete (taken off every item). */
export function LabelsDialog({
  teamId,
  labels,
  onClose,
}: {
  teamId: string;
  labels: Label[];
  onClose: () => void;
}) {
  const { t } = useTeamT('backlog');
  const announce = useAnnounce();
  const actions = useLabelActions(teamId);
  const id = useId();
  const [name, setName] = useState('');
  const [color, setColor] = useState('#0066cc');
  const error = actions.create.error ?? actions.update.error ?? actions.remove.error;
  return (
    <Dialog open title={t('labels.title')} onClose={onClose}>
      <ProblemAlert error={error} />
      {labels.length === 0 ? <p>{t('labels.none')}</p> : null}
      <ul className="list-unstyled">
        {labels.map((label) => (
          <LabelEditor key={`${label.id}-${label.version}`} label={label} actions={actions} />
        ))}
      </ul>
      <form
        className="d-flex align-items-end gap-2 mt-3"
        onSubmit={(e) => {
          e.preventDefault();
          const value = name.trim();
          if (!value) return;
          actions.create.mutate(
            { name: value, color },
            {
              onSuccess: () => {
                setName('');
                announce(t('labels.created', { name: value }));
              },
            },
          );
        }}
      >
        <div>
          <label htmlFor={`${id}-name`} className="form-label">
            {t('labels.name')}
          </label>
          <input
            id={`${id}-name`}
            className="form-control"
            value={name}
            maxLength={50}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-color`} className="form-label d-block">
            {t('labels.color')}
          </label>
          <input
            id={`${id}-color`}
            type="color"
            value={color}
            onChange={(e) => setColor(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary">
          {t('labels.add')}
        </button>
      </form>
    </Dialog>
  );
}
