import { useId, useState } from 'react';
import {
  useItemHistory,
  type BacklogItem,
  type HistoryEntry,
  type Label,
  type TeamMember,
} from '../../api/backlog';
import { formatDateTime } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { scalar } from './ConflictDialog';
import { Markdown } from './Markdown';

type Edit = (patch: Partial<BacklogItem>, base: Partial<BacklogItem>) => void;

export function DescriptionSection({
  item,
  canEdit,
  onEdit,
}: {
  item: BacklogItem;
  canEdit: boolean;
  onEdit: Edit;
}) {
  const { t } = useTeamT('backlog');
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <section aria-labelledby={`${id}-h`} className="mb-4">
      <h3 id={`${id}-h`} className="h6">
        {t('field.description')}
      </h3>
      {draft === null ? (
        <>
          {item.description ? (
            <Markdown source={item.description} />
          ) : (
            <p className="text-muted">{t('drawer.noDescription')}</p>
          )}
          {canEdit ? (
            <button
              type="button"
              className="btn btn-sm btn-outline-primary"
              onClick={() => setDraft(item.description)}
            >
              {t('drawer.edit')}
            </button>
          ) : null}
        </>
      ) : (
        <>
          <label htmlFor={`${id}-t`} className="visually-hidden">
            {t('field.description')}
          </label>
          <textarea
            id={`${id}-t`}
            className="form-control"
            rows={8}
            maxLength={20000}
            value={draft}
            aria-describedby={`${id}-help`}
            onChange={(e) => setDraft(e.target.value)}
          />
          <p id={`${id}-help`} className="form-text">
            {t('drawer.descriptionHelp')}
          </p>
          <h4 className="h6">{t('drawer.preview')}</h4>
          <Markdown source={draft} />
          <div className="d-flex gap-2">
            <button
              type="button"
              className="btn btn-sm btn-primary"
              onClick={() => {
                onEdit({ description: draft }, { description: item.description });
                setDraft(null);
              }}
            >
              {t('drawer.save')}
            </button>
            <button
              type="button"
              className="btn btn-sm btn-outline-primary"
              onClick={() => setDraft(null)}
            >
              {t('drawer.cancel')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** An ordered list of texts (acceptance criteria) or of checks (Definition of Ready). */
export function ListSection<T>({
  title,
  entries,
  text,
  canEdit,
  empty,
  addLabel,
  make,
  onChange,
  check,
}: {
  title: string;
  entries: T[];
  text: (entry: T) => string;
  canEdit: boolean;
  empty: string;
  addLabel: string;
  make: (text: string) => T;
  onChange: (next: T[]) => void;
  check?: { done: (entry: T) => boolean; toggle: (entry: T) => T };
}) {
  const { t } = useTeamT('backlog');
  const id = useId();
  const [draft, setDraft] = useState('');
  return (
    <section aria-labelledby={`${id}-h`} className="mb-4">
      <h3 id={`${id}-h`} className="h6">
        {title}
      </h3>
      {entries.length === 0 ? <p className="text-muted">{empty}</p> : null}
      <ol className="ritmo-entries">
        {entries.map((entry, i) => (
          <li key={`${i}-${text(entry)}`} className="d-flex align-items-center gap-2">
            {check ? (
              <span className="form-check mb-0">
                <input
                  type="checkbox"
                  className="form-check-input"
                  id={`${id}-${i}`}
                  checked={check.done(entry)}
                  disabled={!canEdit}
                  onChange={() => onChange(entries.map((e, j) => (j === i ? check.toggle(e) : e)))}
                />
                <label className="form-check-label" htmlFor={`${id}-${i}`}>
                  {text(entry)}
                </label>
              </span>
            ) : (
              <span>{text(entry)}</span>
            )}
            {canEdit ? (
              <button
                type="button"
                className="btn btn-sm btn-link"
                onClick={() => onChange(entries.filter((_, j) => j !== i))}
              >
                {t('drawer.remove', { text: text(entry) })}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {canEdit ? (
        <form
          className="d-flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const value = draft.trim();
            if (!value) return;
            onChange([...entries, make(value)]);
            setDraft('');
          }}
        >
          <label htmlFor={`${id}-new`} className="visually-hidden">
            {addLabel}
          </label>
          <input
            id={`${id}-new`}
            className="form-control form-control-sm"
            placeholder={addLabel}
            value={draft}
            maxLength={300}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="btn btn-sm btn-outline-primary">
            {t('drawer.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function valueText(
  field: string,
  value: unknown,
  ctx: { labels: Label[]; members: TeamMember[]; t: (k: string) => string },
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'assigneeId')
    return ctx.members.find((m) => m.userId === value)?.displayName ?? '—';
  if (field === 'labelIds' && Array.isArray(value))
    return value.map((id) => ctx.labels.find((l) => l.id === id)?.name ?? '?').join(', ') || '—';
  if (field === 'type' || field === 'status') return ctx.t(`${field}.${scalar(value)}`);
  if (field === 'readyChecklist' && Array.isArray(value))
    return (
      value
        .map((c: { text: string; done: boolean }) => `${c.done ? '☑' : '☐'} ${c.text}`)
        .join('; ') || '—'
    );
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ') || '—';
  const text = scalar(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** Who changed what, from the team's event log. */
export function HistorySection({
  teamId,
  itemId,
  labels,
  members,
  timeZone,
}: {
  teamId: string;
  itemId: string;
  labels: Label[];
  members: TeamMember[];
  timeZone: string;
}) {
  const { t, i18n } = useTeamT('backlog');
  const history = useItemHistory(teamId, itemId);
  const id = useId();
  const who = (entry: HistoryEntry) =>
    members.find((m) => m.userId === entry.actorId)?.displayName ?? t('drawer.someone');
  const what = (entry: HistoryEntry) =>
    entry.type === 'backlog_item.created'
      ? t('drawer.historyCreated')
      : entry.type === 'backlog_item.ranked'
        ? t('drawer.historyRanked')
        : entry.type === 'backlog_item.archived'
          ? t('drawer.historyArchived')
          : '';
  return (
    <section aria-labelledby={`${id}-h`} className="mb-4">
      <h3 id={`${id}-h`} className="h6">
        {t('drawer.history')}
      </h3>
      {history.data?.length === 0 ? <p className="text-muted">{t('drawer.noHistory')}</p> : null}
      <ol className="ritmo-history" data-testid="item-history">
        {[...(history.data ?? [])].reverse().map((entry) => (
          <li key={entry.seq}>
            <span className="fw-semibold">
              {formatDateTime(entry.occurredAt, i18n.language, timeZone)}
            </span>{' '}
            — {who(entry)}
            {what(entry) ? `: ${what(entry)}` : null}
            {entry.changes.length > 0 ? (
              <ul>
                {entry.changes.map((change) => (
                  <li key={change.field}>
                    {t(`field.${change.field}`, { defaultValue: change.field })}: {t('drawer.from')}{' '}
                    {valueText(change.field, change.from, { labels, members, t })} {t('drawer.to')}{' '}
                    {valueText(change.field, change.to, { labels, members, t })}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
