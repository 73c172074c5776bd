import { useId, useState } from 'react';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';

/** Title and Enter; pasting several lines makes one bulk create (one item per line). */
export function QuickCreate({
  create,
  bulkCreate,
}: {
  create: (title: string) => Promise<unknown>;
  bulkCreate: (text: string) => Promise<unknown[] | undefined>;
}) {
  const { t } = useTeamT('backlog');
  const announce = useAnnounce();
  const id = useId();
  const [title, setTitle] = useState('');
  return (
    <div className="ritmo-quick-create mb-3">
      <label htmlFor={id} className="form-label fw-semibold">
        {t('create.label')}
      </label>
      <input
        id={id}
        className="form-control"
        value={title}
        maxLength={200}
        aria-describedby={`${id}-hint`}
        data-testid="quick-create"
        onChange={(e) => setTitle(e.target.value)}
        onPaste={(e) => {
          const text = e.clipboardData.getData('text');
          const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
          if (lines.length < 2) return;
          e.preventDefault();
          void bulkCreate(text).then((items) => {
            if (items) announce(t('create.bulkCreated', { count: items.length }));
          });
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const value = title.trim();
          if (value === '') return;
          setTitle('');
          void create(value).then((item) => {
            if (item) announce(t('create.created', { title: value }));
            else setTitle(value);
          });
        }}
      />
      <div id={`${id}-hint`} className="form-text">
        {t('create.hint')}
      </div>
    </div>
  );
}
