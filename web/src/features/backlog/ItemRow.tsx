import { useDraggable } from '@dnd-kit/core';
import { memo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { BacklogItem, Label, TeamMember } from '../../api/backlog';
import { ITEM_TYPES } from '../../api/backlog';
import type { ItemEdit } from '../../api/backlog-mutations';
import '../../ui/css-icons.css';
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
  /** The list's `t`: one translation hook for the list instead of one per mounted row. */
  t: (key: string, options?: Record<string, unknown>) => string;
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
  /** The list is being scrolled: a row mounted now draws its selects as text until it stops. */
  scrolling: boolean;
  ctx: RowContext;
}

const TYPE_ICON: Record<string, string> = {
  epic: 'ritmo-ico-folder',
  story: 'ritmo-ico-file',
  bug: 'ritmo-ico-error',
  task: 'ritmo-ico-check',
  spike: 'ritmo-ico-search',
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
  const { t } = ctx;
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

/**
 * A select's value as text in the select's box. A native select costs Chromium about ten times
 * a button to style and lay out; a list scrolled fast mounts a screenful of rows every frame,
 * which then can't be used until the scrolling stops anyway.
 */
function SelectText({ className, text }: { className: string; text: string }) {
  return <span className={`${className} ritmo-select-text`}>{text}</span>;
}

function ItemRowImpl(props: RowProps) {
  const { item, position, total, start, selected, moving, dropSide, scrolling, ctx } = props;
  const [editingTitle, setEditingTitle] = useState(false);
  // Once drawn with its selects, a row keeps them: one in use never turns into text under focus.
  const [full, setFull] = useState(!scrolling || moving);
  if (!full && (!scrolling || moving)) setFull(true);
  const { permissions: can, t } = ctx;
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
  const nameOf = (userId: string) =>
    ctx.members.find((m) => m.userId === userId)?.displayName ?? t('unassigned');
  const assigneeName = nameOf(item.assigneeId ?? '');

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
          className="ritmo-handle ritmo-ico ritmo-ico-more-items"
          aria-label={t('row.handle', { title: item.title })}
          aria-describedby={ctx.instructionsId}
          aria-pressed={moving}
          data-handle={item.id}
          disabled={pending}
          // eslint-disable-next-line react-hooks/refs -- dnd-kit's pointer handlers, not a ref read
          {...drag.listeners}
          onKeyDown={(e) => ctx.onHandleKey(item.id, e)}
        />
      ) : null}
      <span className="ritmo-pos" aria-hidden="true">
        {position}
      </span>
      {can.edit && !full ? (
        <SelectText className="ritmo-type" text={t(`type.${item.type}`)} />
      ) : can.edit ? (
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
        <span className={`ritmo-type-text ritmo-ico ${TYPE_ICON[item.type] ?? 'ritmo-ico-file'}`}>
          {t(`type.${item.type}`)}
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
                className="ritmo-icon-button ritmo-ico ritmo-ico-pencil"
                aria-label={t('row.editTitle', { title: item.title })}
                onClick={() => setEditingTitle(true)}
              />
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
      {can.edit && !full ? (
        <SelectText
          className="ritmo-estimate"
          text={item.estimate === null ? t('noEstimate') : String(item.estimate)}
        />
      ) : can.edit ? (
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
      {can.edit && !full ? (
        <SelectText className="ritmo-assignee" text={assigneeName} />
      ) : can.edit ? (
        <LiveSelect
          className="ritmo-assignee"
          aria-label={t('row.assigneeOf', { title: item.title })}
          value={item.assigneeId ?? ''}
          onValue={(v) => edit({ assigneeId: v === '' ? null : v })}
          labelOf={nameOf}
        >
          <option value="">{t('unassigned')}</option>
          {ctx.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}
            </option>
          ))}
        </LiveSelect>
      ) : (
        <span className="ritmo-assignee-text">{assigneeName}</span>
      )}
      <span
        className={
          item.ready ? 'ritmo-ready is-ready ritmo-ico ritmo-ico-check-circle' : 'ritmo-ready'
        }
      >
        {item.ready ? t('ready') : t('notReady')}
      </span>
      {can.rank ? (
        <button
          type="button"
          className="ritmo-icon-button ritmo-ico ritmo-ico-exchange-circle"
          aria-label={t('row.moveTo', { title: item.title })}
          disabled={pending}
          onClick={() => ctx.onMoveMenu(item.id)}
        />
      ) : null}
    </li>
  );
}

/** One compact row: every value in words (never colour alone), each editable in place. */
export const ItemRow = memo(ItemRowImpl);
