import { useDraggable } from '@dnd-kit/core';
import { memo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { BacklogItem, Label, TeamMember } from '../../api/backlog';
import { ITEM_TYPES } from '../../api/backlog';
import type { ItemEdit } from '../../api/backlog-mutations';
import { useTeamT } from '../../i18n/vocabulary';
import { Icon } from '../../ui/Icon';
import { LiveSelect } from '../../ui/LiveSelect';
import type { BacklogPermissions } from './permissions';

export const ROW_HEIGHT = 52;

export interface RowContext {
  permissions: BacklogPermissions;
  pointScale: number[];
  members: TeamMember[];
  labels: Map<string, Label>;
  epics: Map<string, BacklogItem>;
  instructionsId: string;
  onEdit: (edit: ItemEdit) => void;
  onOpen: (itemId: string) => void;
  onMoveMenu: (itemId: string) => void;
  onSelect: (itemId: string, selected: boolean) => void;
  onHandleKey: (itemId: string, event: KeyboardEvent<HTMLButtonElement>) => void;
}

interface RowProps {
  item: BacklogItem;
  position: number;
  total: number;
  start: number;
  selected: boolean;
  moving: boolean;
  dropSide: 'before' | 'after' | null;
  ctx: RowContext;
}

const TYPE_ICON: Record<string, string> = {
  epic: 'it-folder',
  story: 'it-file',
  bug: 'it-error',
  task: 'it-check',
  spike: 'it-search',
};

function TitleEditor({
  item,
  ctx,
  onDone,
}: {
  item: BacklogItem;
  ctx: RowContext;
  onDone: () => void;
}) {
  const { t } = useTeamT('backlog');
  // The value and version when editing began: a title changed by someone else meanwhile is a
  // conflict the server reports (412), not something to overwrite silently.
  const [base] = useState(() => ({ version: item.version, title: item.title }));
  const [draft, setDraft] = useState(item.title);
  const save = () => {
    const title = draft.trim();
    if (title !== '' && title !== base.title)
      ctx.onEdit({
        itemId: item.id,
        patch: { title },
        base: { version: base.version, values: { title: base.title } },
      });
    onDone();
  };
  return (
    <input
      className="form-control form-control-sm ritmo-title-input"
      aria-label={t('row.titleInput', { title: base.title })}
      value={draft}
      maxLength={200}
      // The person asked to edit this field: the input takes the focus.
      autoFocus
      onChange={(e) => setDraft(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          save();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onDone();
        }
      }}
    />
  );
}

function ItemRowImpl({ item, position, total, start, selected, moving, dropSide, ctx }: RowProps) {
  const { t } = useTeamT('backlog');
  const [editingTitle, setEditingTitle] = useState(false);
  const { permissions: can } = ctx;
  const pending = item.id.startsWith('pending-');
  const drag = useDraggable({ id: item.id, disabled: !can.rank || pending });
  const epic = item.parentId ? ctx.epics.get(item.parentId) : undefined;
  const labels = item.labelIds
    .map((id) => ctx.labels.get(id))
    .filter((l): l is Label => Boolean(l));
  // `top`, not a transform: dnd-kit measures rows ignoring CSS transforms.
  const style: CSSProperties = { top: start, height: ROW_HEIGHT };
  const classes = [
    'ritmo-row',
    selected ? 'is-selected' : '',
    moving ? 'is-moving' : '',
    drag.isDragging ? 'is-dragging' : '',
    dropSide ? `drop-${dropSide}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const edit = (patch: ItemEdit['patch']) => ctx.onEdit({ itemId: item.id, patch });

  return (
    <li
      // eslint-disable-next-line react-hooks/refs -- dnd-kit's setter, a callback ref
      ref={drag.setNodeRef}
      className={classes}
      style={style}
      aria-posinset={position}
      aria-setsize={total}
      data-testid="backlog-row"
      data-item-id={item.id}
    >
      {can.rank ? (
        <input
          type="checkbox"
          className="ritmo-select"
          aria-label={t('row.select', { title: item.title })}
          checked={selected}
          onChange={(e) => ctx.onSelect(item.id, e.target.checked)}
        />
      ) : null}
      {can.rank ? (
        <button
          type="button"
          // eslint-disable-next-line react-hooks/refs -- dnd-kit's setter, a callback ref
          ref={drag.setActivatorNodeRef}
          className="ritmo-handle"
          aria-label={t('row.handle', { title: item.title })}
          aria-describedby={ctx.instructionsId}
          aria-pressed={moving}
          data-handle={item.id}
          disabled={pending}
          // eslint-disable-next-line react-hooks/refs -- dnd-kit's pointer handlers, not a ref read
          {...drag.listeners}
          onKeyDown={(e) => ctx.onHandleKey(item.id, e)}
        >
          <Icon name="it-more-items" size="sm" />
        </button>
      ) : null}
      <span className="ritmo-pos" aria-hidden="true">
        {position}
      </span>
      {can.edit ? (
        <LiveSelect
          className="ritmo-type"
          aria-label={t('row.typeOf', { title: item.title })}
          value={item.type}
          onValue={(v) => edit({ type: v as BacklogItem['type'] })}
          labelOf={(v) => t(`type.${v}`)}
        >
          {ITEM_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`type.${type}`)}
            </option>
          ))}
        </LiveSelect>
      ) : (
        <span className="ritmo-type-text">
          <Icon name={TYPE_ICON[item.type] ?? 'it-file'} size="sm" /> {t(`type.${item.type}`)}
        </span>
      )}
      <span className="ritmo-title">
        {editingTitle ? (
          <TitleEditor item={item} ctx={ctx} onDone={() => setEditingTitle(false)} />
        ) : (
          <>
            <button
              type="button"
              className="ritmo-title-button"
              onClick={() => ctx.onOpen(item.id)}
              data-testid="item-title"
            >
              {item.title}
            </button>
            {can.edit && !pending ? (
              <button
                type="button"
                className="ritmo-icon-button"
                aria-label={t('row.editTitle', { title: item.title })}
                onClick={() => setEditingTitle(true)}
              >
                <Icon name="it-pencil" size="sm" />
              </button>
            ) : null}
          </>
        )}
        {epic ? (
          <span className="ritmo-epic-chip">{t('row.epicOf', { title: epic.title })}</span>
        ) : null}
        {item.type === 'epic' && item.progress ? (
          <span className="ritmo-progress">
            {t('row.progress', { done: item.progress.itemsDone, items: item.progress.items })}
          </span>
        ) : null}
      </span>
      <span className="ritmo-labels">
        {labels.slice(0, 3).map((label) => (
          <span key={label.id} className="ritmo-label">
            <span className="ritmo-swatch" style={{ background: label.color }} aria-hidden="true" />
            {label.name}
          </span>
        ))}
        {labels.length > 3 ? <span className="ritmo-label">+{labels.length - 3}</span> : null}
      </span>
      {can.edit ? (
        <LiveSelect
          className="ritmo-estimate"
          aria-label={t('row.estimateOf', { title: item.title })}
          value={item.estimate === null ? '' : String(item.estimate)}
          onValue={(v) => edit({ estimate: v === '' ? null : Number(v) })}
          labelOf={(v) => (v === '' ? t('noEstimate') : v)}
        >
          <option value="">{t('noEstimate')}</option>
          {ctx.pointScale.map((p) => (
            <option key={p} value={String(p)}>
              {p}
            </option>
          ))}
        </LiveSelect>
      ) : (
        <span className="ritmo-estimate-text">
          {item.estimate === null ? t('noEstimateLong') : t('points', { count: item.estimate })}
        </span>
      )}
      {can.edit ? (
        <LiveSelect
          className="ritmo-assignee"
          aria-label={t('row.assigneeOf', { title: item.title })}
          value={item.assigneeId ?? ''}
          onValue={(v) => edit({ assigneeId: v === '' ? null : v })}
          labelOf={(v) => ctx.members.find((m) => m.userId === v)?.displayName ?? t('unassigned')}
        >
          <option value="">{t('unassigned')}</option>
          {ctx.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}
            </option>
          ))}
        </LiveSelect>
      ) : (
        <span className="ritmo-assignee-text">
          {ctx.members.find((m) => m.userId === item.assigneeId)?.displayName ?? t('unassigned')}
        </span>
      )}
      <span className={`ritmo-ready ${item.ready ? 'is-ready' : ''}`}>
        {item.ready ? <Icon name="it-check-circle" size="sm" /> : null}
        {item.ready ? t('ready') : t('notReady')}
      </span>
      {can.rank ? (
        <button
          type="button"
          className="ritmo-icon-button"
          aria-label={t('row.moveTo', { title: item.title })}
          disabled={pending}
          onClick={() => ctx.onMoveMenu(item.id)}
        >
          <Icon name="it-exchange-circle" size="sm" />
        </button>
      ) : null}
    </li>
  );
}

/** One compact row: every value in words (never colour alone), each editable in place. */
export const ItemRow = memo(ItemRowImpl);
